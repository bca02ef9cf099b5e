// Word splitting with quotes, for dockerd command lines: a systemd `ExecStart=` value and the shell
// assignments of `/etc/default/docker`. Every word keeps the offset of each of its characters in the file,
// so a flag is reported where it is written even after quotes and continuations are taken out.

export interface Word {
  /** The word with quotes and escapes removed. */
  text: string;
  /** `offsets[i]` is where `text[i]` comes from in the file. */
  offsets: number[];
  /** Where the word starts in the file (its opening quote, if it has one). */
  start: number;
  /** The word holds a `$` expansion or a systemd `%` specifier: its value is not known from the file. */
  expands: boolean;
  /** Shell: the first word of a command (after a line break, `;`, `&&`, `|`…), where assignments go. */
  commandStart: boolean;
}

export interface Split {
  words: Word[];
  /** Offset of an unterminated quote, if one was left open. */
  unterminatedQuote?: number;
}

const SYSTEMD_ESCAPES: Record<string, string> = {
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  s: ' ',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

/**
 * Splits `text[from, to)` into words. `systemd` follows systemd's command-line rules (C escapes inside and
 * outside quotes, `%` specifiers); `shell` follows POSIX sh (backslash-newline joins lines, `\` in double
 * quotes escapes only `$ \` " \\` and newline, nothing escapes in single quotes, `#` starts a comment, and
 * a line break or an operator `; & | ( )` ends a command).
 */
export function splitWords(text: string, from: number, to: number, mode: 'shell' | 'systemd'): Split {
  const words: Word[] = [];
  let current: Word | undefined;
  let quote: '"' | "'" | undefined;
  let quoteStart = 0;
  let commandStart = true;
  const begin = (at: number): Word => {
    if (!current) {
      current = { text: '', offsets: [], start: at, expands: false, commandStart };
      commandStart = false;
    }
    return current;
  };
  const push = (c: string, at: number) => {
    const word = begin(at);
    word.text += c;
    word.offsets.push(at);
  };
  const end = () => {
    if (current) words.push(current);
    current = undefined;
  };
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else if (mode === 'systemd' && c === '\\' && i + 1 < to) {
        push(SYSTEMD_ESCAPES[text[i + 1]!] ?? text[i + 1]!, i);
        i += 2;
        continue;
      } else push(c, i);
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < to) {
      const next = text[i + 1]!;
      if (next === '\n' || next === '\r') {
        // A continuation: the backslash and the line break go.
        i += next === '\r' && text[i + 2] === '\n' ? 3 : 2;
        continue;
      }
      if (mode === 'systemd') push(SYSTEMD_ESCAPES[next] ?? next, i);
      else if (quote === '"' && !'$`"\\'.includes(next)) {
        push('\\', i);
        push(next, i + 1);
      } else push(next, i + 1);
      i += 2;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else {
        if (c === '$' || (mode === 'systemd' && c === '%' && text[i + 1] !== '%')) begin(i).expands = true;
        push(c, i);
      }
      i++;
      continue;
    }
    if (isBlank(c)) {
      end();
      if (mode === 'shell' && (c === '\n' || c === '\r')) commandStart = true;
      i++;
      continue;
    }
    if (mode === 'shell' && ';&|()'.includes(c)) {
      end();
      commandStart = true;
      i++;
      continue;
    }
    if (mode === 'shell' && c === '#' && !current) {
      while (i < to && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      begin(i);
      quote = c;
      quoteStart = i;
      i++;
      continue;
    }
    if (c === '$' || (mode === 'systemd' && c === '%' && text[i + 1] !== '%')) begin(i).expands = true;
    if (mode === 'systemd' && c === '%' && text[i + 1] === '%') {
      push('%', i);
      i += 2;
      continue;
    }
    push(c, i);
    i++;
  }
  end();
  return quote === undefined ? { words } : { words, unterminatedQuote: quoteStart };
}

/** Splits a word at blanks, as `$DOCKER_OPTS` expands unquoted: quotes inside it are plain characters. */
export function splitAtBlanks(word: Word): Word[] {
  const parts: Word[] = [];
  let current: Word | undefined;
  for (let k = 0; k < word.text.length; k++) {
    const c = word.text[k]!;
    const at = word.offsets[k]!;
    if (isBlank(c)) {
      if (current) parts.push(current);
      current = undefined;
      continue;
    }
    current ??= { text: '', offsets: [], start: at, expands: false, commandStart: false };
    current.text += c;
    current.offsets.push(at);
    if (c === '$') current.expands = true;
  }
  if (current) parts.push(current);
  return parts;
}
