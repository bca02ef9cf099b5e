// Finds the config file that governs a path: the nearest `.dt10.yaml` (or `.dt10.yml`) in its directory or
// above, as eslint and prettier find theirs. The search ends at a repository's top directory (one holding
// `.git`), so a checkout never picks up a config file from whatever directory it was cloned into.
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** Looked for in this order in each directory: `.dt10.yaml` wins when both are there. */
export const CONFIG_FILE_NAMES = ['.dt10.yaml', '.dt10.yml'] as const;

async function kindOf(path: string): Promise<'file' | 'directory' | 'other' | undefined> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
  } catch {
    return undefined;
  }
}

/**
 * The absolute path of the nearest config file for `startPath` (a file, a directory, or a path that does
 * not exist, which is searched from its parent), or undefined when there is none up to the filesystem
 * root or the first directory holding `.git` (a directory, or a file in worktrees and submodules).
 */
export async function findConfig(startPath: string): Promise<string | undefined> {
  const start = resolve(startPath);
  let directory = (await kindOf(start)) === 'directory' ? start : dirname(start);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(directory, name);
      if ((await kindOf(candidate)) === 'file') return candidate;
    }
    if ((await kindOf(join(directory, '.git'))) !== undefined) return undefined;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
