// daemon.json: the Docker Engine's configuration file. JSON is YAML, so it goes through the one YAML
// loader for positions (every key at its line and column); it is first checked as strict JSON, because
// dockerd refuses what YAML would forgive (comments, trailing commas, unquoted keys).
import type { SourceLocation } from '../../core/location.js';
import type { EngineConfig } from '../../subjects/engine-config.js';
import { loadYaml, YamlSyntaxError } from '../yaml/load.js';
import type { YamlPositions } from '../yaml/positions.js';
import { EngineConfigBuilder, settingShape } from './config-builder.js';
import { TextPositions } from './text-positions.js';

export class DaemonJsonError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
    this.name = 'DaemonJsonError';
  }
}

export interface DaemonJson {
  config: EngineConfig;
  /** Settings of the wrong type: dockerd would refuse to start with them. */
  warnings: EngineConfigBuilder['warnings'];
  /** How many of the top-level keys are dockerd settings: tells a daemon.json from other JSON. */
  knownKeys: number;
  /** The file holds no setting at all (`{}`, or nothing). */
  empty: boolean;
}

/** Documented daemon.json settings the model does not hold: they too tell a daemon.json from other JSON. */
const OTHER_DAEMON_KEYS = new Set([
  'data-root',
  'exec-root',
  'exec-opts',
  'features',
  'builder',
  'containerd',
  'runtimes',
  'default-runtime',
  'dns',
  'dns-opts',
  'dns-search',
  'default-address-pools',
  'bip',
  'fixed-cidr',
  'fixed-cidr-v6',
  'ipv6',
  'ip',
  'ip-forward',
  'ip-masq',
  'mtu',
  'group',
  'labels',
  'storage-opts',
  'cgroup-parent',
  'default-cgroupns-mode',
  'default-ipc-mode',
  'default-shm-size',
  'init',
  'max-concurrent-downloads',
  'max-concurrent-uploads',
  'shutdown-timeout',
  'metrics-addr',
  'proxies',
  'allow-nondistributable-artifacts',
  'cri-containerd',
  'pidfile',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Where JSON.parse stopped, from its message (`… at position 12`, or the end of the input). */
function syntaxErrorPosition(error: SyntaxError, text: string): number {
  const match = /position (\d+)/.exec(error.message);
  return match ? Math.min(Number(match[1]), text.length) : text.length;
}

function checkJson(text: string, positions: TextPositions): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const { line, column } = positions.lineColumn(syntaxErrorPosition(error, text));
    // Node's message repeats the position (and in newer versions the line): give the reason alone.
    const reason = error.message
      .replace(/\s*(in JSON )?at position \d+.*$/s, '')
      .replace(/\s+\(line.*$/s, '');
    throw new DaemonJsonError(`invalid JSON: ${reason}`, line, column);
  }
}

export function loadDaemonJson(text: string, path: string): DaemonJson {
  // dockerd strips a byte order mark, and so do editors when they count columns.
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const textPositions = new TextPositions(input, path);
  const start: SourceLocation = { path, line: 1, column: 1 };
  // dockerd reads an empty (or blank) file as an empty configuration.
  if (input.trim() === '') {
    const builder = new EngineConfigBuilder('daemon-json', 'daemon.json', start, true);
    return { config: builder.config, warnings: builder.warnings, knownKeys: 0, empty: true };
  }
  const parsed = checkJson(input, textPositions);
  if (!isObject(parsed)) throw new DaemonJsonError('the top level must be a JSON object', 1, 1);

  let root: unknown = parsed;
  let positions: YamlPositions | undefined;
  try {
    const loaded = loadYaml(input, path, { json: true });
    if (loaded.documents.length === 1 && isObject(loaded.documents[0])) {
      root = loaded.documents[0];
      positions = loaded.positions;
    }
  } catch (error) {
    // Valid JSON that the YAML loader still refuses: keep the values, every position at the start.
    if (!(error instanceof YamlSyntaxError)) throw error;
  }
  const rootObject = root as Record<string, unknown>;
  const at = (node: unknown, key?: string): SourceLocation =>
    (key === undefined ? positions?.of(node) : positions?.key(node, key)) ??
    positions?.of(rootObject) ??
    start;

  const builder = new EngineConfigBuilder('daemon-json', 'daemon.json', at(rootObject), true);
  let knownKeys = 0;
  for (const [key, value] of Object.entries(rootObject)) {
    const keyAt = at(rootObject, key);
    const shape = settingShape(key);
    if (shape === undefined) {
      if (OTHER_DAEMON_KEYS.has(key)) knownKeys++;
      builder.mention(key, keyAt);
      continue;
    }
    knownKeys++;
    const writtenAs = `"${key}"`;
    if (shape === 'boolean' || shape === 'string') {
      builder.setScalar(key, value, keyAt, writtenAs);
    } else if (shape === 'list') {
      builder.mention(key, keyAt);
      if (!Array.isArray(value)) {
        builder.warn(keyAt, `${writtenAs} must be a list: left unknown`);
        continue;
      }
      value.forEach((item, index) => {
        builder.addItem(key, item, positions?.item(value, index) ?? keyAt, writtenAs);
      });
    } else {
      builder.mention(key, keyAt);
      if (!isObject(value)) {
        builder.warn(keyAt, `${writtenAs} must be an object: left unknown`);
        continue;
      }
      for (const [name, entry] of Object.entries(value))
        builder.setEntry(key, name, entry, positions?.key(value, name) ?? keyAt, writtenAs);
    }
  }
  return {
    config: builder.config,
    warnings: builder.warnings,
    knownKeys,
    empty: Object.keys(rootObject).length === 0,
  };
}
