import { describe, expect, it } from 'vitest';
import { splitAtBlanks, splitWords } from './words.js';

const texts = (text: string, mode: 'shell' | 'systemd') =>
  splitWords(text, 0, text.length, mode).words.map((w) => w.text);

describe('splitWords', () => {
  it('splits at blanks and takes quotes out, keeping where each character was', () => {
    const text = `a "b c" 'd e'f`;
    const { words } = splitWords(text, 0, text.length, 'shell');
    expect(words.map((w) => w.text)).toEqual(['a', 'b c', 'd ef']);
    expect(words.map((w) => w.start)).toEqual([0, 2, 8]);
    expect(words[1]!.offsets).toEqual([3, 4, 5]);
  });

  it('joins backslash-newline continuations', () => {
    expect(texts('--icc=false \\\n  --iptables=false \\\r\n-D', 'shell')).toEqual([
      '--icc=false',
      '--iptables=false',
      '-D',
    ]);
    expect(texts('--ic\\\nc', 'shell')).toEqual(['--icc']);
  });

  it('follows sh escapes: in double quotes only $ ` " \\ are escaped, nothing in single quotes', () => {
    expect(texts(String.raw`"a\"b\n" 'c\d' e\ f`, 'shell')).toEqual(['a"b\\n', 'c\\d', 'e f']);
  });

  it('follows systemd escapes', () => {
    expect(texts(String.raw`"a\sb" c\td 'e\'f'`, 'systemd')).toEqual(['a b', 'c\td', "e'f"]);
  });

  it('marks words that expand variables or specifiers', () => {
    const { words } = splitWords('dockerd $OPTS ${X} %i 100%% "$Y"', 0, 32, 'systemd');
    expect(words.map((w) => [w.text, w.expands])).toEqual([
      ['dockerd', false],
      ['$OPTS', true],
      ['${X}', true],
      ['%i', true],
      ['100%', false],
      ['$Y', true],
    ]);
  });

  it('shell: comments, operators and the first word of each command', () => {
    const { words } = splitWords('# c\nA=1 # x\nexport B="2 3"; C=4 && D=5\n', 0, 39, 'shell');
    expect(words.map((w) => [w.text, w.commandStart])).toEqual([
      ['A=1', true],
      ['export', true],
      ['B=2 3', false],
      ['C=4', true],
      ['D=5', true],
    ]);
  });

  it('reports a quote left open', () => {
    expect(splitWords(`a "b c`, 0, 6, 'shell')).toMatchObject({ unterminatedQuote: 2 });
    expect(splitWords(`a 'b c`, 0, 6, 'systemd')).toMatchObject({ unterminatedQuote: 2 });
  });
});

describe('splitAtBlanks', () => {
  it('splits a value as an unquoted expansion does, quotes kept as characters', () => {
    const [word] = splitWords(`"-H tcp://x:1  --log-opt 'tag=a b'"`, 0, 35, 'shell').words;
    const parts = splitAtBlanks(word!);
    expect(parts.map((p) => p.text)).toEqual(['-H', 'tcp://x:1', '--log-opt', "'tag=a", "b'"]);
    expect(parts.map((p) => p.start)).toEqual([1, 4, 15, 25, 32]);
  });
});
