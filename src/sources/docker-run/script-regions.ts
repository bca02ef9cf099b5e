// Where the shell code is in a file that is not all shell: a Makefile's recipe lines, a Markdown file's
// shell code blocks. Each is returned as a region of a masked copy of the file, the same length as the
// file, everything else blanked out: offsets in it are offsets in the file, so positions need no mapping.

export interface ScriptRegion {
  start: number;
  end: number;
}

export interface MaskedScript {
  /** The file with everything outside the regions (and prompts, recipe prefixes) replaced by spaces. */
  text: string;
  /** Each region is read as a script of its own: a quote left open in one does not run into the next. */
  regions: ScriptRegion[];
}

interface Line {
  start: number;
  /** Offset of the `\n` that ends the line, or the file's length. */
  end: number;
  text: string;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    out.push({ start, end, text: text.slice(start, end) });
    if (newline === -1) break;
    start = newline + 1;
  }
  return out;
}

/** Builds the masked copy: characters outside the kept ranges become spaces, line breaks stay. */
function mask(text: string, kept: readonly ScriptRegion[]): string {
  const chars = text.replace(/[^\r\n]/g, ' ').split('');
  for (const { start, end } of kept) for (let i = start; i < end; i++) chars[i] = text[i]!;
  return chars.join('');
}

function endsWithContinuation(line: string): boolean {
  return /(^|[^\\])(\\\\)*\\\r?$/.test(line);
}

/**
 * A Makefile's recipe lines (those starting with a tab, and the lines they continue onto), without the
 * `@`, `-` and `+` prefixes make reads itself. Make variables (`$(IMAGE)`) are left for the shell reader's
 * make dialect, which keeps them unresolved.
 */
export function makefileRecipes(text: string): MaskedScript {
  const kept: ScriptRegion[] = [];
  const regions: ScriptRegion[] = [];
  let current: ScriptRegion | undefined;
  for (const line of lines(text)) {
    if (current) {
      kept.push({ start: line.start, end: line.end });
      current.end = line.end;
    } else if (line.text.startsWith('\t')) {
      const prefix = /^\t[\s@+-]*/.exec(line.text)![0].length;
      kept.push({ start: line.start + prefix, end: line.end });
      current = { start: line.start + prefix, end: line.end };
    } else continue;
    if (!endsWithContinuation(line.text)) {
      regions.push(current);
      current = undefined;
    }
  }
  if (current) regions.push(current);
  return { text: mask(text, kept), regions };
}

const SHELL_LANGUAGES = new Set([
  'sh',
  'bash',
  'shell',
  'console',
  'zsh',
  'shell-session',
  'shellsession',
  'sh-session',
]);

/** `$ ` (or `> `, the prompt of a continued line), after the block's indentation. */
const PROMPT = /^(\s*)\$\s/;

/**
 * The bodies of a Markdown file's fenced code blocks in a shell language (```sh, bash, shell, console,
 * zsh). A leading `$ ` prompt is dropped. A block with prompts (every `console` block, and a `sh` block
 * that shows some) is a session: only prompted lines and the lines they continue onto are commands, the
 * rest is their output.
 */
export function markdownShellBlocks(text: string): MaskedScript {
  const kept: ScriptRegion[] = [];
  const regions: ScriptRegion[] = [];
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const open = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/.exec(all[i]!.text);
    if (!open) continue;
    const fence = open[1]!;
    // `bash`, `{.bash}`, `bash{linenos}`: the language is the first name in the info string.
    const language = /[\w-]+/.exec(open[2]!)?.[0].toLowerCase() ?? '';
    const closing = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let close = i + 1;
    while (close < all.length && !closing.test(all[close]!.text)) close++;
    const body = all.slice(i + 1, close);
    i = close;
    if (!SHELL_LANGUAGES.has(language) || body.length === 0) continue;
    const session = language === 'console' || body.some((line) => PROMPT.test(line.text));
    let continued = false;
    for (const line of body) {
      const prompt = PROMPT.exec(line.text);
      if (prompt) kept.push({ start: line.start + prompt[0].length, end: line.end });
      else if (!session || continued) {
        const ps2 = continued ? /^\s*>\s/.exec(line.text) : null;
        kept.push({ start: line.start + (ps2 ? ps2[0].length : 0), end: line.end });
      } else {
        continued = false;
        continue;
      }
      continued = endsWithContinuation(line.text);
    }
    regions.push({ start: body[0]!.start, end: body[body.length - 1]!.end });
  }
  return { text: mask(text, kept), regions };
}
