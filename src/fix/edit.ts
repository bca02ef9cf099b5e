// Text splices placed by the nodes of a parsed YAML document: every byte outside an edit stays as it was
// (comments, key order, quoting, indentation, blank lines), which re-printing the document would not promise.
import { isScalar, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

export interface Edit {
  /** Offsets into the text: `[at, end)` is replaced by `text`. */
  at: number;
  end: number;
  text: string;
}

/** A value to write: a scalar or flow collection as source text, or a mapping of further keys. */
export type NewValue = string | readonly (readonly [string, NewValue])[];

/** Thrown when a node has a shape the splices do not handle; the fix is skipped with this reason. */
export class CannotFix extends Error {
  override name = 'CannotFix';
}

export interface EditContext {
  text: string;
  eol: string;
  /** One level of indentation as the file writes it. */
  unit: string;
}

export function editContext(text: string): EditContext {
  let smallest = Infinity;
  for (const line of text.split('\n')) {
    const match = /^( +)[^\s#]/.exec(line);
    if (match?.[1] !== undefined) smallest = Math.min(smallest, match[1].length);
  }
  return {
    text,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    unit: ' '.repeat(Number.isFinite(smallest) ? smallest : 2),
  };
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the line break ending the line that holds `offset` (the text's end if none). */
function afterLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** `end` moved back over whitespace: just after the last character of a node's content. */
function contentEnd(text: string, end: number): number {
  let at = end;
  while (at > 0 && /\s/.test(text.charAt(at - 1))) at--;
  return at;
}

function range(node: { range?: [number, number, number] | null } | null | undefined): [number, number] {
  if (!node?.range) throw new CannotFix('a node without a source position');
  return [node.range[0], node.range[1]];
}

function pairEnd(text: string, pair: Pair): number {
  const value = pair.value as { range?: [number, number, number] | null } | null;
  return contentEnd(text, range(value?.range ? value : (pair.key as Scalar))[1]);
}

function flowText(value: NewValue): string {
  return typeof value === 'string' ? value : `{${value.map(([k, v]) => `${k}: ${flowText(v)}`).join(', ')}}`;
}

function blockText(
  entries: readonly (readonly [string, NewValue])[],
  indent: string,
  ctx: EditContext,
): string {
  return entries
    .map(([key, value]) =>
      typeof value === 'string'
        ? `${indent}${key}: ${value}${ctx.eol}`
        : `${indent}${key}:${ctx.eol}${blockText(value, indent + ctx.unit, ctx)}`,
    )
    .join('');
}

/** Adds keys after the last entry of a mapping, at its indentation (block) or before its `}` (flow). */
export function insertPairs(
  ctx: EditContext,
  map: YAMLMap,
  entries: readonly (readonly [string, NewValue])[],
): Edit {
  const { text } = ctx;
  const last = map.items.at(-1);
  if (map.flow) {
    const inline = entries.map(([key, value]) => `${key}: ${flowText(value)}`).join(', ');
    if (last) {
      const at = pairEnd(text, last);
      return keepCommentColumn(ctx, { at, end: at, text: `, ${inline}` });
    }
    const close = contentEnd(text, range(map)[1]) - 1;
    if (text.charAt(close) !== '}') throw new CannotFix('a flow mapping without its closing brace');
    return { at: close, end: close, text: inline };
  }
  const first = map.items[0];
  if (!first || !last) throw new CannotFix('an empty block mapping');
  const keyAt = range(first.key as Scalar)[0];
  const indent = ' '.repeat(keyAt - lineStart(text, keyAt));
  const at = afterLine(text, pairEnd(text, last));
  const lead = at === text.length && !text.endsWith('\n') ? ctx.eol : '';
  return { at, end: at, text: lead + blockText(entries, indent, ctx) };
}

/** Replaces a scalar's source, keeping its quote style for strings. */
export function setScalar(ctx: EditContext, node: Scalar, value: string, isString: boolean): Edit {
  const [at, end] = range(node);
  const quote = !isString ? '' : node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : '';
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
    throw new CannotFix('a block scalar where a plain value was expected');
  return keepCommentColumn(ctx, { at, end, text: `${quote}${value}${quote}` });
}

/**
 * An edit within one line, widened so that an aligned trailing comment on that line (one after a gap of
 * three or more spaces) keeps its column: the gap shrinks or grows by what the edit adds, down to two spaces.
 */
export function keepCommentColumn(ctx: EditContext, edit: Edit): Edit {
  if (edit.text.includes('\n')) return edit;
  const lineEnd = ctx.text.indexOf('\n', edit.end);
  const rest = ctx.text.slice(edit.end, lineEnd === -1 ? undefined : lineEnd);
  const aligned = /^([\]}),]*)( {3,})#/.exec(rest);
  if (!aligned) return edit;
  const [, closers = '', gap = ''] = aligned;
  const grown = edit.text.length - (edit.end - edit.at);
  return {
    at: edit.at,
    end: edit.end + closers.length + gap.length,
    text: edit.text + closers + ' '.repeat(Math.max(2, gap.length - grown)),
  };
}

/** Adds an item at the end of a sequence: after its last item (flow) or on a new line like its first (block). */
export function appendItem(ctx: EditContext, seq: YAMLSeq, item: string): Edit {
  const { text } = ctx;
  const items = seq.items as (Scalar | YAMLMap | YAMLSeq | null)[];
  const last = items.at(-1);
  if (seq.flow) {
    if (last) {
      const at = range(last)[1];
      return keepCommentColumn(ctx, { at, end: at, text: `, ${item}` });
    }
    const close = contentEnd(text, range(seq)[1]) - 1;
    if (text.charAt(close) !== ']') throw new CannotFix('a flow sequence without its closing bracket');
    return { at: close, end: close, text: item };
  }
  const first = items[0];
  if (!first || !last) throw new CannotFix('an empty block sequence');
  const firstAt = range(first)[0];
  const prefix = text.slice(lineStart(text, firstAt), firstAt);
  if (!/^[ \t]*-[ \t]+$/.test(prefix)) throw new CannotFix('a block sequence laid out unusually');
  const at = afterLine(text, contentEnd(text, range(last)[1]));
  const lead = at === text.length && !text.endsWith('\n') ? ctx.eol : '';
  return { at, end: at, text: `${lead}${prefix}${item}${ctx.eol}` };
}

/**
 * Removes a key and its value from a block mapping, whole lines. Undefined when that would not be clean:
 * a flow mapping, the mapping's only key, or a key sharing its line with a sequence dash.
 */
export function deletePair(ctx: EditContext, map: YAMLMap, pair: Pair): Edit | undefined {
  const { text } = ctx;
  if (map.flow || map.items.length < 2) return undefined;
  const keyAt = range(pair.key as Scalar)[0];
  const start = lineStart(text, keyAt);
  if (text.slice(start, keyAt).trim() !== '') return undefined;
  return { at: start, end: afterLine(text, pairEnd(text, pair)), text: '' };
}

/** Applies edits made against the same text: from the end, and in their given order where they meet. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index }));
  ordered.sort((a, b) => b.edit.at - a.edit.at || b.index - a.index);
  let result = text;
  for (const { edit } of ordered) result = result.slice(0, edit.at) + edit.text + result.slice(edit.end);
  return result;
}

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}

/**
 * Removes one item from a sequence: its whole line in a block sequence, the item and one comma in a flow
 * one. Undefined when that would not be clean (the only item of a block sequence, an item sharing its line).
 */
export function deleteItem(ctx: EditContext, seq: YAMLSeq, index: number): Edit | undefined {
  const { text } = ctx;
  const items = seq.items as (Scalar | YAMLMap | YAMLSeq | null)[];
  const item = items[index];
  if (!item) return undefined;
  const [at, end] = range(item);
  if (seq.flow) {
    const next = items[index + 1];
    if (next) return { at, end: range(next)[0], text: '' };
    const previous = items[index - 1];
    if (previous) return { at: range(previous)[1], end: contentEnd(text, end), text: '' };
    return { at, end: contentEnd(text, end), text: '' };
  }
  if (items.length < 2) return undefined;
  const start = lineStart(text, at);
  if (!/^[ \t]*-[ \t]+$/.test(text.slice(start, at))) return undefined;
  return { at: start, end: afterLine(text, contentEnd(text, end)), text: '' };
}
