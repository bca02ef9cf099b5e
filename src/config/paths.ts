// Which paths `exclude` leaves out (`ignore` entries are applied with the other suppressions, in
// src/policy/suppress.ts). Globs are gitignore syntax
// (the `ignore` package, as discovery reads .gitignore files) relative to the config file's directory, so
// a config means the same wherever dt10 is started from.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import type { Dt10Config } from './types.js';

export interface ConfigMatcher {
  /** Whether a path (absolute, or relative to `cwd`) is left out of the scan by `exclude`. */
  isExcluded(path: string, isDirectory?: boolean): boolean;
}

/**
 * `path` (absolute, or relative to `cwd`) as a glob relative to `directory` sees it, with `/` separators;
 * undefined for the directory itself and for paths outside it, which no glob of that directory matches.
 */
export function pathInside(directory: string, cwd: string, path: string): string | undefined {
  const rel = relative(directory, resolve(cwd, path));
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export function configMatcher(config: Dt10Config, options: { cwd?: string } = {}): ConfigMatcher {
  const cwd = options.cwd ?? process.cwd();
  const excludes = ignore().add(config.exclude);
  return {
    isExcluded(path, isDirectory = false) {
      const rel = pathInside(config.directory, cwd, path);
      return rel !== undefined && excludes.ignores(isDirectory ? `${rel}/` : rel);
    },
  };
}
