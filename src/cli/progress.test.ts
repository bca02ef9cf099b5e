import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressLine } from './progress.js';

function terminal(isTTY: boolean): Writable & { isTTY: boolean; text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as Writable & { isTTY: boolean; text: string };
  stream.isTTY = isTTY;
  stream.text = '';
  return stream;
}

describe('progressLine', () => {
  it('draws on a terminal for large engines and clears the line at the end', async () => {
    const stream = terminal(true);
    const progress = progressLine(stream)!;
    progress.update('unix:///a.sock', 1000, 1000);
    progress.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.text).toContain('reading containers: unix:///a.sock 1000/1000');
    expect(stream.text.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('stays silent off a terminal and for small engines', async () => {
    expect(progressLine(terminal(false))).toBeUndefined();
    const stream = terminal(true);
    const progress = progressLine(stream)!;
    progress.update('e', 10, 10);
    progress.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.text).toBe('');
  });
});
