// Shared pieces of the property tests: feeding a text through `loadText` as one file of one kind, the
// invariants every result must keep, and mutations that turn a valid file into a damaged one.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { FileKind } from '../../src/scan/discover.js';
import { type LoadedFile, loadText } from '../../src/scan/load-file.js';

/** Runs per property; raise it (`DT10_PROPERTY_RUNS=5000`) for a longer hunt. */
export const RUNS = Number(process.env.DT10_PROPERTY_RUNS ?? 300);

/** Slower than this for one small file means something went super-linear (or worse). */
const MAX_MILLISECONDS = 2000;

/**
 * Loads `text` as a file of `kind` and checks what must hold for any input: no exception, no hang, every
 * error names the file (and a 1-based line when it has one), every position lies inside the file.
 */
export async function loadChecked(
  path: string,
  text: string,
  kind: FileKind,
  explicit: boolean,
): Promise<LoadedFile> {
  const started = performance.now();
  const loaded = await loadText(path, text, kind, explicit, { environment: {}, dotEnvCache: new Map() });
  expect(performance.now() - started).toBeLessThan(MAX_MILLISECONDS);
  for (const error of loaded.errors) {
    expect(typeof error.path).toBe('string');
    expect(error.path).not.toBe('');
    expect(typeof error.message).toBe('string');
    if (error.line !== undefined) expect(Number.isInteger(error.line) && error.line >= 1).toBe(true);
    if (error.column !== undefined) expect(Number.isInteger(error.column) && error.column >= 1).toBe(true);
  }
  if (loaded.unreadable) expect(loaded.errors.length).toBeGreaterThan(0);
  checkLocations(loaded, path, text);
  return loaded;
}

/** Lines of `text` as editors and both parsers count them (`\r\n`, `\n`, lone `\r`). */
function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** Every `{ path, line, column }` in the subjects points into this file, at a line that exists. */
function checkLocations(loaded: LoadedFile, path: string, text: string): void {
  const lines = lineCount(text);
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string, unknown>;
    if (
      typeof record.line === 'number' &&
      typeof record.column === 'number' &&
      typeof record.path === 'string'
    ) {
      // env_file entries point into other files; everything else into this one.
      if (record.path === path) {
        expect(record.line, `line of ${JSON.stringify(record)}`).toBeGreaterThanOrEqual(1);
        expect(record.line, `line of ${JSON.stringify(record)} in ${lines} lines`).toBeLessThanOrEqual(lines);
        expect(record.column).toBeGreaterThanOrEqual(1);
      }
      return;
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit([loaded.builds, loaded.compose, loaded.kubernetes, loaded.other]);
}

/** One damage done to a text. */
type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'replace'; at: number; text: string };

const position = fc.nat({ max: 10_000 });

/** Bytes as a careless tool or a bad copy would leave them: controls, quotes, brackets, YAML and shell signs. */
const junk = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom(
    '\t',
    '\r',
    '\n',
    '\\',
    '`',
    '"',
    "'",
    '{',
    '}',
    '[',
    ']',
    ': ',
    '- ',
    '&a ',
    '*a',
    '<<: *a',
    '? ',
    '|',
    '>-',
    '#',
    '---\n',
    '...\n',
    '$',
    '${',
    '${X:-',
    '$$',
    '<<EOF',
    '\uFEFF',
    '\u0000',
    '!!binary ',
    '!!js/function ',
    '%YAML 1.2\n',
  ),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: position }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position }),
  fc.record({ kind: fc.constant('swap' as const), at: position, with: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: junk }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('indent' as const), at: position, by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: position, text: junk }),
);

function apply(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = m.at % Math.max(lines.length, 1);
  switch (m.kind) {
    case 'delete':
      lines.splice(line, 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(line, 0, lines[line] ?? '');
      return lines.join('\n');
    case 'swap': {
      const other = m.with % Math.max(lines.length, 1);
      const a = lines[line] ?? '';
      lines[line] = lines[other] ?? '';
      lines[other] = a;
      return lines.join('\n');
    }
    case 'indent': {
      const current = lines[line] ?? '';
      lines[line] =
        m.by >= 0 ? ' '.repeat(m.by) + current : current.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'replace': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at + m.text.length);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
  }
}

/** A valid text, then up to five mutations of it. */
export function mutated(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 5 }))
    .map(([text, mutations]) => mutations.reduce(apply, text));
}

/**
 * A valid YAML text where one block mapping gets an anchor and aliases of it are put inside it (so the
 * mapping contains itself) and, maybe, in place of later values: what anchors allow and no walk over the
 * parsed tree may loop on.
 */
export function withCycles(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(valid, fc.nat(), fc.nat(), fc.boolean()).map(([text, pick, later, reuse]) => {
    const lines = text.split('\n');
    const starts = lines.flatMap((line, index) => (/^\s*[A-Za-z_<][\w.<-]*:\s*$/.test(line) ? [index] : []));
    if (starts.length === 0) return text;
    const index = starts[pick % starts.length]!;
    const line = lines[index]!;
    const indent = ' '.repeat(line.length - line.trimStart().length + 2);
    lines[index] = `${line} &cyc`;
    lines.splice(index + 1, 0, `${indent}cyc: *cyc`);
    if (reuse) {
      // Another mapping start after the anchored one takes the anchored mapping as its value.
      const after = starts.filter((s) => s > index).map((s) => s + 1);
      const target = after[later % Math.max(after.length, 1)];
      if (target !== undefined) lines[target] = `${lines[target]} *cyc`;
    }
    return lines.join('\n');
  });
}
