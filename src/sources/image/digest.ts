import { createHash, type Hash } from 'node:crypto';

export interface Digest {
  algorithm: 'sha256' | 'sha512';
  hex: string;
}

const PATTERN = /^(sha256):([0-9a-f]{64})$|^(sha512):([0-9a-f]{128})$/;

/** `sha256:<64 hex>` or `sha512:<128 hex>`; `undefined` for anything else (so a digest never makes a path). */
export function parseDigest(value: unknown): Digest | undefined {
  if (typeof value !== 'string') return undefined;
  const match = PATTERN.exec(value);
  if (match === null) return undefined;
  return match[1] !== undefined
    ? { algorithm: 'sha256', hex: match[2]! }
    : { algorithm: 'sha512', hex: match[4]! };
}

export function formatDigest(digest: Digest): string {
  return `${digest.algorithm}:${digest.hex}`;
}

/** The path of a blob in an OCI layout. */
export function blobPath(digest: Digest): string {
  return `blobs/${digest.algorithm}/${digest.hex}`;
}

/** The digest a blob path names (`blobs/sha256/<hex>`), as OCI layouts and newer docker saves store blobs. */
export function digestOfBlobPath(path: string): Digest | undefined {
  const match = /^blobs\/(sha256|sha512)\/([0-9a-f]+)$/.exec(path);
  return match ? parseDigest(`${match[1]}:${match[2]}`) : undefined;
}

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function hasher(algorithm: Digest['algorithm']): Hash {
  return createHash(algorithm);
}

/** `sha256:0123456789ab` for messages. */
export function short(digest: string): string {
  const colon = digest.indexOf(':');
  return colon < 0 ? digest.slice(0, 12) : digest.slice(0, colon + 13);
}
