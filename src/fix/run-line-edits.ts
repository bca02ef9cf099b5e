// Text edits of one run command: flags added after its `run`/`create`, options removed with the blanks (or
// the whole line) they leave, values replaced in place. Offsets of the text the command was read from are
// mapped to the file and checked against it, so an edit lands on the characters it was computed from.
import type { RunOption } from '../sources/docker-run/run-command.js';
import { CannotFix, type Edit, lineStart } from './edit.js';
import type { FoundRunCommand } from './run-line-commands.js';

/** Characters that end an unquoted shell word. */
const WORD_END = /[\s;&|()<>]/;

/** The offset after the bracket closing one opened just before `i`, over nested pairs. */
function balancedEnd(text: string, i: number, open: string, close: string): number {
  let depth = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === "'") i = quotedEnd(text, i + 1, "'");
    else {
      if (c === open) depth++;
      else if (c === close && --depth === 0) return i + 1;
      i++;
    }
  }
  return text.length;
}

/** The offset after the quote closing one opened just before `i` (backslash escapes inside `"…"`). */
function quotedEnd(text: string, i: number, quote: string): number {
  while (i < text.length) {
    const c = text[i]!;
    if (c === quote) return i + 1;
    i += c === '\\' && quote !== "'" ? 2 : 1;
  }
  return text.length;
}

/** The offset just after the shell word starting at `start`: quotes, escapes and `$(…)` are inside it. */
export function wordEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (WORD_END.test(c)) return i;
    if (c === '\\') i += 2;
    else if (c === "'" || c === '"' || c === '`') i = quotedEnd(text, i + 1, c);
    else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{'))
      i = balancedEnd(text, i + 2, text[i + 1]!, text[i + 1] === '(' ? ')' : '}');
    else i++;
  }
  return text.length;
}

/** Refuses text that the strings around the command would need escaped. */
export function checkQuoting(command: FoundRunCommand, text: string): void {
  for (const quoting of command.quoting)
    if (quoting.needsEscape.test(text))
      throw new CannotFix(`"${text}" would need escaping inside ${quoting.name}`);
}

/** The file range of the command text's `[start, end)`, which must be written there as it was read. */
function fileSpan(command: FoundRunCommand, file: string, start: number, end: number): [number, number] {
  const at = command.toFile(start);
  const stop = command.toFile(end - 1) + 1;
  const written = command.text.slice(start, end);
  if (file.slice(at, stop) !== written)
    throw new CannotFix(`"${written}" is written with escapes in the file that the fix cannot follow`);
  return [at, stop];
}

function wordSpan(command: FoundRunCommand, file: string, start: number): [number, number] {
  return fileSpan(command, file, start, wordEnd(command.text, start));
}

/** Where flags are added: just after the `run` / `create` word, before anything else on its line. */
export function insertionPoint(command: FoundRunCommand, file: string): number {
  const { run, words } = command;
  const firstAfter = Math.min(
    run.options[0]?.at ?? Infinity,
    run.opaque[0]?.start ?? Infinity,
    run.image.start,
  );
  const subcommand = words.findLast(
    (word) => word.start > run.at && word.start < firstAfter && word.text === run.subcommand,
  );
  if (!subcommand) throw new CannotFix(`the "${run.subcommand}" word was not found`);
  return wordSpan(command, file, subcommand.start)[1];
}

/** The file range of an option: its flag word, and its value's word when that is the next one. */
export function optionSpan(command: FoundRunCommand, file: string, option: RunOption): [number, number] {
  const flag = wordSpan(command, file, option.at);
  const flagEnd = wordEnd(command.text, option.at);
  if (option.valueAt === undefined || option.valueAt < flagEnd) return flag;
  return [flag[0], wordSpan(command, file, option.valueAt)[1]];
}

/**
 * Removes option ranges of the file. Ranges with only blanks between them are removed as one; a range
 * alone on its line (after `lineLead`, with the line's `\` continuation) takes the line with it, otherwise
 * the blanks that separated it from the next word on the line, or from the previous one.
 */
export function removals(file: string, spans: readonly [number, number][], lineLead: RegExp): Edit[] {
  const merged: [number, number][] = [];
  for (const [at, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && /^[ \t]*$/.test(file.slice(last[1], at))) last[1] = Math.max(last[1], end);
    else merged.push([at, end]);
  }
  return merged.map(([at, end]) => {
    const start = lineStart(file, at);
    const newline = file.indexOf('\n', end);
    const lineEnd = newline === -1 ? file.length : newline;
    const before = file.slice(start, at);
    const after = file.slice(end, lineEnd);
    if (lineLead.test(before) && /^[ \t]*\\?\r?$/.test(after))
      return { at: start, end: Math.min(lineEnd + 1, file.length), text: '' };
    const trailing = /^[ \t]*/.exec(after)![0].length;
    const rest = after.slice(trailing);
    if (trailing > 0 && rest !== '' && !/^\\\r?$/.test(rest)) return { at, end: end + trailing, text: '' };
    return { at: at - /[ \t]*$/.exec(before)![0].length, end, text: '' };
  });
}

/** Replaces an option's value with `value`, in its own word or after the `=` of its flag's word. */
export function replaceValue(command: FoundRunCommand, file: string, option: RunOption, value: string): Edit {
  if (option.value === undefined || option.valueAt === undefined)
    throw new CannotFix(`--${option.name} has no value to replace`);
  if (/[$`]/.test(option.value))
    throw new CannotFix(`the value of --${option.name} is computed when the command runs (${option.value})`);
  checkQuoting(command, value);
  const flagEnd = wordEnd(command.text, option.at);
  if (option.valueAt >= flagEnd) {
    const [at, end] = wordSpan(command, file, option.valueAt);
    return { at, end, text: value };
  }
  const flag = command.words.find((word) => word.start === option.at);
  if (flag?.text === command.text.slice(option.at, flagEnd)) {
    // Written without quotes or escapes: the value's characters are where the parser counted them.
    const [at, end] = fileSpan(command, file, option.valueAt, flagEnd);
    return { at, end, text: value };
  }
  const equals = flag?.text.indexOf('=') ?? -1;
  if (!flag?.text.startsWith('--') || equals === -1)
    throw new CannotFix(`--${option.name} is quoted inside a group of short flags`);
  const text = `${flag.text.slice(0, equals + 1)}${value}`;
  checkQuoting(command, text);
  const [at, end] = wordSpan(command, file, option.at);
  return { at, end, text };
}
