// Reads an instruction's arguments and flags straight from the source text. dockerfile-ast finds the
// instructions (escape directive, continuations, heredocs); re-tokenizing every instruction through its
// argument API cost more than parsing the whole file, so the text is taken from the ranges it gives.

/**
 * The offset of the start of every line, for turning dockerfile-ast positions into text offsets. Its
 * positions count `\r\n`, `\n` and a lone `\r` as line breaks, so these offsets must too.
 */
export function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) offsets.push(i + 1);
  }
  return offsets;
}

/**
 * Joins continuation lines (the escape character, then only blanks, before the line break) into one line
 * the way BuildKit does: the escape and the line break go, nothing is put in their place, and the comment
 * and blank lines inside a continuation are dropped. The lines after the instruction's own are heredoc
 * bodies (dockerfile-ast's range ends after the last terminator): they are kept as they are.
 */
export function joinContinuations(raw: string, escapeCharacter: string): string {
  const lines = raw.split(/\r\n|\r|\n/);
  let out = '';
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    // Any line after the first one we reach here is inside a continuation.
    if (index > 0 && (line.trim() === '' || line.trimStart().startsWith('#'))) continue;
    const body = line.replace(/[ \t]+$/, '');
    if (body.endsWith(escapeCharacter)) {
      out += body.slice(0, -escapeCharacter.length);
      continue;
    }
    out += line;
    index++;
    break;
  }
  const heredocBodies = lines.slice(index);
  if (heredocBodies.length > 0) out += `\n${heredocBodies.join('\n')}`;
  return out.replace(/^[ \t]+/, '').trimEnd();
}

export interface SplitFlags {
  /** The last value of each flag. */
  flags: Record<string, string | null>;
  /** Every flag in order, repeated ones (`--mount` twice) included. */
  all: [string, string | null][];
  /** The arguments after the leading `--flag[=value]` tokens. */
  rest: string;
}

/** Splits leading `--name=value` / `--name` flags off an instruction's arguments. */
export function splitFlags(text: string): SplitFlags {
  const flags: Record<string, string | null> = {};
  const all: [string, string | null][] = [];
  let rest = text.trimStart();
  while (rest.startsWith('--')) {
    const match = /^--([A-Za-z0-9-]+)(?:=("[^"]*"|'[^']*'|\S*))?(?:\s+|$)/.exec(rest);
    if (!match) break;
    const value = match[2];
    const unquoted = value === undefined ? null : value.replace(/^(["'])(.*)\1$/, '$2');
    flags[match[1]!] = unquoted;
    all.push([match[1]!, unquoted]);
    rest = rest.slice(match[0].length);
  }
  return { flags, all, rest };
}

/** True for the JSON (exec) form: BuildKit takes `[` text that is not a JSON array of strings as shell form. */
export function isExecForm(text: string): boolean {
  if (!text.startsWith('[')) return false;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}
