// What every host reader shares: paths under the root, reads that record what could not be read as unknown
// rather than failing, and the process table read once.
import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import type { SourceLocation } from '../../core/location.js';
import type { HostUnknown } from '../../subjects/host-facts.js';
import { readProcesses, type HostProcess } from './processes.js';

/** Files read whole are small system files; anything larger is cut (and said so by `truncated`). */
const MAX_TEXT_BYTES = 4 * 1024 * 1024;

export class HostContext {
  readonly unknown: HostUnknown[] = [];
  private processList: Promise<HostProcess[]> | undefined;

  /** `root` is `/` or the directory a host's filesystem is mounted at (`--root /host`). */
  constructor(readonly root: string) {}

  /** The path of the host file `path` (absolute on the host) as dt10 reads it. */
  path(path: string): string {
    return this.root === '/' ? path : join(this.root, path);
  }

  /** The location of line `line` of the host file `path`. */
  at(path: string, line = 1, column = 1): SourceLocation {
    return { path: this.path(path), line, column };
  }

  /** Records that `what` could not be found out from `path`. */
  unknownFact(what: string, path: string, why: string): void {
    this.unknown.push({ what, path: this.path(path), why });
  }

  /** The text of a host file, or undefined (recorded as unknown for `what` unless it is just absent and `optional`). */
  async text(path: string, what: string, optional = false): Promise<string | undefined> {
    try {
      const buffer = await readFile(this.path(path));
      return buffer.subarray(0, MAX_TEXT_BYTES).toString('utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      if (!(optional && code === 'ENOENT')) this.unknownFact(what, path, code);
      return undefined;
    }
  }

  /** Entry names of a host directory; undefined when it cannot be listed (recorded unless absent and optional). */
  async list(path: string, what: string, optional = false): Promise<string[] | undefined> {
    try {
      return await readdir(this.path(path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      if (!(optional && code === 'ENOENT')) this.unknownFact(what, path, code);
      return undefined;
    }
  }

  /** `stat` of a host path, or undefined (never recorded: callers know whether absence matters). */
  async stat(path: string): Promise<Stats | undefined> {
    return stat(this.path(path)).catch(() => undefined);
  }

  async readlink(path: string): Promise<string | undefined> {
    return readlink(this.path(path)).catch(() => undefined);
  }

  /** Every process of the host, read once from /proc (see processes.ts). */
  processes(): Promise<HostProcess[]> {
    this.processList ??= readProcesses(this);
    return this.processList;
  }
}
