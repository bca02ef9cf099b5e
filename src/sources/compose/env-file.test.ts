import { describe, expect, it } from 'vitest';
import { parseEnvFile } from './env-file.js';

const values = (text: string) => Object.fromEntries(parseEnvFile(text).map((e) => [e.name, e.value]));

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines with their line and column', () => {
    expect(parseEnvFile('A=1\n\n  B = two\n')).toEqual([
      { name: 'A', value: '1', line: 1, column: 1 },
      { name: 'B', value: 'two', line: 3, column: 3 },
    ]);
  });

  it('skips comments and blank lines, and strips ` #` comments of unquoted values', () => {
    expect(values('# comment\n  # indented\nA=x # note\nB=x#not-a-comment\n')).toEqual({
      A: 'x',
      B: 'x#not-a-comment',
    });
  });

  it('reads `export` prefixes', () => {
    expect(values('export A=1\nexport  B=2\n')).toEqual({ A: '1', B: '2' });
  });

  it('reads a bare KEY as taken from the host, and KEY= as empty', () => {
    const entries = parseEnvFile('FROM_HOST\nEMPTY=\n');
    expect(entries[0]).toEqual({ name: 'FROM_HOST', line: 1, column: 1 });
    expect(entries[0]!.value).toBeUndefined();
    expect(entries[1]!.value).toBe('');
  });

  it('reads double quotes with escapes and single quotes literally', () => {
    expect(values('A="a b"\nB=\'$x \\n\'\nC="line\\nnext \\"q\\" \\\\n"\nD=""\n')).toEqual({
      A: 'a b',
      B: '$x \\n',
      C: 'line\nnext "q" \\n',
      D: '',
    });
  });

  it('allows a comment after a quoted value', () => {
    expect(values('A="quoted" # comment\nB=\'x\'   # c\n')).toEqual({ A: 'quoted', B: 'x' });
  });

  it('reads quoted values that span lines', () => {
    const entries = parseEnvFile('KEY="-----BEGIN\nbody\n-----END"\nNEXT=1\n');
    expect(entries).toEqual([
      { name: 'KEY', value: '-----BEGIN\nbody\n-----END', line: 1, column: 1 },
      { name: 'NEXT', value: '1', line: 4, column: 1 },
    ]);
  });

  it('does not let a quote that never closes eat the rest of the file', () => {
    expect(values('A="open\nB=2\n')).toEqual({ A: '"open', B: '2' });
  });

  it('reads CRLF files and a byte order mark', () => {
    expect(values('\uFEFFA=1\r\nB=2\r\n')).toEqual({ A: '1', B: '2' });
  });

  it('allows dots and dashes in names, skips lines that are no assignment', () => {
    expect(values('my.var-x=1\n1BAD=2\n=3\njust words here\n')).toEqual({ 'my.var-x': '1' });
  });

  it('keeps `=` inside values', () => {
    expect(values('URL=postgres://u:p@h/db?sslmode=require\n')).toEqual({
      URL: 'postgres://u:p@h/db?sslmode=require',
    });
  });
});
