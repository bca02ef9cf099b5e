// Parses `.env` and `env_file` files: `KEY=VALUE` lines, `export` prefixes, comments, quoted values.
export interface EnvFileEntry {
  name: string;
  /** `undefined` for a bare `KEY`, which takes its value from the host environment. */
  value?: string;
  line: number;
  column: number;
}

const LINE = /^(\s*)(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=(.*))?$/;

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
    const body = value.slice(1, -1);
    return value[0] === '"' ? body.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : body;
  }
  const comment = value.search(/\s#/);
  return comment === -1 ? value : value.slice(0, comment).trimEnd();
}

export function parseEnvFile(text: string): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const entry: EnvFileEntry = { name: match[2]!, line: i + 1, column: match[1]!.length + 1 };
    if (match[3] !== undefined) entry.value = unquote(match[3]);
    entries.push(entry);
  }
  return entries;
}
