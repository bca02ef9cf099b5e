// The server's certificate and key, read from files and read again when they change. Kubernetes updates a
// Secret volume by writing a new directory and swapping the `..data` symlink to it, so the files' own
// inodes never change: the directories holding them (and those their symlinks lead to, for a file
// rewritten in place) are watched, and any event there re-reads both files after a pause (a swap, or a
// cert and key written one after the other, is several events). A new pair that does not load
// (unreadable, not PEM, a key that does not match) is logged and the old one kept serving.
import { type FSWatcher, readFileSync, realpathSync, watch } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createSecureContext } from 'node:tls';

export interface KeyPairFiles {
  cert: string;
  key: string;
}

export interface KeyPair {
  cert: Buffer;
  key: Buffer;
}

/** Reads and checks a pair; throws an Error naming the file and the problem. */
export function readKeyPair(files: KeyPairFiles): KeyPair {
  const read = (path: string, what: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(
        `cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        { cause: error },
      );
    }
  };
  const pair = { cert: read(files.cert, 'certificate'), key: read(files.key, 'key') };
  try {
    createSecureContext(pair);
  } catch (error) {
    throw new Error(
      `cannot use the certificate ${files.cert} with the key ${files.key}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return pair;
}

function samePair(a: KeyPair, b: KeyPair): boolean {
  return a.cert.equals(b.cert) && a.key.equals(b.key);
}

export class KeyPairWatcher {
  /** By directory: the files' own directories, and the directories their symlinks lead to now. */
  private readonly watchers = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly files: KeyPairFiles,
    private current: KeyPair,
    /** Puts a new pair in service (`server.setSecureContext`): new connections get it. */
    private readonly apply: (pair: KeyPair) => void,
    private readonly log: (line: string) => void,
    private readonly pauseMs = 250,
  ) {}

  start(): void {
    this.watchDirectories();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /** The named directories always; a symlink's target directory too, so a file rewritten in place is seen. */
  private directories(): Set<string> {
    const directories = new Set<string>();
    for (const file of [this.files.cert, this.files.key]) {
      directories.add(dirname(resolve(file)));
      try {
        directories.add(dirname(realpathSync(file)));
      } catch {
        // Gone for a moment during a swap: the named directory's watch sees it come back.
      }
    }
    return directories;
  }

  private watchDirectories(): void {
    const wanted = this.directories();
    for (const [directory, watcher] of this.watchers)
      if (!wanted.has(directory)) {
        watcher.close();
        this.watchers.delete(directory);
      }
    for (const directory of wanted) {
      if (this.watchers.has(directory)) continue;
      try {
        const watcher = watch(directory, () => this.schedule());
        watcher.on('error', (error) => {
          watcher.close();
          this.watchers.delete(directory);
          this.log(`stopped watching ${directory} for certificate changes: ${error.message}`);
        });
        this.watchers.set(directory, watcher);
      } catch (error) {
        this.log(`cannot watch ${directory} for certificate changes: ${(error as Error).message}`);
      }
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(), this.pauseMs);
  }

  private reload(): void {
    if (this.closed) return;
    this.watchDirectories();
    let pair: KeyPair;
    try {
      pair = readKeyPair(this.files);
    } catch (error) {
      this.log(`kept the previous certificate: ${(error as Error).message}`);
      return;
    }
    if (samePair(pair, this.current)) return;
    this.apply(pair);
    this.current = pair;
    this.log(`reloaded the certificate ${this.files.cert} and key ${this.files.key}`);
  }
}
