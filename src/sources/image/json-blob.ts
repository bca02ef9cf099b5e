// Small JSON documents of an image (manifests, indexes, configs): read whole under a size cap, hashed, checked
// against the digest that names them, parsed. Each is read once per image read.
import { createHash } from 'node:crypto';
import { formatDigest, short, type Digest } from './digest.js';
import type { ProblemLog } from './problems.js';
import { readWhole, type BlobStore } from './store.js';

export interface JsonBlob {
  value: unknown;
  /** The digest of the bytes, in the expected digest's algorithm (sha256 when none was expected). */
  digest: string;
  /** An expected digest was given and matched. */
  verified: boolean;
  size: number;
}

export interface JsonReader {
  store: BlobStore;
  problems: ProblemLog;
  maxJsonBytes: number;
  cache: Map<string, JsonBlob | undefined>;
}

/**
 * The JSON document at `member`, or `undefined` (with an error logged naming `what`) when it is missing,
 * too large or not JSON. A digest mismatch is logged too, but the document is still returned (unverified).
 */
export async function readJson(
  reader: JsonReader,
  member: string,
  what: string,
  expected?: Digest,
  declaredSize?: number,
): Promise<JsonBlob | undefined> {
  const key = `${member}\u0000${expected ? formatDigest(expected) : ''}`;
  if (reader.cache.has(key)) return reader.cache.get(key);
  const blob = await load(reader, member, what, expected, declaredSize);
  reader.cache.set(key, blob);
  return blob;
}

async function load(
  reader: JsonReader,
  member: string,
  what: string,
  expected: Digest | undefined,
  declaredSize: number | undefined,
): Promise<JsonBlob | undefined> {
  const read = await readWhole(reader.store, member, reader.maxJsonBytes);
  if ('missing' in read) {
    reader.problems.error(`${what} cannot be read: ${read.missing}`, { path: member });
    return undefined;
  }
  const bytes = read.bytes;
  const digest = `${expected?.algorithm ?? 'sha256'}:${createHash(expected?.algorithm ?? 'sha256')
    .update(bytes)
    .digest('hex')}`;
  let verified = false;
  if (expected !== undefined) {
    verified = digest === formatDigest(expected);
    if (!verified) {
      reader.problems.error(
        `${what} does not match its digest: named ${short(formatDigest(expected))}, its bytes hash to ${short(digest)}`,
        { path: member, digestMismatch: what },
      );
    }
  }
  if (declaredSize !== undefined && declaredSize !== bytes.length) {
    verified = false;
    reader.problems.error(`${what} is ${bytes.length} bytes, its descriptor says ${declaredSize}`, {
      digestMismatch: what,
      path: member,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    reader.problems.error(`${what} is not JSON: ${(error as Error).message}`, { path: member });
    return undefined;
  }
  return { value, digest, verified, size: bytes.length };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
