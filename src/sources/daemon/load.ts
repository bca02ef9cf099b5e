// The Docker Engine's configuration sources: daemon.json, and dockerd's flags from a systemd unit or a
// DOCKER_OPTS-style environment file. Each file gives at most one EngineConfig; what cannot be read
// becomes an error entry with its line.
import type { ScanError } from '../../core/finding.js';
import type { EngineConfig } from '../../subjects/engine-config.js';
import { EngineConfigBuilder } from './config-builder.js';
import { DaemonJsonError, loadDaemonJson } from './daemon-json.js';
import { applyDockerdFlags, dockerdArguments } from './dockerd-flags.js';
import { envFileOptions } from './env-file.js';
import { execStartCommands, looksLikeUnit } from './systemd-unit.js';
import { TextPositions } from './text-positions.js';
import type { Word } from './words.js';

export type EngineFileKind = 'daemon-json' | 'dockerd-flags';

export interface EngineFile {
  configs: EngineConfig[];
  errors: ScanError[];
  /** The file could not be parsed at all. */
  unreadable: boolean;
}

function isDaemonJsonName(path: string): boolean {
  return /(^|[/\\])daemon\.json$/i.test(path);
}

function prefixed(errors: readonly ScanError[], prefix: string): ScanError[] {
  return errors.map((error) => ({ ...error, message: `${prefix}: ${error.message}` }));
}

function loadDaemonJsonFile(path: string, text: string, explicit: boolean): EngineFile {
  const named = isDaemonJsonName(path);
  try {
    const { config, warnings, knownKeys, empty } = loadDaemonJson(text, path);
    // Another JSON file under etc/docker/ (`key.json`, a plugin's settings) is not the engine's; an empty
    // one is, when the user says so (`--input-type daemon-json`).
    if (!named && knownKeys === 0 && !(explicit && empty)) {
      if (!explicit) return { configs: [], errors: [], unreadable: false };
      return {
        configs: [],
        errors: [{ path, message: 'not a dockerd configuration (no daemon.json setting in it)' }],
        unreadable: true,
      };
    }
    return { configs: [config], errors: prefixed(warnings, 'daemon.json'), unreadable: false };
  } catch (error) {
    if (!(error instanceof DaemonJsonError)) throw error;
    if (!named && !explicit) return { configs: [], errors: [], unreadable: false };
    const scanError: ScanError = { path, message: `daemon.json: ${error.message}` };
    if (error.line !== undefined) scanError.line = error.line;
    if (error.column !== undefined) scanError.column = error.column;
    return { configs: [], errors: [scanError], unreadable: true };
  }
}

function loadFlagsFile(path: string, text: string): EngineFile {
  // Offsets are counted without a byte order mark, as editors count columns.
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const positions = new TextPositions(input, path);
  const locate = (word: Word) => positions.location(word.start);
  const errors: ScanError[] = [];
  const quoteLeftOpen = (offset: number) => {
    const at = positions.location(offset);
    errors.push({ ...at, message: 'dockerd flags: a quote is not closed' });
  };
  let builder: EngineConfigBuilder | undefined;
  if (looksLikeUnit(input)) {
    const commands = execStartCommands(input);
    for (const command of commands) {
      if (command.unterminatedQuote !== undefined) quoteLeftOpen(command.unterminatedQuote);
    }
    // A service has one ExecStart (Type=notify); if a unit has several, the last one that runs dockerd.
    for (const command of [...commands].reverse()) {
      const args = dockerdArguments(command.words, true);
      if (!args) continue;
      builder = new EngineConfigBuilder(
        'dockerd-flags',
        'dockerd flags (ExecStart)',
        positions.location(command.keyOffset),
        false,
      );
      applyDockerdFlags(args, { builder, locate });
      break;
    }
  } else {
    const options = envFileOptions(input);
    if (options.unterminatedQuote !== undefined) quoteLeftOpen(options.unterminatedQuote);
    if (options.firstOffset !== undefined) {
      builder = new EngineConfigBuilder(
        'dockerd-flags',
        `dockerd flags (${options.variables.join(', ')})`,
        positions.location(options.firstOffset),
        false,
      );
      applyDockerdFlags(options.words, { builder, locate });
    }
  }
  if (!builder) return { configs: [], errors, unreadable: false };
  return {
    configs: [builder.config],
    errors: [...errors, ...prefixed(builder.warnings, 'dockerd flags')],
    unreadable: false,
  };
}

export function loadEngineFile(
  path: string,
  text: string,
  kind: EngineFileKind,
  explicit: boolean,
): EngineFile {
  return kind === 'daemon-json' ? loadDaemonJsonFile(path, text, explicit) : loadFlagsFile(path, text);
}
