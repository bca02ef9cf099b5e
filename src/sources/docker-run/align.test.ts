import { describe, expect, it } from 'vitest';
import { alignText } from './align.js';

describe('alignText', () => {
  it('maps a value character to the file character it came from', () => {
    const source = 'k: "a\\"b"';
    const map = alignText(source, 3, 'a"b');
    expect([...map].map((offset) => source[offset])).toEqual(['a', '"', 'b', '"']);
  });

  it('steps over indentation and line breaks of a block', () => {
    const source = 'run: |\n  a \\\n    -b\n';
    const map = alignText(source, 5, 'a \\\n  -b\n');
    expect(source.slice(map[6]!, map[6]! + 2)).toBe('-b');
  });

  it('never points outside the text, whatever it is given', () => {
    const map = alignText('x', 5, 'abc');
    for (const offset of map) expect(offset).toBeLessThanOrEqual(1);
  });
});
