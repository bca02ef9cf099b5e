// dockerd flags from a systemd unit (docker.service, or a drop-in under docker.service.d/): the command of
// the `ExecStart=` in `[Service]` that runs dockerd. An empty `ExecStart=` resets the list, as drop-ins do
// before setting their own; a line ending in `\` continues on the next, and comment lines inside are skipped.
import type { Word } from './words.js';
import { splitWords } from './words.js';

export interface UnitCommand {
  /** The command's words, offsets in the file. */
  words: Word[];
  /** Where `ExecStart` is written. */
  keyOffset: number;
  /** Offset of a quote left open, if any. */
  unterminatedQuote?: number;
}

interface LogicalLine {
  text: string;
  /** `offsets[i]` is where `text[i]` is in the file. */
  offsets: number[];
}

/** Physical lines joined at trailing backslashes (replaced by a space, as systemd does). */
function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  let i = 0;
  while (i <= text.length) {
    let end = i;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const raw = text.slice(i, end);
    const trimmed = raw.trimStart();
    const next = end < text.length && text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
    if (current && (trimmed.startsWith('#') || trimmed.startsWith(';'))) {
      i = next; // A comment line inside a continuation.
      continue;
    }
    const line: LogicalLine = current ?? { text: '', offsets: [] };
    const body = raw.replace(/[ \t]+$/, '');
    const continued = body.endsWith('\\');
    const kept = continued ? body.slice(0, -1) : raw;
    for (let k = 0; k < kept.length; k++) {
      line.text += kept[k];
      line.offsets.push(i + k);
    }
    if (continued) {
      line.text += ' ';
      line.offsets.push(i + kept.length);
      current = line;
    } else {
      lines.push(line);
      current = undefined;
    }
    i = next;
  }
  if (current) lines.push(current);
  return lines;
}

/** True when the text looks like a systemd unit (a section header or an ExecStart line). */
export function looksLikeUnit(text: string): boolean {
  return /^[ \t]*(\[[A-Za-z][\w-]*\]|ExecStart[ \t]*=)/m.test(text);
}

/** The ExecStart commands of `[Service]` that are in force after resets, in order. */
export function execStartCommands(text: string): UnitCommand[] {
  let commands: UnitCommand[] = [];
  let section: string | undefined;
  for (const line of logicalLines(text)) {
    const trimmed = line.text.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[([^\]]*)\]/.exec(trimmed);
    if (header) {
      section = header[1];
      continue;
    }
    if (section !== undefined && section !== 'Service') continue;
    const match = /^([ \t]*)ExecStart[ \t]*=/.exec(line.text);
    if (!match) continue;
    const valueStart = match[0].length;
    const split = splitWords(line.text, valueStart, line.text.length, 'systemd');
    if (split.words.length === 0) {
      commands = [];
      continue;
    }
    const words = split.words.map((word) => ({
      ...word,
      start: line.offsets[word.start] ?? 0,
      offsets: word.offsets.map((o) => line.offsets[o] ?? 0),
    }));
    const command: UnitCommand = { words, keyOffset: line.offsets[match[1]!.length] ?? 0 };
    if (split.unterminatedQuote !== undefined)
      command.unterminatedQuote = line.offsets[split.unterminatedQuote] ?? 0;
    commands.push(command);
  }
  return commands;
}
