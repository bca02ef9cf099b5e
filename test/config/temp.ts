// Temporary directory trees for config tests, removed after the test file.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeTempDir } from '../temp-dir.js';

/** A new directory holding `files` (path → text; a path ending in `/` is an empty directory). */
export async function tempTree(files: Record<string, string> = {}): Promise<string> {
  const root = makeTempDir('dt10-config');
  for (const [name, text] of Object.entries(files)) {
    const path = join(root, name);
    if (name.endsWith('/')) await mkdir(path, { recursive: true });
    else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    }
  }
  return root;
}
