// The run lines of a file as the docker-run source finds them, with what a fix needs beyond the workload:
// the command's words in the text they were read from (the file, a YAML string's value, the script of a
// `sh -c "…"`), how an offset of that text maps back to the file, and which characters the strings the
// command is quoted in would need escaped.
import { isCollection, parseAllDocuments, type Scalar, visit } from 'yaml';
import { alignText } from '../sources/docker-run/align.js';
import { inlineScript, parseRunCommand, type RunCommand } from '../sources/docker-run/run-command.js';
import { makefileRecipes, markdownShellBlocks } from '../sources/docker-run/script-regions.js';
import { type ShellDialect, type ShellWord, splitCommands } from '../sources/docker-run/shell-words.js';

export type RunLineFileKind = 'shell' | 'makefile' | 'markdown' | 'yaml';

/** A string the command is written inside, and the characters that could not be written in it as they are. */
export interface Quoting {
  /** `a YAML double-quoted string`, `a Makefile recipe`. */
  name: string;
  needsEscape: RegExp;
}

export interface FoundRunCommand {
  run: RunCommand;
  words: readonly ShellWord[];
  /** The text the offsets of `run` and `words` are in. */
  text: string;
  /** The file offset an offset of `text` was read from. */
  toFile: (offset: number) => number;
  /** The strings the command is written inside, outermost first. */
  quoting: readonly Quoting[];
  /** What may stand before an option alone on its line (blanks; a Markdown session's `> ` prompt too). */
  lineLead: RegExp;
}

/** As the docker-run source: `sh -c "bash -c '…'"` is followed this deep. */
const MAX_INLINE_DEPTH = 4;

const BLANKS = /^[ \t]*$/;

/** A continued line of a Markdown shell session starts with the `> ` prompt. */
const SESSION_LEAD = /^[ \t]*(?:>[ \t]+)?$/;

const MAKE_RECIPE: Quoting = { name: 'a Makefile recipe', needsEscape: /\$/ };

/** How the word holding an inline script is quoted, from its first character. */
function scriptQuoting(text: string, at: number): Quoting {
  if (text.startsWith("$'", at)) return { name: "a $'…' string", needsEscape: /['\\]/ };
  if (text[at] === "'") return { name: 'a single-quoted script', needsEscape: /'/ };
  if (text[at] === '"') return { name: 'a double-quoted script', needsEscape: /["\\$`]/ };
  return { name: 'an unquoted script word', needsEscape: /[\s'"\\$`;&|()<>]/ };
}

function commandsIn(
  text: string,
  toFile: (offset: number) => number,
  context: {
    dialect: ShellDialect;
    quoting: readonly Quoting[];
    lineLead?: RegExp;
    start?: number;
    end?: number;
  },
  depth: number,
  into: FoundRunCommand[],
): void {
  const { dialect, quoting, lineLead = BLANKS, start = 0, end = text.length } = context;
  for (const command of splitCommands(text, dialect, start, end)) {
    const run = parseRunCommand(command.words);
    if (run) {
      into.push({ run, words: command.words, text, toFile, quoting, lineLead });
      continue;
    }
    const script = inlineScript(command.words);
    if (!script || depth >= MAX_INLINE_DEPTH) continue;
    let map: Int32Array | undefined;
    const toFileInScript = (offset: number): number => {
      map ??= alignText(text, script.start, script.text);
      return toFile(map[Math.min(offset, script.text.length)]!);
    };
    commandsIn(
      script.text,
      toFileInScript,
      { dialect: {}, quoting: [...quoting, scriptQuoting(text, script.start)], lineLead },
      depth + 1,
      into,
    );
  }
}

const identity = (offset: number): number => offset;

function yamlQuoting(node: Scalar, inFlow: boolean): Quoting[] {
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      return [{ name: 'a YAML double-quoted string', needsEscape: /["\\]/ }];
    case 'QUOTE_SINGLE':
      return [{ name: 'a YAML single-quoted string', needsEscape: /'/ }];
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return [];
    default:
      return [
        inFlow
          ? { name: 'a plain YAML string inside […] or {…}', needsEscape: /[,[\]{}]|: | #|:$/ }
          : { name: 'a plain YAML string', needsEscape: /: | #|:$/ },
      ];
  }
}

/** The run lines in the string values of a YAML file (a CI pipeline's `run:` steps, `script:` lists). */
function yamlCommands(text: string, into: FoundRunCommand[]): void {
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) continue;
    visit(document, {
      Scalar(key, node, path) {
        if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
        const value = node.value;
        const start = node.range[0];
        let map: Int32Array | undefined;
        const toFile = (offset: number): number => {
          map ??= alignText(text, start, value);
          return map[Math.min(offset, value.length)]!;
        };
        const inFlow = path.some((parent) => isCollection(parent) && parent.flow === true);
        commandsIn(value, toFile, { dialect: {}, quoting: yamlQuoting(node, inFlow) }, 0, into);
      },
    });
  }
}

/** The run commands of a file, in the order they are found. */
export function findRunCommands(text: string, kind: RunLineFileKind): FoundRunCommand[] {
  const found: FoundRunCommand[] = [];
  if (kind === 'yaml') {
    yamlCommands(text, found);
    return found;
  }
  if (kind === 'shell') {
    commandsIn(text, identity, { dialect: {}, quoting: [] }, 0, found);
    return found;
  }
  // Masked copies keep the file's offsets: only the recipe or code block text is read.
  const script = kind === 'makefile' ? makefileRecipes(text) : markdownShellBlocks(text);
  const dialect: ShellDialect = { make: kind === 'makefile' };
  const quoting = kind === 'makefile' ? [MAKE_RECIPE] : [];
  const lineLead = kind === 'markdown' ? SESSION_LEAD : BLANKS;
  for (const region of script.regions)
    commandsIn(
      script.text,
      identity,
      { dialect, quoting, lineLead, start: region.start, end: region.end },
      0,
      found,
    );
  return found;
}
