// dockerd's command-line flags, read the way dockerd's flag parser (pflag) reads them: `--flag=value` and
// `--flag value`, booleans as `--flag` or `--flag=false` (never `--flag false`), short flags (`-H`, `-s`,
// `-D`, combined as `-Dl debug`), repeated list flags. Each is mapped to its daemon.json name, so the same
// EngineConfig comes out whichever way the engine is configured.
import type { SourceLocation } from '../../core/location.js';
import type { EngineConfigBuilder, SettingShape } from './config-builder.js';
import type { Word } from './words.js';

interface FlagSpec {
  /** The daemon.json name of the setting. */
  key: string;
  shape: SettingShape;
}

const LONG_FLAGS: Record<string, FlagSpec> = {
  host: { key: 'hosts', shape: 'list' },
  tls: { key: 'tls', shape: 'boolean' },
  tlsverify: { key: 'tlsverify', shape: 'boolean' },
  tlscacert: { key: 'tlscacert', shape: 'string' },
  tlscert: { key: 'tlscert', shape: 'string' },
  tlskey: { key: 'tlskey', shape: 'string' },
  icc: { key: 'icc', shape: 'boolean' },
  iptables: { key: 'iptables', shape: 'boolean' },
  'userland-proxy': { key: 'userland-proxy', shape: 'boolean' },
  'live-restore': { key: 'live-restore', shape: 'boolean' },
  'no-new-privileges': { key: 'no-new-privileges', shape: 'boolean' },
  experimental: { key: 'experimental', shape: 'boolean' },
  'selinux-enabled': { key: 'selinux-enabled', shape: 'boolean' },
  debug: { key: 'debug', shape: 'boolean' },
  'userns-remap': { key: 'userns-remap', shape: 'string' },
  'seccomp-profile': { key: 'seccomp-profile', shape: 'string' },
  bridge: { key: 'bridge', shape: 'string' },
  'log-driver': { key: 'log-driver', shape: 'string' },
  'log-level': { key: 'log-level', shape: 'string' },
  'storage-driver': { key: 'storage-driver', shape: 'string' },
  'insecure-registry': { key: 'insecure-registries', shape: 'list' },
  'registry-mirror': { key: 'registry-mirrors', shape: 'list' },
  'authorization-plugin': { key: 'authorization-plugins', shape: 'list' },
  'log-opt': { key: 'log-opts', shape: 'map' },
  'default-ulimit': { key: 'default-ulimits', shape: 'map' },
};

const SHORT_FLAGS: Record<string, string> = {
  H: 'host',
  D: 'debug',
  l: 'log-level',
  s: 'storage-driver',
  b: 'bridge',
};

/** Short flags of dockerd (and of the old `docker daemon`) that take a value but are not modelled. */
const OTHER_SHORT_WITH_VALUE = new Set(['G', 'p', 'g', 'e']);

export interface FlagContext {
  builder: EngineConfigBuilder;
  /** Where a word starts in the file. */
  locate(word: Word): SourceLocation;
}

function apply(
  context: FlagContext,
  spec: FlagSpec,
  flag: string,
  value: Word | string,
  at: SourceLocation,
): void {
  const { builder } = context;
  if (typeof value !== 'string' && value.expands) {
    // `--host $DOCKER_HOST`: the flag is there, its value is not known from this file.
    builder.mention(spec.key, at);
    return;
  }
  const text = typeof value === 'string' ? value : value.text;
  if (spec.shape === 'list') builder.addItem(spec.key, text, at, flag);
  else if (spec.shape === 'map') {
    const equals = text.indexOf('=');
    if (equals <= 0) {
      builder.mention(spec.key, at);
      builder.warn(at, `${flag} "${text}" is not name=value: skipped`);
      return;
    }
    builder.setEntry(spec.key, text.slice(0, equals), text.slice(equals + 1), at, flag);
  } else builder.setScalar(spec.key, text, at, flag);
}

/**
 * Reads dockerd's arguments (the program name already taken off). dockerd takes no positional arguments,
 * so a word that follows a flag the model does not know, and is no flag itself, is that flag's value.
 */
export function applyDockerdFlags(args: readonly Word[], context: FlagContext): void {
  const { builder } = context;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const text = word.text;
    const at = context.locate(word);
    const takeValue = (): Word | undefined => {
      const next = args[i + 1];
      if (next === undefined) return undefined;
      i++;
      return next;
    };
    if (word.expands && !/^--?[A-Za-z]/.test(text)) continue; // `$DOCKER_OPTS`: unknown words.
    if (text === '--') break;
    if (text.startsWith('--')) {
      const equals = text.indexOf('=');
      const name = equals < 0 ? text.slice(2) : text.slice(2, equals);
      const inline = equals < 0 ? undefined : text.slice(equals + 1);
      const spec = Object.hasOwn(LONG_FLAGS, name) ? LONG_FLAGS[name] : undefined;
      const flag = `--${name}`;
      if (!spec) {
        builder.mention(name, at);
        const next = args[i + 1];
        if (inline === undefined && next !== undefined && !next.text.startsWith('-')) i++;
        continue;
      }
      if (spec.shape === 'boolean') {
        apply(context, spec, flag, inline === undefined ? 'true' : { ...word, text: inline }, at);
        continue;
      }
      const value = inline !== undefined ? { ...word, text: inline } : takeValue();
      if (value === undefined) {
        builder.mention(spec.key, at);
        builder.warn(at, `${flag} needs a value: skipped`);
        continue;
      }
      apply(context, spec, flag, value, at);
      continue;
    }
    if (text.startsWith('-') && text.length > 1) {
      // Short flags, possibly combined: `-D`, `-H unix://`, `-Htcp://…`, `-H=tcp://…`, `-Dl debug`.
      for (let k = 1; k < text.length; k++) {
        const letter = text[k]!;
        const long = SHORT_FLAGS[letter];
        const spec = long === undefined ? undefined : LONG_FLAGS[long];
        const rest = text.slice(k + 1);
        const inline = rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest;
        if (spec?.shape === 'boolean') {
          if (rest.startsWith('=')) {
            apply(context, spec, `-${letter}`, { ...word, text: rest.slice(1) }, at);
            break;
          }
          apply(context, spec, `-${letter}`, 'true', at);
          continue;
        }
        if (spec) {
          const value = inline !== undefined ? { ...word, text: inline } : takeValue();
          if (value === undefined) {
            builder.mention(spec.key, at);
            builder.warn(at, `-${letter} needs a value: skipped`);
          } else apply(context, spec, `-${letter}`, value, at);
          break;
        }
        if (OTHER_SHORT_WITH_VALUE.has(letter)) {
          if (inline === undefined) takeValue();
          break;
        }
        // Any other short flag (`-d` of the old `docker -d`, `-v`): a switch.
      }
      continue;
    }
    builder.warn(
      at,
      `dockerd takes no arguments: "${text}" is ignored (a boolean flag takes its value as --flag=value)`,
    );
  }
}

/** The systemd prefixes of an ExecStart command (`-`, `@`, `+`, `!`, `!!`, `:`), and how many words `@` takes. */
function stripPrefixes(program: string): { program: string; argv0: boolean } {
  let argv0 = false;
  let k = 0;
  while (k < program.length && '-@+!:|'.includes(program[k]!)) {
    if (program[k] === '@') argv0 = true;
    k++;
  }
  return { program: program.slice(k), argv0 };
}

function baseName(program: string): string {
  const slash = program.lastIndexOf('/');
  return slash < 0 ? program : program.slice(slash + 1);
}

/**
 * The arguments dockerd gets from a command line, or undefined when the command does not run dockerd:
 * `dockerd …`, `dockerd-rootless.sh …`, the old `docker daemon …` and `docker -d …`, through `env`.
 */
export function dockerdArguments(words: readonly Word[], systemd: boolean): Word[] | undefined {
  let index = 0;
  let first = words[0];
  if (first === undefined) return undefined;
  let program = first.text;
  if (systemd) {
    const stripped = stripPrefixes(program);
    program = stripped.program;
    if (stripped.argv0) index++;
  }
  // `env [-i] [NAME=value…] dockerd …`
  while (baseName(program) === 'env') {
    index++;
    while (index < words.length && (words[index]!.text.startsWith('-') || /^\w+=/.test(words[index]!.text)))
      index++;
    first = words[index];
    if (first === undefined) return undefined;
    program = first.text;
  }
  const name = baseName(program);
  const rest = words.slice(index + 1);
  if (name === 'dockerd' || name === 'dockerd-rootless.sh') return rest;
  if (name === 'docker') {
    if (rest[0]?.text === 'daemon') return rest.slice(1);
    const daemonFlag = rest.findIndex((w) => w.text === '-d' || w.text === '--daemon');
    if (daemonFlag >= 0) return rest.filter((_, k) => k !== daemonFlag);
  }
  return undefined;
}
