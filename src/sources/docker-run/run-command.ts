// Recognizes a `docker run` / `docker create` / `docker container run|create` / `podman run|create`
// command among a shell command's words and reads its options the way the CLI does (pflag, options
// before the image only): `--flag=value`, `--flag value`, `-itd`, `-itp 80:80`, `-p80:80`, `--`.
import { canonicalFlag, globalTakesValue, shortFlag, takesValue } from './run-flags.js';
import type { ShellWord } from './shell-words.js';

export interface RunOption {
  /** Long name without dashes, aliases resolved (`-p` → `publish`, `--net` → `network`). */
  name: string;
  /** The value; `undefined` for a switch given without `=value`. */
  value?: string;
  /** Offset of the word the flag is written in. */
  at: number;
  /** Offset where the value starts (inside the flag's word, or the next word); with the value. */
  valueAt?: number;
}

export interface RunCommand {
  engine: 'docker' | 'podman';
  subcommand: 'run' | 'create';
  /** Offset of the `docker` / `podman` word. */
  at: number;
  options: RunOption[];
  image: ShellWord;
  /** The command and its arguments after the image. */
  args: ShellWord[];
  /** Unquoted expansions among the options (`$DOCKER_OPTS`), which may hold any flags. */
  opaque: ShellWord[];
}

/** Commands that run the command written after them (with their own options first). */
const WRAPPERS: Record<string, { valueFlags: Set<string>; positional?: number }> = {
  sudo: {
    valueFlags: new Set([
      '-u',
      '-g',
      '-C',
      '-D',
      '-h',
      '-p',
      '-r',
      '-t',
      '-T',
      '-U',
      '-R',
      '--user',
      '--group',
      '--close-from',
      '--chdir',
      '--host',
      '--prompt',
      '--role',
      '--type',
      '--command-timeout',
      '--other-user',
      '--chroot',
    ]),
  },
  doas: { valueFlags: new Set(['-u', '-C']) },
  exec: { valueFlags: new Set(['-a']) },
  command: { valueFlags: new Set() },
  builtin: { valueFlags: new Set() },
  nohup: { valueFlags: new Set() },
  time: { valueFlags: new Set(['-f', '-o', '--format', '--output']) },
  env: { valueFlags: new Set(['-u', '-C', '-S', '--unset', '--chdir', '--split-string']) },
  nice: { valueFlags: new Set(['-n', '--adjustment']) },
  timeout: { valueFlags: new Set(['-s', '-k', '--signal', '--kill-after']), positional: 1 },
  xargs: {
    valueFlags: new Set(['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter']),
  },
};

/** Reserved words that may come before a command: `if ! docker run …; then`. */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{']);

/** `FOO=bar docker run …`: assignments before a command are part of it. */
function isAssignment(word: ShellWord): boolean {
  return /^[A-Za-z_]\w*=/.test(word.text);
}

/** The variable a bare expansion names: `$DOCKER`, `${DOCKER}`, `$(DOCKER)` (make) → `DOCKER`. */
function expansionName(word: ShellWord): string | undefined {
  const match = /^\$(?:\{([A-Za-z_]\w*)\}|\(([A-Za-z_]\w*)\)|([A-Za-z_]\w*))$/.exec(word.text);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** `docker`, `/usr/bin/docker`, `podman.exe`, or a variable that holds one (`$(DOCKER)`, `$CONTAINER_ENGINE`). */
function engineOf(word: ShellWord): RunCommand['engine'] | undefined {
  if (word.bareExpansion) {
    const name = expansionName(word)?.toUpperCase();
    if (name === undefined) return undefined;
    if (name.includes('PODMAN')) return 'podman';
    if (/DOCKER|^CONTAINER_?(ENGINE|RUNTIME|CLI|TOOL|CMD)$/.test(name)) return 'docker';
    return undefined;
  }
  const base = word.text.slice(word.text.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
  if (base === 'docker') return 'docker';
  if (base === 'podman') return 'podman';
  return undefined;
}

/** Skips wrapper commands, assignments and reserved words before the command proper. */
function commandStart(words: readonly ShellWord[]): number {
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    if (isAssignment(word) || RESERVED.has(word.text)) {
      i++;
      continue;
    }
    const wrapper = Object.hasOwn(WRAPPERS, word.text) ? WRAPPERS[word.text] : undefined;
    if (!wrapper) return i;
    i++;
    while (i < words.length && words[i]!.text.startsWith('-') && words[i]!.text !== '-') {
      const flag = words[i]!.text;
      i++;
      if (flag === '--') break;
      if (!flag.includes('=') && wrapper.valueFlags.has(flag)) i++;
    }
    i += wrapper.positional ?? 0;
  }
  return i;
}

/** Forwarded arguments (`"$@"`, `$*`, `"${args[@]}"`): any number of words, flags included. */
function isForwardedArguments(word: ShellWord): boolean {
  return /^\$(?:[@*]|\{[@*]\}|\{\w+\[[@*]\]\})$/.test(word.text);
}

/** A variable named like a set of options (`$DOCKER_OPTS`, `$(RUN_FLAGS)`, `"${EXTRA_ARGS}"`). */
function isOptionsVariable(word: ShellWord): boolean {
  const name = expansionName(word);
  return name !== undefined && /OPT|ARG|FLAG|PARAM/i.test(name);
}

/**
 * An image reference, or a word that may expand to one (`$IMAGE`). Placeholders of documentation
 * (`IMAGE`, `[OPTIONS]`, `<image>`) are not: repository paths are lower case.
 */
export function looksLikeImage(text: string): boolean {
  if (text.includes('$')) return true;
  if (!/^[A-Za-z0-9][\w.\-/:@+]*$/.test(text)) return false;
  let rest = text;
  const at = rest.indexOf('@');
  if (at !== -1) rest = rest.slice(0, at);
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) rest = rest.slice(0, colon);
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') rest = rest.slice(slash + 1);
  }
  return rest !== '' && /^[a-z0-9][a-z0-9._\-/]*$/.test(rest);
}

interface OptionsResult {
  options: RunOption[];
  opaque: ShellWord[];
  /** Index of the first word after the options: the image. */
  next: number;
}

/** Reads run/create options up to the image, as pflag does with interspersed arguments off. */
function readOptions(words: readonly ShellWord[], from: number): OptionsResult {
  const options: RunOption[] = [];
  const opaque: ShellWord[] = [];
  let i = from;
  while (i < words.length) {
    const word = words[i]!;
    const text = word.text;
    if (text === '--') return { options, opaque, next: i + 1 };
    if (isForwardedArguments(word) || isOptionsVariable(word)) {
      opaque.push(word);
      i++;
      continue;
    }
    if (!text.startsWith('-') || text === '-') break;
    i++;
    if (text.startsWith('--')) {
      const equals = text.indexOf('=');
      const name = canonicalFlag(equals === -1 ? text.slice(2) : text.slice(2, equals));
      if (equals !== -1)
        options.push({
          name,
          value: text.slice(equals + 1),
          at: word.start,
          valueAt: word.start + equals + 1,
        });
      else if (takesValue(name) && i < words.length) {
        const next = words[i++]!;
        options.push({ name, value: next.text, at: word.start, valueAt: next.start });
      } else options.push({ name, at: word.start });
      continue;
    }
    // A group of one-letter flags: a flag that takes a value takes the rest of the word, or the next word.
    for (let k = 1; k < text.length; k++) {
      const name = shortFlag(text[k]!) ?? text[k]!;
      if (!takesValue(name)) {
        options.push({ name, at: word.start });
        continue;
      }
      let value = text.slice(k + 1);
      let valueAt = word.start + k + 1;
      if (value.startsWith('=')) {
        value = value.slice(1);
        valueAt++;
      } else if (value === '' && i < words.length) {
        const next = words[i++]!;
        value = next.text;
        valueAt = next.start;
      }
      options.push({ name, value, at: word.start, valueAt });
      break;
    }
  }
  return { options, opaque, next: i };
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

/**
 * The script a command runs from a string: `sh -c "…"`, `bash -ec '…'`, `eval "…"` (one argument). Its
 * run lines are the script's too.
 */
export function inlineScript(words: readonly ShellWord[]): ShellWord | undefined {
  let i = commandStart(words);
  const command = words[i]?.text;
  if (command === undefined) return undefined;
  if (command === 'eval') return words.length === i + 2 ? words[i + 1] : undefined;
  if (!SHELLS.has(command.slice(command.lastIndexOf('/') + 1))) return undefined;
  let readsString = false;
  for (i++; i < words.length && /^[-+]/.test(words[i]!.text); i++) {
    const flag = words[i]!.text;
    if (flag === '--' || flag === '-') break;
    // `-o pipefail` and `-O extglob` name an option in the next word.
    if (flag === '-o' || flag === '-O' || flag === '+o' || flag === '+O') i++;
    else if (!flag.startsWith('--') && flag.includes('c')) readsString = true;
  }
  return readsString ? words[i] : undefined;
}

/** The run/create command in `words`, or `undefined` when they are something else or name no image. */
export function parseRunCommand(words: readonly ShellWord[]): RunCommand | undefined {
  let i = commandStart(words);
  const engineWord = words[i];
  const engine = engineWord && engineOf(engineWord);
  if (!engine || !engineWord) return undefined;
  i++;
  // Global options: `docker -H tcp://host:2376 --tlsverify run …`.
  while (i < words.length && words[i]!.text.startsWith('-')) {
    const flag = words[i]!.text;
    i++;
    if (!flag.includes('=') && globalTakesValue(flag)) i++;
  }
  if (words[i]?.text === 'container') i++;
  const subcommand = words[i]?.text;
  if (subcommand !== 'run' && subcommand !== 'create') return undefined;
  const { options, opaque, next } = readOptions(words, i + 1);
  const image = words[next];
  if (!image || !looksLikeImage(image.text)) return undefined;
  return {
    engine,
    subcommand,
    at: engineWord.start,
    options,
    image,
    args: words.slice(next + 1),
    opaque,
  };
}
