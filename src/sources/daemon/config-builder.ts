// Builds an EngineConfig from settings named as daemon.json names them, whichever input they come from:
// daemon.json's keys and dockerd's flags (translated to those names) go through the same typing here.
import type { ScanError } from '../../core/finding.js';
import type { Located, Placed, SourceLocation } from '../../core/location.js';
import type { EngineConfig, EngineConfigOrigin } from '../../subjects/engine-config.js';

type BooleanField = {
  [K in keyof EngineConfig]-?: NonNullable<EngineConfig[K]> extends Placed<boolean> ? K : never;
}[keyof EngineConfig];
type StringField = {
  [K in keyof EngineConfig]-?: NonNullable<EngineConfig[K]> extends Placed<string> ? K : never;
}[keyof EngineConfig];
type ListField = 'hosts' | 'insecureRegistries' | 'registryMirrors' | 'authorizationPlugins';
type MapField = 'logOpts' | 'defaultUlimits';

const BOOLEANS: Record<string, BooleanField> = {
  icc: 'icc',
  iptables: 'iptables',
  'userland-proxy': 'userlandProxy',
  'live-restore': 'liveRestore',
  'no-new-privileges': 'noNewPrivileges',
  tls: 'tls',
  tlsverify: 'tlsVerify',
  debug: 'debug',
  experimental: 'experimental',
  'selinux-enabled': 'selinuxEnabled',
};

const STRINGS: Record<string, StringField> = {
  'userns-remap': 'usernsRemap',
  'seccomp-profile': 'seccompProfile',
  bridge: 'bridge',
  tlscacert: 'tlsCaCert',
  tlscert: 'tlsCert',
  tlskey: 'tlsKey',
  'log-driver': 'logDriver',
  'log-level': 'logLevel',
  'storage-driver': 'storageDriver',
};

const LISTS: Record<string, ListField> = {
  hosts: 'hosts',
  'insecure-registries': 'insecureRegistries',
  'registry-mirrors': 'registryMirrors',
  'authorization-plugins': 'authorizationPlugins',
};

const MAPS: Record<string, MapField> = {
  'log-opts': 'logOpts',
  'default-ulimits': 'defaultUlimits',
};

export type SettingShape = 'boolean' | 'string' | 'list' | 'map';

/** How a daemon.json setting the model knows is shaped; undefined for the ones it does not model. */
export function settingShape(key: string): SettingShape | undefined {
  if (Object.hasOwn(BOOLEANS, key)) return 'boolean';
  if (Object.hasOwn(STRINGS, key)) return 'string';
  if (Object.hasOwn(LISTS, key)) return 'list';
  if (Object.hasOwn(MAPS, key)) return 'map';
  return undefined;
}

/** Go's strconv.ParseBool, which dockerd's flags use: `1 t T TRUE true True` and their opposites. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return undefined;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value) ?? String(value);
}

/** daemon.json's `{"Name": "nofile", "Soft": 1024, "Hard": 2048}` or a flag's `1024:2048`, as `soft:hard`. */
function ulimitText(value: unknown): string | undefined {
  const text = scalarText(value);
  if (text !== undefined) return text;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const soft = scalarText(record.Soft ?? record.soft);
  const hard = scalarText(record.Hard ?? record.hard);
  if (soft === undefined && hard === undefined) return undefined;
  return `${soft ?? hard}:${hard ?? soft}`;
}

export class EngineConfigBuilder {
  readonly config: EngineConfig;
  readonly warnings: ScanError[] = [];

  constructor(origin: EngineConfigOrigin, label: string, at: SourceLocation, unsetMeansDefault: boolean) {
    this.config = {
      kind: 'engine-config',
      origin,
      label,
      at,
      unsetMeansDefault,
      settings: Object.create(null) as Record<string, SourceLocation>,
      hosts: [],
      insecureRegistries: [],
      registryMirrors: [],
      logOpts: Object.create(null) as Record<string, Located<string>>,
      authorizationPlugins: [],
      defaultUlimits: Object.create(null) as Record<string, Located<string>>,
    };
  }

  /** Records that `key` is written at `at` (the first mention wins). */
  mention(key: string, at: SourceLocation): void {
    if (!Object.hasOwn(this.config.settings, key)) this.config.settings[key] = at;
  }

  warn(at: SourceLocation, message: string): void {
    this.warnings.push({ path: at.path, line: at.line, column: at.column, message });
  }

  /** A boolean or string setting. A value of the wrong type is a warning and leaves the setting unknown. */
  setScalar(key: string, value: unknown, at: SourceLocation, writtenAs: string): void {
    this.mention(key, at);
    const booleanField = Object.hasOwn(BOOLEANS, key) ? BOOLEANS[key] : undefined;
    if (booleanField) {
      const parsed =
        typeof value === 'boolean' ? value : typeof value === 'string' ? parseGoBool(value) : undefined;
      if (parsed === undefined) {
        this.warn(at, `${writtenAs} must be true or false, not ${describe(value)}: left unknown`);
        delete this.config[booleanField];
        return;
      }
      this.config[booleanField] = { value: parsed, at };
      return;
    }
    const stringField = Object.hasOwn(STRINGS, key) ? STRINGS[key] : undefined;
    if (stringField) {
      const text = scalarText(value);
      if (text === undefined) {
        this.warn(at, `${writtenAs} must be a string, not ${describe(value)}: left unknown`);
        delete this.config[stringField];
        return;
      }
      this.config[stringField] = { value: text, at };
    }
  }

  /** One item of a list setting (a daemon.json array item, a repeated flag). */
  addItem(key: string, value: unknown, at: SourceLocation, writtenAs: string): void {
    this.mention(key, at);
    const field = Object.hasOwn(LISTS, key) ? LISTS[key] : undefined;
    if (!field) return;
    const text = scalarText(value);
    if (text === undefined) {
      this.warn(at, `${writtenAs}: an item must be a string, not ${describe(value)}: skipped`);
      return;
    }
    this.config[field].push({ value: text, at });
  }

  /** One entry of a map setting (`log-opts`, `default-ulimits`); a later entry of a name replaces it. */
  setEntry(key: string, name: string, value: unknown, at: SourceLocation, writtenAs: string): void {
    this.mention(key, at);
    const field = Object.hasOwn(MAPS, key) ? MAPS[key] : undefined;
    if (!field) return;
    const text = field === 'defaultUlimits' ? ulimitText(value) : scalarText(value);
    if (text === undefined) {
      this.warn(at, `${writtenAs}: the value of "${name}" must be a string, not ${describe(value)}: skipped`);
      return;
    }
    this.config[field][name] = { value: text, at };
  }
}
