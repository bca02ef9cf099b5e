// Judgements about an image reference that several rules share: is it pinned, and to what.
import type { ImageRef } from '../../subjects/image-ref.js';

/** The tag a reference resolves to: `latest` when it names none. */
export function effectiveTag(ref: ImageRef): string {
  return ref.tag ?? 'latest';
}

/** `nginx`, `nginx:latest`: a tag that moves with every push, and no digest holding it still. */
export function isLatest(ref: ImageRef): boolean {
  return ref.digest === undefined && effectiveTag(ref).toLowerCase() === 'latest';
}

/** Without a digest any tag can be pushed over: the image run tomorrow may not be today's. */
export function isMutable(ref: ImageRef): boolean {
  return ref.digest === undefined;
}

/** A reference that still holds `${VAR}` cannot be judged: the variable decides what it names. */
export function isJudgeable(ref: ImageRef): boolean {
  return !ref.unresolved && ref.raw !== '';
}
