// Reads an instruction's arguments and flags straight from the source text. dockerfile-ast finds the
// instructions (escapeCharacter directive, continuations, heredocs); re-tokenizing every instruction through its
// argument API cost more than parsing the whole file, so the text is taken from the ranges it gives.

/** The offset of the start of every line, for turning dockerfile-ast positions into text offsets. */
export function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
    offsets.push(index + 1);
  return offsets;
}

/**
 * Joins continuation lines (`escapeCharacter` before the line break) into one line, dropping the comment and
 * blank lines BuildKit ignores inside a continuation. Heredoc bodies keep their line breaks.
 */
export function joinContinuations(raw: string, escapeCharacter: string): string {
  const lines = raw.split('\n');
  let out = '';
  let continuing = false;
  for (const rawLine of lines) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (continuing) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
    }
    const body = line.trimEnd();
    if (body.endsWith(escapeCharacter) && !body.endsWith(escapeCharacter + escapeCharacter)) {
      out += `${body.slice(0, -1)} `;
      continuing = true;
    } else {
      out += continuing || out === '' ? line : `\n${line}`;
      continuing = false;
    }
  }
  return out.replace(/^[ \t]+/, '').trimEnd();
}

export interface SplitFlags {
  flags: Record<string, string | null>;
  /** The arguments after the leading `--flag[=value]` tokens. */
  rest: string;
}

/** Splits leading `--name=value` / `--name` flags off an instruction's arguments. */
export function splitFlags(text: string): SplitFlags {
  const flags: Record<string, string | null> = {};
  let rest = text.trimStart();
  while (rest.startsWith('--')) {
    const match = /^--([A-Za-z0-9-]+)(?:=("[^"]*"|'[^']*'|\S*))?(?:\s+|$)/.exec(rest);
    if (!match) break;
    const value = match[2];
    flags[match[1]!] = value === undefined ? null : value.replace(/^(["'])(.*)\1$/, '$2');
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}
