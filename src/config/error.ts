// A config file that cannot be used: one line naming the file, the position, the key and what is wrong, in
// the `file:line:column: message` form editors and terminals link to.
import { isAbsolute, relative } from 'node:path';

export class ConfigError extends Error {
  constructor(
    /** Absolute path of the config file. */
    readonly path: string,
    /** 1-based; undefined when the problem has no place in the file (it cannot be read). */
    readonly line: number | undefined,
    readonly column: number | undefined,
    /** The key the problem is about (`settings.digestSeverity`, `ignore[2].reason`); empty for the file. */
    readonly keyPath: string,
    /** The problem without the position. */
    readonly detail: string,
  ) {
    super(`${[displayPath(path), line, column].filter((part) => part !== undefined).join(':')}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Relative to the working directory when the file is below it, as compilers print paths. */
function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}
