import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileReader, FileTooLargeError } from '../../src/scan/read-file.js';

const dir = mkdtempSync(join(tmpdir(), 'dt10-read-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// A reader that finds every read slow switches to the thread pool after its first read, so each case runs
// once through each way of reading.
const readers = {
  'synchronous reads': () => new FileReader(),
  'thread-pool reads': () => new FileReader(-1),
};

describe.each(Object.entries(readers))('FileReader, %s', (_name, make) => {
  async function read(path: string, maxBytes = 1024 * 1024): Promise<string> {
    const reader = make();
    await reader.readText(file('warm-up', 'x'), maxBytes);
    return reader.readText(path, maxBytes);
  }

  it('reads a small file as UTF-8', async () => {
    expect(await read(file('small', 'FROM alpine:3.20\nUSER 10001 # café ✓\n'))).toBe(
      'FROM alpine:3.20\nUSER 10001 # café ✓\n',
    );
  });

  it('reads an empty file', async () => {
    expect(await read(file('empty', ''))).toBe('');
  });

  it('reads files larger than its first read whole, a character across the boundary included', async () => {
    const text = `${'a'.repeat(64 * 1024 - 1)}é${'b'.repeat(100_000)}`;
    expect(await read(file('large', text))).toBe(text);
  });

  it('reads a file of exactly the first read size', async () => {
    const text = 'c'.repeat(64 * 1024);
    expect(await read(file('exact', text))).toBe(text);
  });

  it('refuses a file over the limit before reading it', async () => {
    await expect(read(file('too-large', 'd'.repeat(70 * 1024)), 65 * 1024)).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
  });

  it('rejects with the error code fs gives for a missing file and a directory', async () => {
    await expect(read(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    mkdirSync(join(dir, 'a-directory'), { recursive: true });
    await expect(read(join(dir, 'a-directory'))).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('keeps the text of earlier reads when later ones reuse its buffer', async () => {
    const reader = make();
    const first = await reader.readText(file('one', 'first file'), 1024);
    await reader.readText(file('two', 'second!'), 1024);
    expect(first).toBe('first file');
  });
});

describe('FileReader mode', () => {
  it('reads synchronously while reads are fast, and through the thread pool once one was slow', async () => {
    const fast = new FileReader(60_000);
    await fast.readText(file('f1', 'x'), 1024);
    expect(fast.overlapsReads).toBe(false);
    const slow = new FileReader(-1);
    expect(slow.overlapsReads).toBe(false);
    await slow.readText(file('f2', 'x'), 1024);
    expect(slow.overlapsReads).toBe(true);
  });

  it('a failed read counts as a read: a slow failure moves later reads to the thread pool', async () => {
    const reader = new FileReader(-1);
    await expect(reader.readText(join(dir, 'nope'), 1024)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(reader.overlapsReads).toBe(true);
  });
});
