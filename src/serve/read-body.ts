// Request bodies of the admission servers, bounded: a request larger than the limit is refused before it
// is buffered whole, so a hostile client cannot make the server hold gigabytes.
import type { IncomingMessage } from 'node:http';

/** 3 MiB: Kubernetes caps objects at about 1.5 MiB in etcd; a review holds the object and its old version. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
  }
}

export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLarge(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}
