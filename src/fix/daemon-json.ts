// Fixes of daemon.json, text in → text out. JSON is flow YAML, so the `yaml` parser gives every key and
// value its offsets; a fix replaces a value in place or adds members after an object's last one, written
// the way that object writes its members (line breaks and indentation, or one line; the spacing around
// `:` and `,`), so key order, indentation and the trailing newline stay as they were.
import { isMap, isScalar, type Pair, parseDocument, type YAMLMap } from 'yaml';
import { applyEdits, CannotFix, type Edit } from './edit.js';
import type { AppliedFix, FixRequest, FixValues, SkippedFix, TextFixer, TextFixResult } from './types.js';

export const DAEMON_JSON_FIXES: readonly string[] = [
  'D10.log-rotation-missing',
  'D04.live-restore-disabled',
  'D03.icc-enabled',
  'D04.daemon-no-new-privileges',
  'D03.userland-proxy',
];

/** The boolean each rule wants, under the key dockerd reads it from. */
const BOOLEAN_FIXES: Readonly<Record<string, readonly [key: string, value: boolean]>> = {
  'D04.live-restore-disabled': ['live-restore', true],
  'D03.icc-enabled': ['icc', false],
  'D04.daemon-no-new-privileges': ['no-new-privileges', true],
  'D03.userland-proxy': ['userland-proxy', false],
};

/** A value to write: JSON source text, or the members of a new object. */
type NewValue = string | readonly (readonly [key: string, value: string])[];

interface Range {
  range?: [number, number, number] | null;
}

function rangeOf(node: unknown): [number, number] {
  const range = (node as Range | null)?.range;
  if (!range) throw new CannotFix('a JSON value without a source position');
  return [range[0], range[1]];
}

function parseRoot(text: string): YAMLMap {
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new CannotFix('the file is not valid JSON');
  }
  const document = parseDocument(text, { uniqueKeys: false });
  if (document.errors.length > 0 || !isMap(document.contents) || !document.contents.flow)
    throw new CannotFix('the top level is not a JSON object');
  return document.contents;
}

/** The member dockerd reads: the last of that name, as JSON.parse keeps it. */
function member(map: YAMLMap, key: string): Pair | undefined {
  return map.items.findLast((pair) => isScalar(pair.key) && pair.key.value === key);
}

function indentAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/** How an object writes its members: between two of them, around the colon, and one level deeper. */
interface Layout {
  multiline: boolean;
  separator: string;
  colon: string;
  eol: string;
  /** The indentation of the object's members (multi-line only). */
  indent: string;
  /** One indentation level (multi-line only). */
  unit: string;
}

function layoutOf(text: string, map: YAMLMap): Layout {
  const [open, end] = rangeOf(map);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const openIndent = indentAt(text, open);
  const last = map.items.at(-1);
  if (!last) {
    const multiline = text.slice(open, end).includes('\n');
    const unit = /^\t/m.test(text) ? '\t' : '  ';
    return { multiline, separator: ', ', colon: ': ', eol, indent: openIndent + unit, unit };
  }
  const [keyStart, keyEnd] = rangeOf(last.key);
  const colonText = text.slice(keyEnd, rangeOf(last.value)[0]);
  const colon = colonText.includes('\n') ? ': ' : colonText;
  const multiline = text.slice(open, keyStart).includes('\n');
  const indent = indentAt(text, keyStart);
  const unit =
    indent.startsWith(openIndent) && indent.length > openIndent.length
      ? indent.slice(openIndent.length)
      : '  ';
  const previous = map.items.at(-2);
  const compact = colon.endsWith(' ') ? ', ' : ',';
  const between = previous ? text.slice(rangeOf(previous.value)[1], keyStart) : compact;
  const separator = multiline ? `,${eol}${indent}` : between.includes('\n') ? compact : between;
  return { multiline, separator, colon, eol, indent, unit };
}

function render(value: NewValue, layout: Layout): string {
  if (typeof value === 'string') return value;
  const members = value.map(([key, text]) => `${JSON.stringify(key)}${layout.colon}${text}`);
  if (!layout.multiline) return `{${members.join(layout.separator)}}`;
  const inner = layout.indent + layout.unit;
  return `{${layout.eol}${inner}${members.join(`,${layout.eol}${inner}`)}${layout.eol}${layout.indent}}`;
}

/** Adds members after an object's last member (or inside an empty object), in the object's layout. */
function addMembers(text: string, map: YAMLMap, members: readonly (readonly [string, NewValue])[]): Edit {
  const layout = layoutOf(text, map);
  const written = members.map(
    ([key, value]) => `${JSON.stringify(key)}${layout.colon}${render(value, layout)}`,
  );
  const last = map.items.at(-1);
  if (last) {
    const at = rangeOf(last.value)[1];
    return { at, end: at, text: layout.separator + written.join(layout.separator) };
  }
  const [open, end] = rangeOf(map);
  const close = text.lastIndexOf('}', end - 1);
  if (text.charAt(open) !== '{' || close <= open) throw new CannotFix('an object without its braces');
  const inside = text.slice(open + 1, close);
  if (!layout.multiline) {
    const pad = inside.length > 0 ? ' ' : '';
    return { at: open + 1, end: close, text: pad + written.join(layout.separator) + pad };
  }
  const body = written.join(`,${layout.eol}${layout.indent}`);
  return {
    at: open + 1,
    end: close,
    text: `${layout.eol}${layout.indent}${body}${layout.eol}${indentAt(text, close)}`,
  };
}

/** Sets `key` to `value` (JSON source): the value replaced in place, or the member added. */
function setMember(text: string, map: YAMLMap, key: string, value: string): Edit[] {
  const pair = member(map, key);
  if (!pair) return [addMembers(text, map, [[key, value]])];
  const [at, end] = rangeOf(pair.value);
  return text.slice(at, end) === value ? [] : [{ at, end, text: value }];
}

const LOCAL_DRIVERS = new Set(['json-file', 'local']);

/** max-size (and max-file) in log-opts, when the log driver is one that writes local files. */
function logRotation(text: string, root: YAMLMap, values: FixValues): Edit[] {
  const driver = member(root, 'log-driver')?.value;
  if (driver !== undefined && driver !== null) {
    const name =
      isScalar(driver) && typeof driver.value === 'string' ? driver.value.trim().toLowerCase() : undefined;
    if (name === undefined || !LOCAL_DRIVERS.has(name))
      throw new CannotFix('log-driver is not json-file or local: its options differ');
  }
  const maxSize = JSON.stringify(values.logMaxSize);
  const maxFile = JSON.stringify(String(values.logMaxFile));
  const options = member(root, 'log-opts');
  if (!options)
    return [
      addMembers(text, root, [
        [
          'log-opts',
          [
            ['max-size', maxSize],
            ['max-file', maxFile],
          ],
        ],
      ]),
    ];
  if (!isMap(options.value)) throw new CannotFix('log-opts is not an object');
  const opts = options.value;
  const edits: Edit[] = [];
  const adds: [string, string][] = [];
  const size = member(opts, 'max-size');
  const sizeValue = isScalar(size?.value) ? size.value.value : undefined;
  // dockerd wants strings here; -1 is "no limit", the very finding. A working max-size is left alone,
  // max-file with it: the rule asks for nothing more.
  if (typeof sizeValue === 'string' && !['-1', ''].includes(sizeValue.trim())) return [];
  if (!size) adds.push(['max-size', maxSize]);
  else edits.push({ at: rangeOf(size.value)[0], end: rangeOf(size.value)[1], text: maxSize });
  if (!member(opts, 'max-file')) adds.push(['max-file', maxFile]);
  if (adds.length > 0) edits.push(addMembers(text, opts, adds));
  return edits;
}

function editsFor(ruleId: string, text: string, values: FixValues): { edits: Edit[]; target: string } {
  if (text.trim() === '') {
    // dockerd reads an empty file as `{}`: the fix writes that object out with its keys.
    const empty = '{\n}';
    const inside = editsFor(ruleId, empty, values);
    return {
      edits: [{ at: 0, end: text.length, text: `${applyEdits(empty, inside.edits)}\n` }],
      target: inside.target,
    };
  }
  const root = parseRoot(text);
  if (ruleId === 'D10.log-rotation-missing')
    return { edits: logRotation(text, root, values), target: 'key "log-opts"' };
  const boolean = BOOLEAN_FIXES[ruleId];
  if (!boolean) throw new CannotFix(`no daemon.json fix for ${ruleId}`);
  return { edits: setMember(text, root, boolean[0], String(boolean[1])), target: `key "${boolean[0]}"` };
}

/** Fixes a daemon.json: each chosen rule once, in a fixed order, the text parsed again after each. */
export const fixDaemonJson: TextFixer = (text, requests, options): TextFixResult => {
  const applied: AppliedFix[] = [];
  const skipped: SkippedFix[] = [];
  const byRule = new Map<string, FixRequest>();
  for (const request of requests) {
    if (!DAEMON_JSON_FIXES.includes(request.ruleId))
      skipped.push({
        ruleId: request.ruleId,
        line: request.line,
        reason: `no daemon.json fix for ${request.ruleId}`,
      });
    else if (options.rules.includes(request.ruleId) && !byRule.has(request.ruleId))
      byRule.set(request.ruleId, request);
  }
  let current = text;
  for (const ruleId of DAEMON_JSON_FIXES) {
    const request = byRule.get(ruleId);
    if (!request) continue;
    try {
      const { edits, target } = editsFor(ruleId, current, options.values);
      if (edits.length === 0) continue;
      const next = applyEdits(current, edits);
      parseRoot(next);
      current = next;
      applied.push({ ruleId, target });
    } catch (error) {
      if (!(error instanceof CannotFix)) throw error;
      skipped.push({ ruleId, line: request.line, reason: error.message });
    }
  }
  return { text: current, applied, skipped };
};
