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

/** One `composeNode` call of js-yaml, as its listener reports it. */
interface Node {
  start: number;
  end: number;
  /** `null` when the call composed nothing (an empty value, or a key js-yaml tried and gave up on). */
  kind: string | null;
  result: unknown;
}

interface Frame {
  start: number;
  /** Created on the first child: most nodes are scalars and never get one. */
  children: Node[] | undefined;
}

const NO_CHILDREN: readonly Node[] = [];

/** Offsets of line starts; `\r\n`, `\n` and a lone `\r` all end a line, as they do for js-yaml. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The listener reports where composing starts, before blanks and comments; move to the node itself. */
function skipToNode(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35 /* # */) i = endOfLine(text, i);
    else if (c === 45 /* - */ && isSequenceDash(text, i)) i++;
    else break;
  }
  return i;
}

function endOfLine(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** A `- ` item marker of a block sequence (not the start of a scalar such as `-1` or `--flag`). */
function isSequenceDash(text: string, i: number): boolean {
  const next = text.charCodeAt(i + 1);
  return Number.isNaN(next) || next === 32 || next === 10 || next === 13 || next === 9;
}

/**
 * Whether the text between two nodes holds the `:` that makes the second the value of the first. It
 * tells a value from the next key in `{a, b: c}` and `? a`, where js-yaml composes no value node.
 */
function separatedByColon(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 /* : */) return true;
    if (c === 35 /* # */) i = endOfLine(text, i);
    else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return false;
}

/** Pairs the nodes composed inside a mapping (or a flow sequence's `a: b` items) into key and value. */
function pairUp(text: string, children: readonly Node[]): [Node, Node | undefined][] {
  const pairs: [Node, Node | undefined][] = [];
  for (let i = 0; i < children.length;) {
    const key = children[i]!;
    const next = children[i + 1];
    if (next && separatedByColon(text, key.end, next.start)) {
      pairs.push([key, next]);
      i += 2;
    } else {
      pairs.push([key, undefined]);
      i += 1;
    }
  }
  return pairs;
}

/** How many block sequence item markers (`- `) stand between two offsets, comments aside. */
function itemDashes(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) i = endOfLine(text, i);
    else if (c === 45 /* - */ && isSequenceDash(text, i)) count++;
  }
  return count;
}

export interface LoadYamlOptions {
  /** JSON input (daemon.json): a repeated key takes the last value, as JSON parsers do, instead of failing. */
  json?: boolean;
}

export function loadYaml(text: string, path: string, options: LoadYamlOptions = {}): YamlFile {
  // js-yaml drops a leading byte order mark and counts offsets without it; so do we (an editor does not
  // count it as a column either).
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let starts: number[] | undefined;
  const lineOf = (at: number): number => {
    starts ??= lineStarts(input);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const resolve = (offset: number): { line: number; column: number } => {
    const at = skipToNode(input, offset);
    const line = lineOf(at);
    return { line: line + 1, column: at - starts![line]! + 1 };
  };
  const positions = new YamlPositions(path, resolve);

  const stack: Frame[] = [];
  const documents: unknown[] = [];
  const listener = (
    event: 'open' | 'close',
    state: { position: number; kind: string | null; result: unknown },
  ) => {
    if (event === 'open') {
      stack.push({ start: state.position, children: undefined });
      return;
    }
    const frame = stack.pop();
    if (!frame) return;
    const node: Node = { start: frame.start, end: state.position, kind: state.kind, result: state.result };
    const parent = stack[stack.length - 1];
    if (parent) (parent.children ??= []).push(node);
    // Scalars need no record: their positions are looked up through their parent.
    if (node.result !== null && typeof node.result === 'object') record(node, frame.children ?? NO_CHILDREN);
  };

  const record = (node: Node, children: readonly Node[]): void => {
    const result = node.result;
    if (result === null || typeof result !== 'object') return;
    // js-yaml composes a block node as an attempted mapping key first and keeps it when no `:` follows:
    // the inner call holds the children and has recorded them already.
    if (children.length === 1 && children[0]!.result === result) return;
    // An alias closes with the anchored node but without children: keep the anchor's positions.
    if (children.length === 0) return;
    if (Array.isArray(result)) recordSequence(node, result, children);
    else recordMapping(node, result, children);
  };

  const recordSequence = (node: Node, result: unknown[], children: readonly Node[]): void => {
    // `[a: b]` composes a key and a value for one item, a single-pair mapping that has no node of its own.
    const pairs = pairUp(input, children);
    if (pairs.length === result.length) {
      pairs.forEach(([key, value], index) => {
        const item = result[index];
        if (!value || item === null || typeof item !== 'object') return;
        const name = String(key.result);
        const keys = new Map([[name, key.start]]);
        positions.recordMapping(item, { self: key.start, keys, values: new Map([[name, value.start]]) });
      });
      positions.recordSequence(result, { self: node.start, items: pairs.map(([key]) => key.start) });
      return;
    }
    // A block item with nothing after its `- ` composes no node: count the dashes between nodes.
    const aligned: (Pos | undefined)[] = [];
    let from = node.start;
    for (const child of children) {
      for (let k = itemDashes(input, from, child.start); k > 1; k--) aligned.push(undefined);
      aligned.push(child.start);
      from = child.end;
    }
    while (aligned.length < result.length) aligned.push(undefined);
    if (aligned.length === result.length)
      positions.recordSequence(result, { self: node.start, items: aligned });
  };

  const recordMapping = (node: Node, result: object, children: readonly Node[]): void => {
    const entry: MappingPositions = { self: node.start, keys: new Map(), values: new Map() };
    const merged: object[] = [];
    for (const [key, value] of pairUp(input, children)) {
      // A block mapping ends with a key js-yaml tried to compose and found nothing (`---`, end of input).
      if (key.kind === null && value === undefined) continue;
      const name = String(key.result);
      if (name === '<<' && value) {
        const sources = Array.isArray(value.result) ? value.result : [value.result];
        for (const source of sources) if (source && typeof source === 'object') merged.push(source);
        continue;
      }
      entry.keys.set(name, key.start);
      // `{a, b}` and `? a` have no value node, and an empty value (`a:`) would resolve to whatever comes
      // next: the key is where such a null value is.
      entry.values.set(name, value && value.kind !== null ? value.start : key.start);
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
    yaml.loadAll(text, (doc) => documents.push(doc), {
      filename: path,
      listener,
      json: options.json === true,
    });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      const line = mark?.line;
      const column = mark?.column;
      throw new YamlSyntaxError(
        error.reason || error.message,
        line === undefined ? undefined : line + 1,
        column === undefined ? undefined : column + 1,
      );
    }
    // Input nested past what the stack holds is not YAML a person wrote: report it like a syntax error.
    if (error instanceof RangeError) throw new YamlSyntaxError(error.message, undefined, undefined);
    throw error;
  }
  return { documents, positions };
}
