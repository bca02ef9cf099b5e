import { describe, expect, it } from 'vitest';
import { expand, parseAssignments, wordValue } from './variables.js';

const vars = new Map([
  ['SET', 'value'],
  ['EMPTY', ''],
  ['NUM', '42'],
]);

describe('expand', () => {
  it('expands $NAME and ${NAME}', () => {
    expect(expand('a-$SET-${NUM}', vars)).toBe('a-value-42');
    expect(expand('${SET}suffix $SETsuffix', vars)).toBe('valuesuffix $SETsuffix');
  });

  it('keeps unknown variables as written', () => {
    expect(expand('$NOPE ${NOPE}', vars)).toBe('$NOPE ${NOPE}');
  });

  it('applies the default and alternative operators', () => {
    expect(expand('${SET:-d} ${EMPTY:-d} ${NOPE:-d}', vars)).toBe('value d d');
    expect(expand('${SET-d} ${EMPTY-d} ${NOPE-d}', vars)).toBe('value  d');
    expect(expand('${SET:+a} ${EMPTY:+a} ${NOPE:+a}', vars)).toBe('a  ');
    expect(expand('${SET+a} ${EMPTY+a} ${NOPE+a}', vars)).toBe('a a ');
  });

  it('keeps a required variable visible when it is missing', () => {
    expect(expand('${SET:?required} ${NOPE:?required} ${EMPTY:?x} ${EMPTY?x}', vars)).toBe(
      'value ${NOPE:?required} ${EMPTY:?x} ',
    );
  });

  it('expands variables inside a default', () => {
    expect(expand('${NOPE:-${SET}-x}', vars)).toBe('value-x');
  });

  it('leaves an escaped dollar, a lone dollar and an unclosed brace alone', () => {
    expect(expand('\\$SET', vars)).toBe('$SET');
    expect(expand('`$SET', vars, '`')).toBe('$SET');
    expect(expand('cost $ 5 $', vars)).toBe('cost $ 5 $');
    expect(expand('${SET', vars)).toBe('${SET');
    expect(expand('${1abc} ${SET:3}', vars)).toBe('${1abc} ${SET:3}');
  });
});

describe('parseAssignments', () => {
  it('reads names with and without values', () => {
    expect(parseAssignments('A=1 B C="x y"', '\\', false)).toEqual([
      { name: 'A', value: '1' },
      { name: 'B' },
      { name: 'C', value: '"x y"' },
    ]);
  });

  it('reads the legacy ENV form when asked', () => {
    expect(parseAssignments('NAME some value', '\\', true)).toEqual([{ name: 'NAME', value: 'some value' }]);
    expect(parseAssignments('NAME=a OTHER=b', '\\', true)).toEqual([
      { name: 'NAME', value: 'a' },
      { name: 'OTHER', value: 'b' },
    ]);
  });

  it('skips words that are not a name', () => {
    expect(parseAssignments('1A=x =y ok=1', '\\', false)).toEqual([{ name: 'ok', value: '1' }]);
    expect(parseAssignments('', '\\', true)).toEqual([]);
  });

  it('keeps escaped blanks inside a value', () => {
    expect(parseAssignments('A=x\\ y B=z', '\\', false)).toEqual([
      { name: 'A', value: 'x\\ y' },
      { name: 'B', value: 'z' },
    ]);
  });
});

describe('wordValue', () => {
  it('expands, then removes quotes and escapes', () => {
    expect(wordValue('"$SET and more"', vars, '\\')).toBe('value and more');
    expect(wordValue("'single'", vars, '\\')).toBe('single');
    expect(wordValue('x\\ y', vars, '\\')).toBe('x y');
    expect(wordValue('"say \\"hi\\""', vars, '\\')).toBe('say "hi"');
    expect(wordValue('"unclosed', vars, '\\')).toBe('unclosed');
  });
});
