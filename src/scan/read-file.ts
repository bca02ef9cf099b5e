// Reads a scanned file as text. Build and deployment files are small, and on a developer's machine or a CI
// runner that has just checked them out they are in the page cache: a synchronous open, read and close then
// cost a few microseconds. Through libuv's thread pool each of those calls is a hand-off to another thread
// and back, and on a 2-core machine the main thread lost about 90 µs per file to them (the bench corpus,
// every rule disabled: 1.85 s against 1.65 s read synchronously). Storage that answers slowly (a network
// file system, a cold disk) is where the thread pool earns its keep, since several reads can wait at once:
// the first read slower than `slowReadMs` moves every later one to it.
import { close, closeSync, fstat, fstatSync, open, openSync, read, readFileSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

/** Nearly every build or deployment file fits: one read, then the size is checked only for larger ones. */
const FIRST_READ_BYTES = 64 * 1024;

/** A read of a cached file takes microseconds; one this slow came from the storage itself. */
const SLOW_READ_MS = 5;

export class FileTooLargeError extends Error {
  readonly code = 'EFBIG';
  constructor(readonly maxBytes: number) {
    super(`larger than ${maxBytes} bytes`);
  }
}

export class FileReader {
  /** Set once a read was slow: reads then go through the thread pool, overlapping each other. */
  private overlapping = false;
  private readonly buffer = Buffer.allocUnsafe(FIRST_READ_BYTES);

  constructor(private readonly slowReadMs = SLOW_READ_MS) {}

  /** Whether reads now go through the thread pool. */
  get overlapsReads(): boolean {
    return this.overlapping;
  }

  /**
   * The whole file as UTF-8 text; rejects like fs.readFile does (ENOENT, EISDIR, EACCES…), and with
   * FileTooLargeError before reading a file over `maxBytes`.
   */
  async readText(path: string, maxBytes: number): Promise<string> {
    if (this.overlapping) return this.readOverlapped(path, maxBytes);
    const started = performance.now();
    try {
      return this.readNow(path, maxBytes);
    } finally {
      if (performance.now() - started > this.slowReadMs) this.overlapping = true;
    }
  }

  private readNow(path: string, maxBytes: number): string {
    const fd = openSync(path, 'r');
    try {
      const bytes = readSync(fd, this.buffer, 0, FIRST_READ_BYTES, 0);
      if (bytes < FIRST_READ_BYTES) return this.buffer.toString('utf8', 0, bytes);
      if (fstatSync(fd).size > maxBytes) throw new FileTooLargeError(maxBytes);
    } finally {
      closeSync(fd);
    }
    return readFileSync(path, 'utf8');
  }

  private async readOverlapped(path: string, maxBytes: number): Promise<string> {
    const fd = await openFile(path);
    try {
      const buffer = Buffer.allocUnsafe(FIRST_READ_BYTES);
      const bytes = await readInto(fd, buffer);
      if (bytes < FIRST_READ_BYTES) return buffer.toString('utf8', 0, bytes);
      if ((await sizeOf(fd)) > maxBytes) throw new FileTooLargeError(maxBytes);
    } finally {
      close(fd, () => {});
    }
    return readFile(path, 'utf8');
  }
}

// The thread-pool reads: open, one read, close in the background. fs.promises.readFile costs three times
// more per small file (a FileHandle, fstat, read, close); larger files fall back to it.
function openFile(path: string): Promise<number> {
  return new Promise((resolve, reject) =>
    open(path, 'r', (error, fd) => (error ? reject(error) : resolve(fd))),
  );
}

function readInto(fd: number, buffer: Buffer): Promise<number> {
  return new Promise((resolve, reject) =>
    read(fd, buffer, 0, buffer.length, 0, (error, bytes) => (error ? reject(error) : resolve(bytes))),
  );
}

function sizeOf(fd: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats.size))),
  );
}
