// Splits shell text into simple commands and their words, as a POSIX shell (bash) reads them: quotes and
// backslash escapes removed, `\`-newline continuations joined, comments dropped, redirections and their
// targets left out, a command ended by `;`, `&`, `&&`, `|`, `||`, `(`, `)` or a newline. Expansions are
// never resolved: `$VAR`, `${VAR}`, `$(cmd)` stay in the word as written. Commands inside `$(…)`, `` `…` ``,
// `<(…)` and here-document bodies are commands too and are returned beside the outer ones.
//
// No npm library fits: `shell-quote` gives no positions and joins no continuations, and every field dt10
// reports must point at the line and column a flag is written at. Every word keeps its start offset.

export interface ShellWord {
  /** The word after quote removal; expansions kept as written. */
  text: string;
  /** Offset of the word's first character in the scanned text. */
  start: number;
  /**
   * The word is nothing but unquoted expansions (`$OPTS`, `$(FLAGS)`): word splitting may make any number
   * of words of it, flags included.
   */
  bareExpansion: boolean;
}

export interface ShellCommand {
  words: ShellWord[];
}

export interface ShellDialect {
  /** Make recipes: `$(VAR)`, `${VAR}` and `$X` are make's references, `$$` is the shell's `$`. */
  make?: boolean;
}

/** Deeper `$(…)` nesting than this is read as text: no script nests that far, and recursion has a limit. */
const MAX_DEPTH = 24;

const OPERATOR = new Set([';', '&', '|', '(', ')']);

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF';
}

function isWordEnd(c: string | undefined): boolean {
  return c === undefined || c === '\n' || isBlank(c) || OPERATOR.has(c) || c === '<' || c === '>';
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && /\w/.test(c);
}

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
}

interface Piece {
  text: string;
  next: number;
}

/** Splits `text` (or the part from `start` to `end`) into commands. */
export function splitCommands(
  text: string,
  dialect: ShellDialect = {},
  start = 0,
  end = text.length,
): ShellCommand[] {
  const commands: ShellCommand[] = [];
  new Scanner(text, dialect.make === true, commands, 0).scan(start, end, false);
  return commands;
}

class Scanner {
  constructor(
    private readonly text: string,
    private readonly make: boolean,
    private readonly out: ShellCommand[],
    private readonly depth: number,
  ) {}

  private nested(): Scanner {
    return new Scanner(this.text, this.make, this.out, this.depth + 1);
  }

  /**
   * Reads commands from `from` to `end`; `nested` (inside `$(…)`) stops after the `)` that closes it.
   * Returns the offset where reading stopped.
   */
  scan(from: number, end: number, nested: boolean): number {
    const text = this.text;
    let words: ShellWord[] = [];
    let skipNext = false;
    let parens = 0;
    const heredocs: Heredoc[] = [];
    const finish = (): void => {
      if (words.length > 0) this.out.push({ words });
      words = [];
      skipNext = false;
    };
    let i = from;
    while (i < end) {
      const c = text[i]!;
      if (isBlank(c)) {
        i++;
      } else if (c === '\\' && this.continuationAt(i, end) > 0) {
        i += this.continuationAt(i, end);
      } else if (c === '\n') {
        finish();
        i++;
        if (heredocs.length > 0) i = this.heredocBodies(i, end, heredocs.splice(0));
      } else if (c === '#') {
        i = this.endOfLine(i, end);
      } else if ((c === '<' || c === '>') && i + 1 < end && text[i + 1] === '(') {
        const next = this.substitution(i + 2, end);
        if (skipNext) skipNext = false;
        else words.push({ text: text.slice(i, next), start: i, bareExpansion: true });
        i = next;
      } else if (c === '<' || c === '>' || (c === '&' && i + 1 < end && text[i + 1] === '>')) {
        const redirection = this.redirection(i, end, heredocs);
        i = redirection.next;
        skipNext = redirection.hasTarget;
      } else if (OPERATOR.has(c)) {
        finish();
        if (c === '(') parens++;
        else if (c === ')') {
          if (parens > 0) parens--;
          else if (nested) return i + 1;
        }
        i++;
      } else {
        const word = this.word(i, end);
        i = word.next;
        // `2>&1`, `3<file`: a number written against a redirection names a file descriptor.
        if (/^\d+$/.test(word.word.text) && (text[i] === '<' || text[i] === '>')) continue;
        if (skipNext) skipNext = false;
        else words.push(word.word);
      }
    }
    finish();
    return end;
  }

  /** Length of a `\`-newline continuation at `i` (2, or 3 with `\r\n`), 0 when there is none. */
  private continuationAt(i: number, end: number): number {
    const next = this.text[i + 1];
    if (i + 1 < end && next === '\n') return 2;
    if (i + 2 < end && next === '\r' && this.text[i + 2] === '\n') return 3;
    return 0;
  }

  private endOfLine(i: number, end: number): number {
    const newline = this.text.indexOf('\n', i);
    return newline === -1 || newline > end ? end : newline;
  }

  /**
   * A redirection operator at `i`. A here-document's delimiter is read here (its body at the next newline);
   * every other operator has a target word, which is no argument of the command.
   */
  private redirection(i: number, end: number, heredocs: Heredoc[]): { next: number; hasTarget: boolean } {
    const text = this.text;
    if (text.startsWith('<<<', i)) return { next: i + 3, hasTarget: true };
    if (text.startsWith('<<', i)) {
      let j = i + 2;
      const stripTabs = text[j] === '-';
      if (stripTabs) j++;
      while (j < end && isBlank(text[j])) j++;
      if (j >= end || isWordEnd(text[j])) return { next: j, hasTarget: false };
      const delimiter = this.word(j, end);
      if (delimiter.word.text !== '') heredocs.push({ delimiter: delimiter.word.text, stripTabs });
      return { next: delimiter.next, hasTarget: false };
    }
    let j = i + 1;
    if (text[i] === '&') j = text[j + 1] === '>' ? i + 3 : i + 2;
    else if (text[j] === '>' || text[j] === '&' || text[j] === '|' || (text[i] === '<' && text[j] === '>'))
      j++;
    return { next: j, hasTarget: true };
  }

  /** Skips here-document bodies (each read as a script of its own) and returns where the next line starts. */
  private heredocBodies(i: number, end: number, heredocs: Heredoc[]): number {
    for (const heredoc of heredocs) {
      const bodyStart = i;
      let bodyEnd = end;
      while (i < end) {
        const lineEnd = this.endOfLine(i, end);
        let line = this.text.slice(i, lineEnd);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (heredoc.stripTabs) line = line.replace(/^\t+/, '');
        if (line === heredoc.delimiter) {
          bodyEnd = i;
          i = lineEnd + 1;
          break;
        }
        i = lineEnd + 1;
      }
      if (i > end) i = end;
      // `ssh host <<EOF` and `bash <<EOF` run their body: its commands are the script's too.
      if (this.depth < MAX_DEPTH) this.nested().scan(bodyStart, bodyEnd, false);
    }
    return i;
  }

  private word(i: number, end: number): { word: ShellWord; next: number } {
    const text = this.text;
    const start = i;
    let value = '';
    let literal = false;
    let expansion = false;
    while (i < end) {
      const c = text[i]!;
      if (isWordEnd(c)) break;
      if (c === '\\') {
        const continuation = this.continuationAt(i, end);
        if (continuation > 0) {
          i += continuation;
          continue;
        }
        if (i + 1 < end) value += text[i + 1];
        literal = true;
        i += 2;
      } else if (c === "'") {
        const piece = this.singleQuoted(i + 1, end);
        value += piece.text;
        literal = true;
        i = piece.next;
      } else if (c === '"') {
        const piece = this.doubleQuoted(i + 1, end);
        value += piece.text;
        literal = true;
        i = piece.next;
      } else if (c === '$') {
        const piece = this.dollar(i, end);
        value += piece.text;
        if (piece.text === '$' || piece.literal) literal = true;
        else expansion = true;
        i = piece.next;
      } else if (c === '`') {
        const piece = this.backtick(i, end);
        value += piece.text;
        expansion = true;
        i = piece.next;
      } else {
        value += c;
        literal = true;
        i++;
      }
    }
    return { word: { text: value, start, bareExpansion: expansion && !literal }, next: Math.min(i, end) };
  }

  private singleQuoted(i: number, end: number): Piece {
    const close = this.text.indexOf("'", i);
    const stop = close === -1 || close >= end ? end : close;
    return { text: this.text.slice(i, stop), next: Math.min(stop + 1, end) };
  }

  private doubleQuoted(i: number, end: number): Piece {
    const text = this.text;
    let value = '';
    while (i < end) {
      const c = text[i]!;
      if (c === '"') return { text: value, next: i + 1 };
      if (c === '\\') {
        const continuation = this.continuationAt(i, end);
        if (continuation > 0) {
          i += continuation;
          continue;
        }
        const next = text[i + 1];
        if (next === '$' || next === '`' || next === '"' || next === '\\') {
          value += next;
          i += 2;
        } else {
          value += c;
          i++;
        }
      } else if (c === '$') {
        const piece = this.dollar(i, end);
        value += piece.text;
        i = piece.next;
      } else if (c === '`') {
        const piece = this.backtick(i, end);
        value += piece.text;
        i = piece.next;
      } else {
        value += c;
        i++;
      }
    }
    return { text: value, next: end };
  }

  /** `$…` at `i`: an expansion kept as written, or a literal `$` (`literal` for `$'…'` quoting). */
  private dollar(i: number, end: number): Piece & { literal?: boolean } {
    const text = this.text;
    const next = text[i + 1];
    if (this.make) {
      // `$$` is make's way of writing the shell's `$`.
      if (next === '$') return this.shellDollar(i + 1, end);
      if (next === '(' || next === '{') {
        const stop = this.balanced(i + 2, end, next, next === '(' ? ')' : '}');
        return { text: text.slice(i, stop), next: stop };
      }
      if (next !== undefined && i + 1 < end && !isWordEnd(next) && next !== '"' && next !== "'")
        return { text: text.slice(i, i + 2), next: i + 2 };
      return { text: '$', next: i + 1 };
    }
    return this.shellDollar(i, end);
  }

  private shellDollar(i: number, end: number): Piece & { literal?: boolean } {
    const text = this.text;
    const next = i + 1 < end ? text[i + 1] : undefined;
    if (next === "'") {
      const piece = this.ansiQuoted(i + 2, end);
      return { ...piece, literal: true };
    }
    if (next === '"') return { ...this.doubleQuoted(i + 2, end), literal: true };
    if (next === '(') {
      const stop =
        text[i + 2] === '('
          ? this.balanced(i + 3, end, '(', ')', 2)
          : this.depth < MAX_DEPTH
            ? this.substitution(i + 2, end)
            : this.balanced(i + 2, end, '(', ')');
      return { text: text.slice(i, stop), next: stop };
    }
    if (next === '{') {
      const stop = this.balanced(i + 2, end, '{', '}');
      return { text: text.slice(i, stop), next: stop };
    }
    if (isNameStart(next)) {
      let j = i + 2;
      while (j < end && isNameChar(text[j])) j++;
      return { text: text.slice(i, j), next: j };
    }
    if (next !== undefined && /[0-9@*#?$!-]/.test(next)) return { text: text.slice(i, i + 2), next: i + 2 };
    return { text: '$', next: i + 1 };
  }

  /** The commands of `$(…)` starting at `i`; returns the offset after its `)`. */
  private substitution(i: number, end: number): number {
    if (this.depth >= MAX_DEPTH) return this.balanced(i, end, '(', ')');
    return this.nested().scan(i, end, true);
  }

  /** `` `…` `` at `i`: its commands are read, the text kept. */
  private backtick(i: number, end: number): Piece {
    const text = this.text;
    let j = i + 1;
    while (j < end && text[j] !== '`') j += text[j] === '\\' ? 2 : 1;
    const close = Math.min(j, end);
    if (this.depth < MAX_DEPTH) this.nested().scan(i + 1, close, false);
    const stop = Math.min(close + 1, end);
    return { text: text.slice(i, stop), next: stop };
  }

  /** `$'…'`: backslash escapes are interpreted (the common ones; others keep the character). */
  private ansiQuoted(i: number, end: number): Piece {
    const text = this.text;
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
    let value = '';
    while (i < end) {
      const c = text[i]!;
      if (c === "'") return { text: value, next: i + 1 };
      if (c === '\\' && i + 1 < end) {
        const e = text[i + 1]!;
        value += escapes[e] ?? e;
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    return { text: value, next: end };
  }

  /**
   * Skips to after the bracket that closes one opened before `i` (`depth` of them), over quoted text;
   * returns `end` when none does.
   */
  private balanced(i: number, end: number, open: string, close: string, depth = 1): number {
    const text = this.text;
    while (i < end) {
      const c = text[i]!;
      if (c === '\\') i += 2;
      else if (c === "'" && !this.make) i = this.singleQuoted(i + 1, end).next;
      else {
        if (c === open) depth++;
        else if (c === close && --depth === 0) return i + 1;
        i++;
      }
    }
    return end;
  }
}
