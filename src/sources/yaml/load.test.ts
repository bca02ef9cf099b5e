import { describe, expect, it } from 'vitest';
import { loadYaml, YamlSyntaxError } from './load.js';

type Doc = Record<string, unknown>;

/** `line:column` of a key, value or item, for compact expectations. */
function at(location: { line: number; column: number } | undefined): string | undefined {
  return location && `${location.line}:${location.column}`;
}

function load(text: string) {
  const { documents, positions } = loadYaml(text, 'f.yaml');
  return {
    documents,
    positions,
    key: (node: unknown, key: string) => at(positions.key(node, key)),
    value: (node: unknown, key: string) => at(positions.value(node, key)),
    item: (node: unknown, index: number) => at(positions.item(node, index)),
    of: (node: unknown) => at(positions.of(node)),
  };
}

describe('loadYaml positions', () => {
  it('gives keys and values of a block mapping', () => {
    const y = load('a: 1\nbb:  two\nnested:\n  inner: x\n');
    const doc = y.documents[0] as Doc;
    expect(y.key(doc, 'a')).toBe('1:1');
    expect(y.value(doc, 'a')).toBe('1:4');
    expect(y.key(doc, 'bb')).toBe('2:1');
    expect(y.value(doc, 'bb')).toBe('2:6');
    expect(y.key(doc.nested, 'inner')).toBe('4:3');
    expect(y.value(doc.nested, 'inner')).toBe('4:10');
    expect(y.of(doc.nested)).toBe('4:3');
  });

  it('skips comments and blank lines before a value', () => {
    const y = load('key:\n  # a comment\n\n  # another\n  value\nnext: 1\n');
    const doc = y.documents[0] as Doc;
    expect(doc.key).toBe('value');
    expect(y.value(doc, 'key')).toBe('5:3');
    expect(y.key(doc, 'next')).toBe('6:1');
  });

  it('gives items of block sequences, indented or not, and nested', () => {
    const y = load('list:\n  - a\n  -   b\nflat:\n- c\n- - d\n  - e\n');
    const doc = y.documents[0] as Doc;
    expect(y.item(doc.list, 0)).toBe('2:5');
    expect(y.item(doc.list, 1)).toBe('3:7');
    expect(y.item(doc.flat, 0)).toBe('5:3');
    const nested = (doc.flat as unknown[])[1];
    expect(y.item(nested, 0)).toBe('6:5');
    expect(y.item(nested, 1)).toBe('7:5');
  });

  it('gives items of flow sequences and keys of flow mappings', () => {
    const y = load('ports: ["80:80", 443,"8443"]\nlimits: {cpu: 1, memory: 2Gi}\n');
    const doc = y.documents[0] as Doc;
    expect(y.item(doc.ports, 0)).toBe('1:9');
    expect(y.item(doc.ports, 1)).toBe('1:18');
    expect(y.item(doc.ports, 2)).toBe('1:22');
    expect(y.key(doc.limits, 'cpu')).toBe('2:10');
    expect(y.value(doc.limits, 'memory')).toBe('2:26');
  });

  it('keeps positions of flow mappings with keys that have no value', () => {
    const y = load('m: {a, b: c}\n');
    const m = (y.documents[0] as Doc).m;
    expect(m).toEqual({ a: null, b: 'c' });
    expect(y.key(m, 'a')).toBe('1:5');
    expect(y.value(m, 'a')).toBe('1:5');
    expect(y.key(m, 'b')).toBe('1:8');
    expect(y.value(m, 'b')).toBe('1:11');
  });

  it('gives single-pair items of a flow sequence their mapping positions', () => {
    const y = load('s: [a: b, c]\n');
    const s = (y.documents[0] as Doc).s as unknown[];
    expect(y.item(s, 0)).toBe('1:5');
    expect(y.key(s[0], 'a')).toBe('1:5');
    expect(y.value(s[0], 'a')).toBe('1:8');
    expect(y.item(s, 1)).toBe('1:11');
  });

  it('keeps item positions when block items are empty', () => {
    const y = load('s:\n  -\n  - x\n  -\n  # - not an item\n  - ~\n  -\n');
    const s = (y.documents[0] as Doc).s as unknown[];
    expect(s).toEqual([null, 'x', null, null, null]);
    expect(y.item(s, 0)).toBeUndefined();
    expect(y.item(s, 1)).toBe('3:5');
    expect(y.item(s, 2)).toBeUndefined();
    expect(y.item(s, 3)).toBe('6:5');
    expect(y.item(s, 4)).toBeUndefined();
  });

  it('gives explicit keys (`? key`) their positions', () => {
    const y = load('? a\n: b\n? c\nd: e\n');
    const doc = y.documents[0] as Doc;
    expect(y.key(doc, 'a')).toBe('1:3');
    expect(y.value(doc, 'a')).toBe('2:3');
    expect(y.key(doc, 'c')).toBe('3:3');
    expect(y.key(doc, 'd')).toBe('4:1');
  });

  it('records every document of a multi-document file, whatever separates them', () => {
    const y = load('---\nkind: A\n---\n# comment\nkind: B\n...\n---\nkind: C\n');
    expect(y.documents).toHaveLength(3);
    expect(y.key(y.documents[0], 'kind')).toBe('2:1');
    expect(y.key(y.documents[1], 'kind')).toBe('5:1');
    expect(y.key(y.documents[2], 'kind')).toBe('8:1');
  });

  it('places an empty value at its key, not at what follows', () => {
    const y = load('a:\nb:\n  # c\nc: 1\n');
    const doc = y.documents[0] as Doc;
    expect(doc).toEqual({ a: null, b: null, c: 1 });
    expect(y.value(doc, 'a')).toBe('1:1');
    expect(y.value(doc, 'b')).toBe('2:1');
    expect(y.value(doc, 'c')).toBe('4:4');
  });

  it('records a document that ends in an empty value before the next one', () => {
    const y = load('a:\nb: 1\n---\nc: 2\n');
    expect(y.key(y.documents[0], 'a')).toBe('1:1');
    expect(y.key(y.documents[0], 'b')).toBe('2:1');
    expect(y.key(y.documents[1], 'c')).toBe('4:1');
  });

  it('points merged keys (`<<: *anchor`) at the anchored lines, own keys at their own', () => {
    const text = [
      'base: &base', // 1
      '  user: root', // 2
      '  privileged: true', // 3
      'other: &other {cap: x}', // 4
      'svc:', // 5
      '  <<: [*base, *other]', // 6
      '  user: app', // 7
    ].join('\n');
    const y = load(text);
    const svc = (y.documents[0] as Doc).svc;
    expect(svc).toEqual({ user: 'app', privileged: true, cap: 'x' });
    expect(y.key(svc, 'privileged')).toBe('3:3');
    expect(y.value(svc, 'privileged')).toBe('3:15');
    expect(y.key(svc, 'cap')).toBe('4:16');
    expect(y.key(svc, 'user')).toBe('7:3');
    expect(y.key(svc, '<<')).toBeUndefined();
  });

  it('keeps the anchor positions of an aliased mapping and sequence', () => {
    const y = load('a: &m {k: v}\nb: *m\nc: &s [1, 2]\nd: *s\n');
    const doc = y.documents[0] as Doc;
    expect(doc.b).toBe(doc.a);
    expect(y.key(doc.b, 'k')).toBe('1:8');
    expect(y.item(doc.d, 1)).toBe('3:11');
  });

  it('counts CRLF and lone CR line breaks', () => {
    const crlf = load('a: 1\r\nb:\r\n  - x\r\n');
    expect(crlf.key(crlf.documents[0], 'b')).toBe('2:1');
    expect(crlf.item((crlf.documents[0] as Doc).b, 0)).toBe('3:5');
    const cr = load('a: 1\rb: 2\r');
    expect(cr.key(cr.documents[0], 'b')).toBe('2:1');
  });

  it('does not count a byte order mark as a column', () => {
    const y = load('\uFEFFa: 1\nb: [x,y]\n');
    const doc = y.documents[0] as Doc;
    expect(y.key(doc, 'a')).toBe('1:1');
    expect(y.value(doc, 'a')).toBe('1:4');
    expect(y.item(doc.b, 1)).toBe('2:7');
  });

  it('points at scalars after tags and anchors at the property', () => {
    const y = load('a: !!str 1\nb: &x 2\n');
    const doc = y.documents[0] as Doc;
    expect(doc.a).toBe('1');
    expect(y.value(doc, 'a')).toBe('1:4');
    expect(y.value(doc, 'b')).toBe('2:4');
  });

  it('handles scalars that start with a dash without taking them for items', () => {
    const y = load('args:\n  - --flag\n  - -1\n');
    const args = (y.documents[0] as Doc).args;
    expect(y.item(args, 0)).toBe('2:5');
    expect(y.item(args, 1)).toBe('3:5');
  });

  it('survives anchors that make a node contain itself', () => {
    const y = load('a: &a\n  self: *a\n  k: v\n');
    const a = (y.documents[0] as Doc).a as Doc;
    expect(a.self).toBe(a);
    expect(y.key(a, 'k')).toBe('3:3');
  });

  it('never throws on lookups of things it does not know', () => {
    const y = load('a: 1\n');
    expect(y.positions.key(null, 'a')).toBeUndefined();
    expect(y.positions.key({}, 'a')).toBeUndefined();
    expect(y.positions.value('text', 'a')).toBeUndefined();
    expect(y.positions.item({}, 0)).toBeUndefined();
    expect(y.positions.item([], 3)).toBeUndefined();
    expect(y.positions.of(42)).toBeUndefined();
  });

  it('reads empty input as no document, comment-only input as one empty document', () => {
    expect(load('').documents).toEqual([]);
    expect(load('# nothing\n').documents).toEqual([null]);
  });
});

describe('loadYaml errors', () => {
  function syntaxError(text: string): YamlSyntaxError {
    try {
      loadYaml(text, 'f.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(YamlSyntaxError);
      return error as YamlSyntaxError;
    }
    throw new Error('expected a YamlSyntaxError');
  }

  it('gives 1-based line and column of a syntax error', () => {
    const error = syntaxError('a: 1\nb: [1, 2\nc: 3\n');
    expect(error.line).toBeGreaterThanOrEqual(2);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.message).not.toBe('');
  });

  it('reports bad indentation on its line', () => {
    const error = syntaxError('a:\n  b: 1\n c: 2\n');
    expect(error.line).toBe(3);
  });

  it('reports a tab used for indentation', () => {
    const error = syntaxError('a:\n\tb: 1\n');
    expect(error.line).toBe(2);
    expect(error.column).toBe(1);
  });

  it('reports duplicate keys', () => {
    const error = syntaxError('a: 1\na: 2\n');
    expect(error.message).toMatch(/duplicated/);
    expect(error.line).toBe(2);
  });

  it('reports an unknown alias', () => {
    expect(syntaxError('a: *nope\n').message).toMatch(/alias/);
  });

  it('reports nesting too deep to be a real file instead of overflowing the stack', () => {
    const error = syntaxError(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(error.message).toMatch(/nesting|depth|stack/i);
  });

  it('does not count a byte order mark in the column of an error on line 1', () => {
    expect(syntaxError('\uFEFFa: [\n').line).toBeGreaterThanOrEqual(1);
    expect(syntaxError('\uFEFF\tb: 1\n').column).toBe(syntaxError('\tb: 1\n').column);
  });
});
