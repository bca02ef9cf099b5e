import { describe, expect, it } from 'vitest';
import { interpolate, interpolateTree } from './interpolate.js';

const env = new Map([
  ['TAG', '1.25'],
  ['EMPTY', ''],
  ['USER_ID', '1000'],
]);

describe('interpolate', () => {
  it('substitutes $VAR and ${VAR}', () => {
    expect(interpolate('nginx:${TAG}', env)).toBe('nginx:1.25');
    expect(interpolate('nginx:$TAG', env)).toBe('nginx:1.25');
    expect(interpolate('$USER_ID:$USER_ID', env)).toBe('1000:1000');
  });

  it('keeps an unset variable visible as written', () => {
    expect(interpolate('nginx:${NOPE}', env)).toBe('nginx:${NOPE}');
    expect(interpolate('nginx:$NOPE', env)).toBe('nginx:$NOPE');
  });

  it('applies defaults and alternatives, with and without the colon', () => {
    expect(interpolate('${NOPE:-1.0} ${EMPTY:-1.0} ${TAG:-1.0}', env)).toBe('1.0 1.0 1.25');
    expect(interpolate('${NOPE-1.0}|${EMPTY-1.0}|${TAG-1.0}', env)).toBe('1.0||1.25');
    expect(interpolate('${NOPE:+on}|${EMPTY:+on}|${TAG:+on}', env)).toBe('||on');
    expect(interpolate('${NOPE+on}|${EMPTY+on}|${TAG+on}', env)).toBe('|on|on');
  });

  it('keeps a required variable visible when it is missing', () => {
    expect(interpolate('${TAG:?need a tag}', env)).toBe('1.25');
    expect(interpolate('${NOPE:?need a tag}', env)).toBe('${NOPE:?need a tag}');
    expect(interpolate('${EMPTY:?need}', env)).toBe('${EMPTY:?need}');
    expect(interpolate('${EMPTY?need}', env)).toBe('');
  });

  it('expands variables nested in a default', () => {
    expect(interpolate('${NOPE:-${TAG}-alpine}', env)).toBe('1.25-alpine');
    expect(interpolate('${NOPE:-${ALSO_NOPE:-x}}', env)).toBe('x');
  });

  it('reads $$ as a literal dollar, never expanded', () => {
    expect(interpolate('echo $$TAG', env)).toBe('echo $TAG');
    expect(interpolate('$${TAG}', env)).toBe('${TAG}');
    expect(interpolate('a$$$$b', env)).toBe('a$$b');
  });

  it('leaves text without variables, a lone $ and an unclosed brace alone', () => {
    expect(interpolate('plain', env)).toBe('plain');
    expect(interpolate('cost: 5$', env)).toBe('cost: 5$');
    expect(interpolate('$1 $-', env)).toBe('$1 $-');
    expect(interpolate('${TAG', env)).toBe('${TAG');
    expect(interpolate('${}', env)).toBe('${}');
  });

  it('does not expand a value again', () => {
    expect(
      interpolate(
        '$A',
        new Map([
          ['A', '$B'],
          ['B', 'x'],
        ]),
      ),
    ).toBe('$B');
  });
});

describe('interpolateTree', () => {
  it('interpolates every string value in place, not keys, not x- extensions', () => {
    const doc: Record<string, unknown> = {
      'x-note': 'keep ${TAG}',
      services: { web: { image: 'nginx:${TAG}', ports: ['${NOPE:-80}:80', 8080], '${TAG}': 'key' } },
    };
    interpolateTree(doc, env);
    expect(doc).toEqual({
      'x-note': 'keep ${TAG}',
      services: { web: { image: 'nginx:1.25', ports: ['80:80', 8080], '${TAG}': 'key' } },
    });
  });

  it('interpolates a node shared by aliases once, so $$ is not expanded twice', () => {
    const shared = { command: 'echo $$HOME' };
    const doc = { a: shared, b: shared, c: [shared] };
    interpolateTree(doc, env);
    expect(shared.command).toBe('echo $HOME');
  });

  it('terminates on a node that contains itself', () => {
    const node: Record<string, unknown> = { v: '$TAG' };
    node.self = node;
    interpolateTree(node, env);
    expect(node.v).toBe('1.25');
  });
});
