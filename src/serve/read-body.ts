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

/** The body, read with stream events (an async iterator costs more per request than the body itself). */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.pause();
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    request.once('error', reject);
    request.once('aborted', () => reject(new Error('the client went away before the body was read')));
  });
}
