// What rules that judge an image's filesystem share: how they name modes, sizes and lists of paths, and the
// path globs of settings such as `setuidAllowList`.
import type { ImageFile } from '../../subjects/index.js';

/** How many paths a finding's message and evidence show before `… and N more`. */
export const SHOWN_PATHS = 20;

/** `4755`: the permission bits in octal, with the setuid/setgid/sticky digit. */
export function modeText(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** `512 B`, `3.4 KiB`, `45.0 MiB`. */
export function sizeText(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** The first `shown` items joined by `, `, and `… and N more` for the rest. */
export function listText(items: readonly string[], shown = SHOWN_PATHS): string {
  const head = items.slice(0, shown).join(', ');
  return items.length > shown ? `${head}, … and ${items.length - shown} more` : head;
}

/** `/usr/bin/passwd (4755 0:0)`: a file with its mode and owner, for evidence. */
export function fileText(file: ImageFile): string {
  return `${file.path} (${modeText(file.mode)} ${file.uid}:${file.gid})`;
}

/** True when `path` is `directory` or inside it. */
export function isUnder(path: string, directory: string): boolean {
  return path === directory || path.startsWith(directory.endsWith('/') ? directory : `${directory}/`);
}

function globRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i]!;
    if (char === '*' && pattern[i + 1] === '*') {
      // `/**/` is zero or more directories; a trailing `/**` is everything below.
      if (pattern[i + 2] === '/') {
        source += '(?:[^/]*/)*';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * True when the absolute `path` matches `pattern`: `*` and `?` within one name, `**` across directories. A
 * pattern without a wildcard names a file, or a directory and everything below it.
 */
export function matchesPathGlob(path: string, pattern: string): boolean {
  const trimmed = pattern.length > 1 ? pattern.replace(/\/+$/, '') : pattern;
  if (!/[*?]/.test(trimmed)) return isUnder(path, trimmed);
  return globRegExp(trimmed).test(path);
}
