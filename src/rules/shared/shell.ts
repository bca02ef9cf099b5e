// Reading the shell scripts of RUN instructions well enough to judge them: the script a RUN executes
// (heredoc bodies, `sh -c`), its simple commands and pipelines split at unquoted operators, each command's
// words with quotes removed, and the package-manager invocations among them.
import type { BuildRun } from '../../subjects/build-spec.js';

export interface ShellCommand {
  /** The command as written, operators excluded. */
  text: string;
  /** Its words with quotes removed; `$(…)` and backquotes stay one word. */
  words: string[];
}

/** Commands joined by `|`: the output of each feeds the next. */
export type Pipeline = ShellCommand[];

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
const HEREDOC_MARKER = /<<(-?)\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

/**
 * The script a RUN executes. A heredoc (`RUN <<EOF`) runs its body: the markers leave the first line and
 * the terminator lines go. The exec form `["sh", "-c", "a && b"]` runs its `-c` argument.
 */
export function scriptOf(run: BuildRun): string {
  const command = run.command;
  if (run.execForm) {
    const shellC = /^\s*(?:\S*\/)?(?:sh|bash|dash|ash|zsh)\s+-c\s+/.exec(command);
    return shellC ? command.slice(shellC[0].length) : command;
  }
  if (!command.includes('\n')) return command;
  const [first = '', ...rest] = command.split('\n');
  const terminators: string[] = [];
  const head = first.replace(HEREDOC_MARKER, (_marker, _dash, _quote, word: string) => {
    terminators.push(word);
    return '';
  });
  const body = rest.filter((line) => !terminators.includes(line.trim()));
  return [head, ...body].join('\n').replace(/\\\r?\n/g, ' ');
}

interface Token {
  kind: 'word' | 'pipe' | 'separator';
  raw: string;
  value: string;
}

/** Splits into words and operators, outside quotes, `$(…)` and backquotes. */
function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  let raw = '';
  let value = '';
  let inWord = false;
  const endWord = (): void => {
    if (inWord) tokens.push({ kind: 'word', raw, value });
    raw = '';
    value = '';
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\' && i + 1 < script.length) {
      const next = script[i + 1]!;
      raw += c + next;
      if (next !== '\n') value += next;
      inWord = true;
      i++;
    } else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end === -1 ? script.length : end;
      raw += script.slice(i, stop + 1);
      value += script.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        if (script[j] === '\\' && j + 1 < script.length && '"\\$`'.includes(script[j + 1]!)) j++;
        value += script[j];
      }
      raw += script.slice(i, j + 1);
      inWord = true;
      i = j;
    } else if (c === '`' || (c === '$' && script[i + 1] === '(')) {
      // A command substitution is one word: its content is a value known only when the build runs.
      let j = c === '`' ? script.indexOf('`', i + 1) : i + 1;
      if (c === '$') {
        let depth = 0;
        for (; j < script.length; j++) {
          if (script[j] === '(') depth++;
          else if (script[j] === ')' && --depth === 0) break;
        }
      }
      const stop = j === -1 ? script.length : Math.min(j, script.length - 1);
      raw += script.slice(i, stop + 1);
      value += script.slice(i, stop + 1);
      inWord = true;
      i = stop;
    } else if (c === '|' && script[i + 1] !== '|') {
      endWord();
      tokens.push({ kind: 'pipe', raw: c, value: c });
    } else if (c === ';' || c === '\n' || c === '&' || c === '|' || c === '(' || c === ')') {
      endWord();
      const double = (c === '&' || c === '|' || c === ';') && script[i + 1] === c;
      tokens.push({ kind: 'separator', raw: double ? c + c : c, value: c });
      if (double) i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
    } else if (c === '#' && !inWord) {
      const end = script.indexOf('\n', i);
      i = (end === -1 ? script.length : end) - 1;
    } else {
      raw += c;
      value += c;
      inWord = true;
    }
  }
  endWord();
  return tokens;
}

/** The pipelines of a script, in order; `sh -c '…'` contributes the pipelines of its script too. */
export function pipelinesOf(script: string): Pipeline[] {
  const pipelines: Pipeline[] = [];
  let pipeline: Pipeline = [];
  let words: Token[] = [];
  const endCommand = (): void => {
    if (words.length > 0) {
      pipeline.push({ text: words.map((w) => w.raw).join(' '), words: words.map((w) => w.value) });
      words = [];
    }
  };
  const endPipeline = (): void => {
    endCommand();
    if (pipeline.length > 0) pipelines.push(pipeline);
    pipeline = [];
  };
  for (const token of tokenize(script)) {
    if (token.kind === 'word') words.push(token);
    else if (token.kind === 'pipe') endCommand();
    else endPipeline();
  }
  endPipeline();
  const nested: Pipeline[] = [];
  for (const { words } of pipelines.flat()) {
    const program = programIndex(words);
    const name = baseName(words[program] ?? '');
    const dashC = words.indexOf('-c', program + 1);
    if (SHELLS.has(name) && dashC !== -1 && words[dashC + 1] !== undefined)
      nested.push(...pipelinesOf(words[dashC + 1]!));
  }
  return [...pipelines, ...nested];
}

/** Every simple command of a script (pipelines flattened). */
export function commandsOf(script: string): ShellCommand[] {
  return pipelinesOf(script).flat();
}

// A RUN is read once however many rules ask: subjects are never changed, so caching by identity is safe.
const pipelinesByRun = new WeakMap<BuildRun, Pipeline[]>();
const commandsByRun = new WeakMap<BuildRun, ShellCommand[]>();

/** The pipelines of a RUN. */
export function runPipelines(run: BuildRun): Pipeline[] {
  let pipelines = pipelinesByRun.get(run);
  if (!pipelines) {
    pipelines = pipelinesOf(scriptOf(run));
    pipelinesByRun.set(run, pipelines);
  }
  return pipelines;
}

/** The commands of a RUN (its pipelines flattened). */
export function runCommands(run: BuildRun): ShellCommand[] {
  let commands = commandsByRun.get(run);
  if (!commands) {
    commands = runPipelines(run).flat();
    commandsByRun.set(run, commands);
  }
  return commands;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const PREFIX_COMMANDS = new Set(['sudo', 'env', 'exec', 'nohup', 'time', 'command', 'nice', 'doas', 'xargs']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * Where the program of a command is: after `NAME=value` assignments and wrappers (`sudo -E`, `env`,
 * `exec`…), which run the program that follows them.
 */
export function programIndex(words: readonly string[]): number {
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    if (ASSIGNMENT.test(word)) i++;
    else if (PREFIX_COMMANDS.has(baseName(word))) {
      i++;
      while (i < words.length && words[i]!.startsWith('-')) {
        // `sudo -u app cmd`: the user is the value of -u, not the program.
        if (/^-[ugCDhprt]$/.test(words[i]!)) i++;
        i++;
      }
    } else break;
  }
  return i;
}

/** The program a command runs, without its directory: `apt-get` for `sudo /usr/bin/apt-get install`. */
export function programOf(command: ShellCommand): string {
  return baseName(command.words[programIndex(command.words)] ?? '');
}

/** The arguments after the program. */
export function argumentsOf(command: ShellCommand): string[] {
  return command.words.slice(programIndex(command.words) + 1);
}

export type PackageManager = 'apt' | 'apk' | 'yum' | 'zypper';

const MANAGERS: Record<string, PackageManager> = {
  'apt-get': 'apt',
  apt: 'apt',
  aptitude: 'apt',
  apk: 'apk',
  yum: 'yum',
  dnf: 'yum',
  microdnf: 'yum',
  tdnf: 'yum',
  zypper: 'zypper',
};

/** Options that take the next word as their value, per manager (the word is not a package). */
const OPTIONS_WITH_VALUE: Record<PackageManager, Set<string>> = {
  apt: new Set([
    '-o',
    '--option',
    '-t',
    '--target-release',
    '-c',
    '--config-file',
    '-a',
    '--host-architecture',
  ]),
  apk: new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--repositories-file']),
  yum: new Set(['-x', '--exclude', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '-c']),
  zypper: new Set(['-r', '--repo', '--from', '-t', '--type', '--root', '-R']),
};

export interface PackageCommand {
  manager: PackageManager;
  /** `apt-get`, `apk`, `dnf`… */
  tool: string;
  /** The action: `install`, `add`, `update`, `upgrade`, `clean`… */
  action: string;
  /** Options anywhere on the line, `--no-cache`, `-y`, `--no-install-recommends`… */
  options: string[];
  /** Package arguments with version pins removed: `sudo` for `sudo=1.9.5p2-3`. */
  packages: string[];
  command: ShellCommand;
}

/** `apt-get install -y sudo` → `{ manager: 'apt', action: 'install', packages: ['sudo'] }`. */
export function packageCommand(command: ShellCommand): PackageCommand | undefined {
  const tool = programOf(command);
  const manager = MANAGERS[tool];
  if (!manager) return undefined;
  const withValue = OPTIONS_WITH_VALUE[manager];
  const options: string[] = [];
  const positional: string[] = [];
  const args = argumentsOf(command);
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word.startsWith('-')) {
      options.push(word);
      if (withValue.has(word) && i + 1 < args.length) options.push(args[++i]!);
    } else positional.push(word);
  }
  const [action, ...rest] = positional;
  if (action === undefined) return undefined;
  return {
    manager,
    tool,
    action: action.toLowerCase(),
    options,
    packages: rest.map(packageName).filter((name) => name !== ''),
    command,
  };
}

/** A package argument without its version or release pin (`name=1.2`, `name>1`, `name~1`, `name:amd64`). */
export function packageName(spec: string): string {
  return spec.split(/[=<>~]/, 1)[0]!.replace(/:[a-z0-9]+$/, '');
}

const INSTALL_ACTIONS: Record<PackageManager, Set<string>> = {
  apt: new Set(['install', 'reinstall']),
  apk: new Set(['add']),
  yum: new Set(['install', 'reinstall', 'localinstall', 'groupinstall']),
  zypper: new Set(['install', 'in']),
};

export function isInstall(command: PackageCommand): boolean {
  return INSTALL_ACTIONS[command.manager].has(command.action);
}

/** True when a package argument names one of `names` (yum also takes `name-version`). */
export function installsAny(command: PackageCommand, names: readonly string[]): string | undefined {
  if (!isInstall(command)) return undefined;
  return command.packages.find((pkg) =>
    names.some(
      (name) =>
        pkg === name ||
        (command.manager === 'yum' && pkg.startsWith(`${name}-`) && /^\d/.test(pkg.slice(name.length + 1))),
    ),
  );
}

const packagesByCommands = new WeakMap<readonly ShellCommand[], PackageCommand[]>();

/** Every package-manager command of a list of commands (read once per list, like the RUN). */
export function packageCommands(commands: readonly ShellCommand[]): PackageCommand[] {
  let found = packagesByCommands.get(commands);
  if (!found) {
    found = commands.flatMap((command) => {
      const parsed = packageCommand(command);
      return parsed ? [parsed] : [];
    });
    packagesByCommands.set(commands, found);
  }
  return found;
}
