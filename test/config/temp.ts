// Temporary directory trees for config tests, removed after the test file.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A new directory holding `files` (path → text; a path ending in `/` is an empty directory). */
export async function tempTree(files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'dt10-config-'));
  made.push(root);
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
