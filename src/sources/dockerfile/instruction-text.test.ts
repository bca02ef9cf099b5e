import { describe, expect, it } from 'vitest';
import { isExecForm, joinContinuations, lineOffsets, splitFlags } from './instruction-text.js';

describe('lineOffsets', () => {
  it('starts every line, whatever breaks it', () => {
    expect(lineOffsets('')).toEqual([0]);
    expect(lineOffsets('a\nbc\n')).toEqual([0, 2, 5]);
    expect(lineOffsets('a\r\nb')).toEqual([0, 3]);
    expect(lineOffsets('a\rb\rc')).toEqual([0, 2, 4]);
  });
});

describe('joinContinuations', () => {
  it('removes the escape and the line break, adding nothing', () => {
    expect(joinContinuations(' apt-get install \\\n    curl', '\\')).toBe('apt-get install     curl');
    expect(joinContinuations(' a\\\nb', '\\')).toBe('ab');
  });

  it('takes blanks after the escape as a continuation too', () => {
    expect(joinContinuations(' a \\  \t\n b', '\\')).toBe('a  b');
  });

  it('takes a doubled escape at the end of a line as a continuation, as BuildKit does', () => {
    expect(joinContinuations(' echo \\\\\n done', '\\')).toBe('echo \\ done');
  });

  it('drops comment and blank lines inside a continuation', () => {
    expect(joinContinuations(' a \\\n  # note\n\n   \n  b \\\n#x\n  c', '\\')).toBe('a   b   c');
  });

  it('uses the escape character it is given', () => {
    expect(joinContinuations(' dir `\n  C:\\', '`')).toBe('dir   C:\\');
    expect(joinContinuations(' C:\\path\\', '`')).toBe('C:\\path\\');
  });

  it('keeps the lines after the instruction (heredoc bodies) as written', () => {
    expect(joinContinuations(' <<EOF\nline \\\n# kept\nEOF', '\\')).toBe('<<EOF\nline \\\n# kept\nEOF');
    expect(joinContinuations(' <<EOF \\\n  bash\necho\nEOF', '\\')).toBe('<<EOF   bash\necho\nEOF');
  });

  it('accepts CRLF and a continuation at the end of the text', () => {
    expect(joinContinuations(' a \\\r\n b\r\n', '\\')).toBe('a  b');
    expect(joinContinuations(' a \\', '\\')).toBe('a');
  });
});

describe('splitFlags', () => {
  it('splits leading flags and leaves the rest', () => {
    expect(splitFlags('--from=build --chown=1000:1000 /a /b')).toEqual({
      flags: { from: 'build', chown: '1000:1000' },
      all: [
        ['from', 'build'],
        ['chown', '1000:1000'],
      ],
      rest: '/a /b',
    });
  });

  it('reads a flag without a value as null and an empty value as empty', () => {
    expect(splitFlags('--link --chmod= a b')).toMatchObject({
      flags: { link: null, chmod: '' },
      rest: 'a b',
    });
  });

  it('removes quotes around a value', () => {
    expect(splitFlags(`--a="x y" --b='z' rest`)).toMatchObject({ flags: { a: 'x y', b: 'z' }, rest: 'rest' });
  });

  it('stops at the first word that is not a flag', () => {
    expect(splitFlags('echo --not-a-flag')).toEqual({ flags: {}, all: [], rest: 'echo --not-a-flag' });
    expect(splitFlags('--=x y')).toEqual({ flags: {}, all: [], rest: '--=x y' });
  });

  it('keeps repeated flags in order', () => {
    expect(splitFlags('--mount=type=cache,target=/a --mount=type=secret,id=x make').all).toEqual([
      ['mount', 'type=cache,target=/a'],
      ['mount', 'type=secret,id=x'],
    ]);
  });

  it('handles a flag that is the whole text', () => {
    expect(splitFlags('--network=host')).toEqual({
      flags: { network: 'host' },
      all: [['network', 'host']],
      rest: '',
    });
  });
});

describe('isExecForm', () => {
  it('is true only for a JSON array of strings', () => {
    expect(isExecForm('["a", "b"]')).toBe(true);
    expect(isExecForm('[]')).toBe(true);
    expect(isExecForm('["a", 1]')).toBe(false);
    expect(isExecForm('[a, b]')).toBe(false);
    expect(isExecForm("['a']")).toBe(false);
    expect(isExecForm('echo ["a"]')).toBe(false);
    expect(isExecForm('')).toBe(false);
  });
});
