// Whether a path is an image archive or layout, decided from a directory's entries or a tar's first bytes
// without loading the image reader (discovery asks this of every .tar and directory it meets).
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { looksLikeImageTar } from './tar-index.js';

/** The first `length` bytes of a file (fewer when it is shorter). */
export async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * True when `path` looks like an image to read with `readImage`: a directory holding `oci-layout` (or a
 * docker save's `manifest.json` and `repositories`), or a tar whose first member is one image archives start with. With `head`
 * (the file's first bytes, e.g. what discovery already read) no file is opened for a tar.
 */
/**
 * True when `path` looks like an image to read with `readImage`: a directory holding `oci-layout` (or a
 * docker save's `manifest.json` and `repositories`), or a tar whose first member is one image archives start with. With `head`
 * (the file's first bytes, e.g. what discovery already read) no file is opened for a tar.
 */
export async function looksLikeImage(path: string, head?: Uint8Array): Promise<boolean> {
  if (head !== undefined) return looksLikeImageTar(head);
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return false;
  if (info.isDirectory()) {
    const isFile = async (name: string) =>
      (await stat(join(path, name)).catch(() => undefined))?.isFile() === true;
    // manifest.json alone is too common a name (web app manifests): an unpacked docker save also has repositories.
    return (
      (await isFile('oci-layout')) || ((await isFile('manifest.json')) && (await isFile('repositories')))
    );
  }
  if (!info.isFile()) return false;
  return looksLikeImageTar(await readHead(path, 64 * 1024));
}
