// The one place YAML is parsed for scanning: js-yaml (nine times faster than `yaml`'s Document API on
// compose files, see DESIGN.md) plus a position recorder built on its `listener` option.
import yaml from 'js-yaml';
import { type MappingPositions, type Pos, YamlPositions } from './positions.js';

export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
    this.name = 'YamlSyntaxError';
  }
}

export interface YamlFile {
  documents: unknown[];
  positions: YamlPositions;
}

interface Frame {
  start: number;
  children: Node[];
}

interface Node {
  start: number;
  result: unknown;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  let index = text.indexOf('\n');
  while (index !== -1) {
    starts.push(index + 1);
    index = text.indexOf('\n', index + 1);
  }
  return starts;
}

/** The listener reports where composing starts, before blanks and comments; move to the node itself. */
function skipToNode(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35 /* # */) {
      const eol = text.indexOf('\n', i);
      if (eol === -1) return text.length;
      i = eol + 1;
    } else if (c === 45 /* - */ && isSequenceDash(text, i)) i++;
    else break;
  }
  return i;
}

/** A `- ` item marker of a block sequence (not the start of a scalar such as `-1` or `--flag`). */
function isSequenceDash(text: string, i: number): boolean {
  const next = text.charCodeAt(i + 1);
  return Number.isNaN(next) || next === 32 || next === 10 || next === 13 || next === 9;
}

export function loadYaml(text: string, path: string): YamlFile {
  let starts: number[] | undefined;
  const resolve = (offset: number): { line: number; column: number } => {
    starts ??= lineStarts(text);
    const at = skipToNode(text, offset);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo]! + 1 };
  };
  const positions = new YamlPositions(path, resolve);

  const stack: Frame[] = [];
  const documents: unknown[] = [];
  const listener = function (
    this: unknown,
    event: 'open' | 'close',
    state: { position: number; result: unknown },
  ) {
    if (event === 'open') {
      stack.push({ start: state.position, children: [] });
      return;
    }
    const frame = stack.pop();
    if (!frame) return;
    const node: Node = { start: frame.start, result: state.result };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    record(node.result, frame);
  };

  const record = (result: unknown, frame: Frame): void => {
    if (result === null || typeof result !== 'object') return;
    const self: Pos = frame.start;
    if (Array.isArray(result)) {
      // An alias closes with the anchored node but without children: keep the anchor's positions.
      if (frame.children.length !== result.length) return;
      positions.recordSequence(result, { self, items: frame.children.map((child) => child.start) });
      return;
    }
    const children = frame.children;
    if (children.length === 0 || children.length % 2 !== 0) return;
    const entry: MappingPositions = { self, keys: new Map(), values: new Map() };
    const merged: object[] = [];
    for (let i = 0; i < children.length; i += 2) {
      const key = String(children[i]!.result);
      const value = children[i + 1]!;
      if (key === '<<') {
        const sources = Array.isArray(value.result) ? value.result : [value.result];
        for (const source of sources) if (source && typeof source === 'object') merged.push(source);
        continue;
      }
      entry.keys.set(key, children[i]!.start);
      entry.values.set(key, value.start);
    }
    // Keys that came in through a merge key point at the anchored mapping that defines them.
    for (const source of merged) {
      const inherited = positions.mappingEntries(source);
      if (!inherited) continue;
      for (const [k, p] of inherited.keys) if (!entry.keys.has(k)) entry.keys.set(k, p);
      for (const [k, p] of inherited.values) if (!entry.values.has(k)) entry.values.set(k, p);
    }
    positions.recordMapping(result, entry);
  };

  try {
    yaml.loadAll(text, (doc) => documents.push(doc), { filename: path, listener });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      throw new YamlSyntaxError(
        error.reason || error.message,
        mark?.line === undefined ? undefined : mark.line + 1,
        mark?.column === undefined ? undefined : mark.column + 1,
      );
    }
    throw error;
  }
  return { documents, positions };
}
