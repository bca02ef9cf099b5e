// Parses `.env` and `env_file` files: `KEY=VALUE` lines, `export` prefixes, comments, quoted values
// (double quotes with escapes, single quotes literal, either spanning lines), as docker compose reads them.
export interface EnvFileEntry {
  name: string;
  /** `undefined` for a bare `KEY`, which takes its value from the host environment. */
  value?: string;
  /** Single-quoted: taken as written, never interpolated. */
  literal?: boolean;
  line: number;
  column: number;
}

const LINE = /^(\s*)(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=\s*(.*))?$/;

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

/** Double-quoted escapes, in one pass so that `\\n` stays a backslash and an `n`. */
function unescapeDouble(body: string): string {
  return body.replace(/\\(.)/gs, (whole, c: string) => ESCAPES[c] ?? whole);
}

/** Where `quote` closes in `text` from `from` on, skipping `\"` in double quotes; -1 when it does not. */
function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** A quoted value: its body, and the index of the line it ends on; undefined when the quote never closes. */
function readQuoted(
  lines: readonly string[],
  first: number,
  value: string,
): { body: string; last: number } | undefined {
  const quote = value[0]!;
  let close = closingQuote(value, 1, quote);
  if (close !== -1) return { body: value.slice(1, close), last: first };
  let body = value.slice(1);
  for (let index = first + 1; index < lines.length; index++) {
    const line = lines[index]!;
    close = closingQuote(line, 0, quote);
    if (close !== -1) return { body: `${body}\n${line.slice(0, close)}`, last: index };
    body += `\n${line}`;
  }
  return undefined;
}

export function parseEnvFile(text: string): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  // An editor's byte order mark is not part of the first name.
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  // Once a quote is known not to close before the end, no later line opening the same quote looks again:
  // a file of such lines stays linear.
  const neverCloses = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const entry: EnvFileEntry = { name: match[2]!, line: i + 1, column: match[1]!.length + 1 };
    const value = match[3];
    const quote = value?.[0];
    if (value !== undefined && (quote === '"' || quote === "'")) {
      // A quoted value may go on over the following lines until its closing quote.
      const quoted =
        neverCloses.has(quote) && closingQuote(value, 1, quote) === -1
          ? undefined
          : readQuoted(lines, i, value);
      if (quoted) {
        entry.value = quote === '"' ? unescapeDouble(quoted.body) : quoted.body;
        if (quote === "'") entry.literal = true;
        entries.push(entry);
        i = quoted.last;
        continue;
      }
      // A quote that never closes is taken as part of a one-line value, not as eating the whole file.
      neverCloses.add(quote);
    }
    if (value !== undefined) {
      // Unquoted: ` #` starts a comment; `#` inside a word does not.
      const comment = value.search(/\s#/);
      entry.value = (comment === -1 ? value : value.slice(0, comment)).trim();
    }
    entries.push(entry);
  }
  return entries;
}
