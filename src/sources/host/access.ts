// Who may reach the engine and how its use is recorded (HostAccess), and the engine's own configuration as
// the host holds it: /etc/docker/daemon.json and the running dockerd's command line, for the engine rules.
import { lstat, readFile, readlink, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { ScanError } from '../../core/finding.js';
import type { Located, SourceLocation } from '../../core/location.js';
import { mask } from '../../core/mask.js';
import type { EngineConfig } from '../../subjects/engine-config.js';
import type {
  AuditRule,
  AuditTarget,
  DockerCliConfig,
  DockerGroup,
  DockerSocket,
  HostAccess,
  PlaintextAuth,
  RootlessDockerd,
  SubordinateRange,
  TimeSyncService,
} from '../../subjects/host/access.js';
import { EngineConfigBuilder } from '../daemon/config-builder.js';
import { applyDockerdFlags, dockerdArguments } from '../daemon/dockerd-flags.js';
import { loadEngineFile } from '../daemon/load.js';
import { TextPositions } from '../daemon/text-positions.js';
import type { Word } from '../daemon/words.js';
import { loadYaml } from '../yaml/load.js';
import type { HostContext } from './context.js';
import type { HostProcess } from './processes.js';

export interface AccessRead {
  access: HostAccess;
  engineConfigs: EngineConfig[];
  errors: ScanError[];
}

type Optional = { text: string } | 'absent' | 'unreadable';

/** A host file that may be absent; any other failure is recorded as unknown `what`. */
async function readOptional(context: HostContext, path: string, what: string): Promise<Optional> {
  try {
    const buffer = await readFile(context.path(path));
    return { text: buffer.subarray(0, 4 * 1024 * 1024).toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'absent';
    context.unknownFact(what, path, code);
    return 'unreadable';
  }
}

/**
 * `path` (absolute on the host) with its symbolic links resolved inside the root: `/var/run` → `/run` must
 * lead to the host's /run under `--root /host`, not to the reader's own.
 */
export async function resolveInRoot(context: HostContext, path: string): Promise<string> {
  let pending = path.split('/').filter((part) => part !== '');
  let current = '/';
  for (let hops = 0; pending.length > 0 && hops < 40;) {
    const part = pending.shift()!;
    if (part === '.') continue;
    if (part === '..') {
      current = posix.dirname(current);
      continue;
    }
    const next = posix.join(current, part);
    const info = await lstat(context.path(next)).catch(() => undefined);
    if (info?.isSymbolicLink()) {
      hops++;
      const target = await readlink(context.path(next)).catch(() => undefined);
      if (target === undefined) return posix.join(next, ...pending);
      if (target.startsWith('/')) current = '/';
      pending = [...target.split('/').filter((p) => p !== ''), ...pending];
      continue;
    }
    current = next;
    if (info === undefined) return posix.join(current, ...pending);
  }
  return current;
}

// ---- /etc/passwd, /etc/group -------------------------------------------------------------------------

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
  line: number;
}

export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length < 7 || line.startsWith('#')) continue;
    const uid = Number(fields[2]);
    const gid = Number(fields[3]);
    if (!Number.isInteger(uid) || !Number.isInteger(gid) || fields[0] === '') continue;
    entries.push({ name: fields[0]!, uid, gid, home: fields[5]! });
  }
  return entries;
}

export function parseGroup(text: string): GroupEntry[] {
  const entries: GroupEntry[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const fields = line.split(':');
    if (fields.length < 4 || line.startsWith('#')) continue;
    const gid = Number(fields[2]);
    if (!Number.isInteger(gid) || fields[0] === '') continue;
    const members = fields[3]!
      .split(',')
      .map((m) => m.trim())
      .filter((m) => m !== '');
    entries.push({ name: fields[0]!, gid, members, line: index + 1 });
  }
  return entries;
}

/** /etc/subuid or /etc/subgid: `name:start:count` per line. */
export function parseSubordinate(
  text: string,
  at: (line: number) => SourceLocation,
): Located<SubordinateRange>[] {
  const ranges: Located<SubordinateRange>[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const match = /^\s*([^:#\s][^:]*):(\d+):(\d+)\s*$/.exec(line);
    if (match === null) continue;
    ranges.push({
      value: { owner: match[1]!, start: Number(match[2]), count: Number(match[3]) },
      at: at(index + 1),
    });
  }
  return ranges;
}

// ---- auditd ------------------------------------------------------------------------------------------

/** Splits an audit rule line into words (auditctl takes no quoting beyond plain words; `"` is kept out). */
function ruleWords(line: string): string[] {
  return line
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/^"|"$/g, ''))
    .filter((word) => word !== '');
}

/** The path rules of an audit rules file: `-w PATH [-p PERMS] [-k KEY]` and `-a always,exit … -F path=|dir=`. */
export function parseAuditRules(text: string, at: (line: number) => SourceLocation): Located<AuditRule>[] {
  const rules: Located<AuditRule>[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const words = ruleWords(line);
    const value = (flag: string): string | undefined => {
      const k = words.indexOf(flag);
      return k >= 0 ? words[k + 1] : undefined;
    };
    const fields = new Map<string, string>();
    words.forEach((word, k) => {
      if (word !== '-F') return;
      const field = words[k + 1] ?? '';
      const match = /^(\w+)(=|!=)(.*)$/.exec(field);
      if (match !== null && match[2] === '=') fields.set(match[1]!, match[3]!);
    });
    const key = value('-k') ?? fields.get('key');
    let rule: AuditRule | undefined;
    if (words[0] === '-w') {
      const path = words[1];
      if (path !== undefined) {
        const permissions = value('-p');
        rule = { path, recursive: true, ...(permissions !== undefined ? { permissions } : {}) };
      }
    } else if (words[0] === '-a' || words[0] === '-A') {
      const action = (words[1] ?? '').split(',');
      if (action.includes('never')) continue;
      const path = fields.get('path') ?? fields.get('dir');
      if (path !== undefined) {
        const permissions = fields.get('perm');
        rule = {
          path,
          recursive: !fields.has('path'),
          ...(permissions !== undefined ? { permissions } : {}),
        };
      }
    }
    if (rule === undefined) continue;
    if (rule.path.length > 1) rule.path = rule.path.replace(/\/+$/, '');
    if (key !== undefined) rule.key = key;
    rules.push({ value: rule, at: at(index + 1) });
  }
  return rules;
}

/** What CIS 1.1.3–1.1.18 wants audited, each the first of its candidate paths present on the host. */
const AUDIT_TARGETS: readonly { cis: string; paths: readonly string[] }[] = [
  { cis: '1.1.3', paths: ['/usr/bin/dockerd', '/usr/sbin/dockerd', '/usr/local/bin/dockerd'] },
  { cis: '1.1.4', paths: ['/run/containerd'] },
  { cis: '1.1.5', paths: ['/var/lib/docker'] },
  { cis: '1.1.6', paths: ['/etc/docker'] },
  {
    cis: '1.1.7',
    paths: [
      '/etc/systemd/system/docker.service',
      '/lib/systemd/system/docker.service',
      '/usr/lib/systemd/system/docker.service',
    ],
  },
  { cis: '1.1.8', paths: ['/run/containerd/containerd.sock'] },
  {
    cis: '1.1.9',
    paths: [
      '/etc/systemd/system/docker.socket',
      '/lib/systemd/system/docker.socket',
      '/usr/lib/systemd/system/docker.socket',
    ],
  },
  { cis: '1.1.10', paths: ['/etc/default/docker'] },
  { cis: '1.1.11', paths: ['/etc/docker/daemon.json'] },
  { cis: '1.1.12', paths: ['/etc/containerd/config.toml'] },
  { cis: '1.1.13', paths: ['/etc/sysconfig/docker'] },
  { cis: '1.1.14', paths: ['/usr/bin/containerd', '/usr/local/bin/containerd'] },
  { cis: '1.1.15', paths: ['/usr/bin/containerd-shim', '/usr/local/bin/containerd-shim'] },
  {
    cis: '1.1.16',
    paths: ['/usr/bin/containerd-shim-runc-v1', '/usr/local/bin/containerd-shim-runc-v1'],
  },
  {
    cis: '1.1.17',
    paths: ['/usr/bin/containerd-shim-runc-v2', '/usr/local/bin/containerd-shim-runc-v2'],
  },
  {
    cis: '1.1.18',
    paths: ['/usr/bin/runc', '/usr/sbin/runc', '/usr/local/bin/runc', '/usr/local/sbin/runc'],
  },
];

async function exists(context: HostContext, path: string): Promise<boolean> {
  const resolved = await resolveInRoot(context, path);
  return (await lstat(context.path(resolved)).catch(() => undefined)) !== undefined;
}

async function readAuditTargets(context: HostContext): Promise<AuditTarget[]> {
  const found = await Promise.all(
    AUDIT_TARGETS.map(async ({ cis, paths }) => {
      for (const path of paths) if (await exists(context, path)) return { cis, path };
      return undefined;
    }),
  );
  return found.filter((target): target is AuditTarget => target !== undefined);
}

async function readAuditRules(context: HostContext): Promise<Located<AuditRule>[] | undefined> {
  const rules: Located<AuditRule>[] = [];
  let unreadable = false;
  const files: string[] = [];
  const names = await context.list('/etc/audit/rules.d', 'auditd rules', true);
  if (names === undefined && (await context.stat('/etc/audit/rules.d')) !== undefined) unreadable = true;
  for (const name of (names ?? []).filter((n) => n.endsWith('.rules')).sort())
    files.push(`/etc/audit/rules.d/${name}`);
  files.push('/etc/audit/audit.rules');
  for (const file of files) {
    const read = await readOptional(context, file, 'auditd rules');
    if (read === 'unreadable') unreadable = true;
    if (typeof read !== 'object') continue;
    rules.push(...parseAuditRules(read.text, (line) => context.at(file, line)));
  }
  return unreadable && rules.length === 0 ? undefined : rules;
}

// ---- time synchronisation ------------------------------------------------------------------------------

/** Process names (`comm`, at most 15 characters) of time synchronisation daemons. */
const TIME_PROCESSES: Record<string, string> = {
  chronyd: 'chronyd',
  ntpd: 'ntpd',
  'systemd-timesyn': 'systemd-timesyncd',
  openntpd: 'openntpd',
};

const TIME_UNITS: Record<string, string> = {
  'systemd-timesyncd.service': 'systemd-timesyncd',
  'chrony.service': 'chronyd',
  'chronyd.service': 'chronyd',
  'ntp.service': 'ntpd',
  'ntpd.service': 'ntpd',
  'ntpsec.service': 'ntpd',
  'openntpd.service': 'openntpd',
};

const TIME_CONFIGS: Record<string, string> = {
  '/etc/chrony/chrony.conf': 'chronyd',
  '/etc/chrony.conf': 'chronyd',
  '/etc/ntp.conf': 'ntpd',
  '/etc/ntpsec/ntp.conf': 'ntpd',
  '/etc/systemd/timesyncd.conf': 'systemd-timesyncd',
};

async function readTimeSync(
  context: HostContext,
  processes: HostProcess[],
): Promise<Located<TimeSyncService>[]> {
  const found: Located<TimeSyncService>[] = [];
  for (const process of processes) {
    const name = Object.hasOwn(TIME_PROCESSES, process.name) ? TIME_PROCESSES[process.name] : undefined;
    if (name !== undefined)
      found.push({ value: { name, how: 'running' }, at: context.at(`/proc/${process.pid}/cmdline`) });
  }
  const system = '/etc/systemd/system';
  const wants = ((await context.list(system, 'enabled services', true)) ?? []).filter((n) =>
    n.endsWith('.wants'),
  );
  for (const dir of wants.sort()) {
    for (const unit of ((await context.list(`${system}/${dir}`, 'enabled services', true)) ?? []).sort()) {
      const name = Object.hasOwn(TIME_UNITS, unit) ? TIME_UNITS[unit] : undefined;
      if (name !== undefined)
        found.push({ value: { name, how: 'enabled' }, at: context.at(`${system}/${dir}/${unit}`) });
    }
  }
  for (const [path, name] of Object.entries(TIME_CONFIGS)) {
    if ((await context.stat(path))?.isFile())
      found.push({ value: { name, how: 'configured' }, at: context.at(path) });
  }
  return found;
}

// ---- Docker CLI credentials ------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The credentials a Docker CLI config.json holds in plaintext (`auths.<registry>.auth` or `identitytoken`),
 * masked, and the helpers it names. Undefined when the file is no JSON object.
 */
export function parseDockerConfig(
  text: string,
  path: string,
  user: string,
  at: (line: number, column: number) => SourceLocation,
): DockerCliConfig | undefined {
  let root: unknown;
  let positions: ReturnType<typeof loadYaml>['positions'] | undefined;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(root)) return undefined;
  try {
    const loaded = loadYaml(text, path, { json: true });
    if (loaded.documents.length === 1 && isRecord(loaded.documents[0])) {
      root = loaded.documents[0];
      positions = loaded.positions;
    }
  } catch {
    // Positions are a convenience: the values are known from JSON.parse.
  }
  const object = root as Record<string, unknown>;
  const locate = (node: object, key: string): SourceLocation => {
    const found = positions?.key(node, key);
    return found !== undefined ? at(found.line, found.column) : at(1, 1);
  };
  const config: DockerCliConfig = { user, path, plaintext: [], credHelpers: [] };
  if (typeof object.credsStore === 'string' && object.credsStore !== '')
    config.credsStore = object.credsStore;
  if (isRecord(object.credHelpers))
    config.credHelpers = Object.entries(object.credHelpers)
      .filter(([, helper]) => typeof helper === 'string' && helper !== '')
      .map(([registry]) => registry);
  const auths = object.auths;
  if (isRecord(auths)) {
    for (const [registry, entry] of Object.entries(auths)) {
      if (!isRecord(entry)) continue;
      for (const field of ['auth', 'identitytoken', 'password']) {
        const value = entry[field];
        if (typeof value !== 'string' || value.trim() === '') continue;
        const plaintext: PlaintextAuth = { registry, masked: mask(value), field };
        config.plaintext.push({ value: plaintext, at: locate(entry, field) });
        break;
      }
    }
  }
  return config;
}

async function readDockerConfigs(context: HostContext, users: PasswdEntry[]): Promise<DockerCliConfig[]> {
  const homes = new Map<string, string>([['/root', 'root']]);
  for (const user of users) {
    if (!user.home.startsWith('/') || user.home === '/' || /^\/(?:nonexistent|dev\/null)/.test(user.home))
      continue;
    if (!homes.has(user.home)) homes.set(user.home, user.name);
  }
  const configs: DockerCliConfig[] = [];
  for (const [home, user] of homes) {
    const path = posix.join(home, '.docker/config.json');
    const read = await readOptional(context, path, `${user}'s Docker credentials`);
    if (typeof read !== 'object') continue;
    const config = parseDockerConfig(read.text, context.path(path), user, (line, column) =>
      context.at(path, line, column),
    );
    if (config !== undefined) configs.push(config);
  }
  return configs;
}

// ---- engine configuration -----------------------------------------------------------------------------

/** The words of a NUL-separated /proc/<pid>/cmdline, each at its offset in the file. */
export function cmdlineWords(args: readonly string[]): Word[] {
  const words: Word[] = [];
  let offset = 0;
  for (const [index, text] of args.entries()) {
    words.push({
      text,
      offsets: Array.from({ length: text.length }, (_, k) => offset + k),
      start: offset,
      expands: false,
      commandStart: index === 0,
    });
    offset += text.length + 1;
  }
  return words;
}

/** `--config-file PATH` / `--config-file=PATH` among dockerd's arguments. */
function configFileFlag(args: readonly Word[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.text;
    if (text === '--config-file') return args[i + 1]?.text;
    if (text.startsWith('--config-file=')) return text.slice('--config-file='.length);
  }
  return undefined;
}

const MAP_FIELDS = new Set(['logOpts', 'defaultUlimits']);
const FIXED_FIELDS = new Set(['kind', 'origin', 'label', 'at', 'unsetMeansDefault', 'settings']);

/**
 * One configuration from daemon.json and the flags dockerd runs with: dockerd refuses a setting given both
 * ways, so each setting comes from one of them and keeps its own location.
 */
export function mergeEngineConfigs(base: EngineConfig, flags: EngineConfig, label: string): EngineConfig {
  const merged: Record<string, unknown> = { ...base, label };
  merged.settings = Object.assign(Object.create(null) as object, base.settings, flags.settings);
  for (const [key, value] of Object.entries(flags)) {
    if (FIXED_FIELDS.has(key) || value === undefined) continue;
    const current = merged[key];
    if (Array.isArray(value)) merged[key] = [...((current as unknown[] | undefined) ?? []), ...value];
    else if (MAP_FIELDS.has(key)) merged[key] = Object.assign(Object.create(null) as object, current, value);
    else merged[key] = value;
  }
  return merged as unknown as EngineConfig;
}

interface EngineRead {
  configs: EngineConfig[];
  errors: ScanError[];
  rootless: Located<RootlessDockerd>[];
}

async function readEngineConfigs(
  context: HostContext,
  dockerds: HostProcess[],
  users: PasswdEntry[],
): Promise<EngineRead> {
  const result: EngineRead = { configs: [], errors: [], rootless: [] };
  const loadJson = async (path: string): Promise<{ config?: EngineConfig; readable: boolean }> => {
    const read = await readOptional(context, path, 'the engine configuration (daemon.json)');
    if (read === 'absent') return { readable: true };
    if (read === 'unreadable') return { readable: false };
    const file = loadEngineFile(context.path(path), read.text, 'daemon-json', true);
    result.errors.push(...file.errors);
    return file.configs[0] !== undefined ? { config: file.configs[0], readable: true } : { readable: false };
  };
  if (dockerds.length === 0) {
    const { config } = await loadJson('/etc/docker/daemon.json');
    if (config !== undefined) result.configs.push(config);
    return result;
  }
  for (const dockerd of dockerds) {
    const cmdlinePath = `/proc/${dockerd.pid}/cmdline`;
    const words = cmdlineWords(dockerd.cmdline);
    const args = dockerdArguments(words, false);
    if (args === undefined) continue;
    const rootless =
      (dockerd.uid !== undefined && dockerd.uid !== 0) || args.some((word) => word.text === '--rootless');
    const user = users.find((entry) => entry.uid === dockerd.uid);
    if (rootless)
      result.rootless.push({
        value: {
          pid: dockerd.pid,
          uid: dockerd.uid ?? 0,
          ...(user !== undefined ? { user: user.name } : {}),
        },
        at: context.at(cmdlinePath),
      });
    const configFile =
      configFileFlag(args) ??
      (rootless && user !== undefined
        ? posix.join(user.home, '.config/docker/daemon.json')
        : '/etc/docker/daemon.json');
    const json = configFile.startsWith('/') ? await loadJson(configFile) : { readable: false };
    const positions = new TextPositions(dockerd.cmdline.join('\0'), context.path(cmdlinePath));
    const builder = new EngineConfigBuilder(
      'dockerd-flags',
      `dockerd (pid ${dockerd.pid})`,
      context.at(cmdlinePath),
      json.readable,
    );
    applyDockerdFlags(args, { builder, locate: (word) => positions.location(word.start) });
    result.errors.push(
      ...builder.warnings.map((warning) => ({ ...warning, message: `dockerd flags: ${warning.message}` })),
    );
    const config =
      json.config !== undefined
        ? mergeEngineConfigs(
            json.config,
            builder.config,
            `dockerd (pid ${dockerd.pid}, ${configFile} and its flags)`,
          )
        : builder.config;
    if (rootless) config.rootless = { value: true, at: context.at(cmdlinePath) };
    result.configs.push(config);
  }
  return result;
}

// ---- the Docker socket ------------------------------------------------------------------------------------

async function readSockets(
  context: HostContext,
  configs: EngineConfig[],
  users: PasswdEntry[],
  groups: GroupEntry[],
): Promise<Located<DockerSocket>[]> {
  const candidates: string[] = [];
  for (const config of configs) {
    if (config.rootless?.value === true) continue;
    for (const host of config.hosts) {
      const match = /^unix:\/\/(\/.+)$/.exec(host.value);
      if (match !== null) candidates.push(match[1]!);
    }
  }
  candidates.push('/run/docker.sock', '/var/run/docker.sock');
  const seen = new Set<string>();
  const sockets: Located<DockerSocket>[] = [];
  for (const candidate of candidates) {
    const path = await resolveInRoot(context, candidate);
    if (seen.has(path)) continue;
    seen.add(path);
    const info = await stat(context.path(path)).catch(() => undefined);
    // A directory at the path is what `-v /var/run/docker.sock:…` leaves when no engine ran: no socket.
    if (info === undefined || info.isDirectory()) continue;
    const owner = users.find((user) => user.uid === info.uid)?.name;
    const group = groups.find((entry) => entry.gid === info.gid)?.name;
    sockets.push({
      value: {
        path,
        uid: info.uid,
        gid: info.gid,
        mode: info.mode & 0o7777,
        ...(owner !== undefined ? { owner } : {}),
        ...(group !== undefined ? { group } : {}),
        isSocket: info.isSocket(),
      },
      at: context.at(path),
    });
  }
  return sockets;
}

// ---- all of it ----------------------------------------------------------------------------------------------

function isDockerd(process: HostProcess): boolean {
  if (process.cmdline.length === 0) return false;
  const program = posix.basename(process.cmdline[0]!);
  return program === 'dockerd' || (process.name === 'dockerd' && program !== 'dockerd-rootless.sh');
}

export async function readAccess(context: HostContext): Promise<AccessRead> {
  const access: HostAccess = {};
  const [passwdText, groupText, processes] = await Promise.all([
    context.text('/etc/passwd', 'users'),
    context.text('/etc/group', 'groups'),
    context.processes(),
  ]);
  const users = passwdText !== undefined ? parsePasswd(passwdText) : [];
  const groups = groupText !== undefined ? parseGroup(groupText) : [];
  if (passwdText !== undefined) access.users = Object.fromEntries(users.map((user) => [user.name, user.uid]));

  const processesKnown = processes.length > 0;
  access.processesKnown = processesKnown;
  if (!processesKnown && (await context.stat('/proc'))?.isDirectory())
    context.unknownFact(
      'running services (dockerd, auditd, time synchronisation)',
      '/proc',
      'no process listed',
    );

  const dockerds = processes.filter(isDockerd);
  if (processesKnown) access.dockerdRunning = dockerds.length > 0;
  const engine = await readEngineConfigs(context, dockerds, users);
  if (processesKnown) access.rootlessDockerd = engine.rootless;
  const remap = engine.configs.find(
    (config) => config.rootless === undefined && config.usernsRemap,
  )?.usernsRemap;
  if (remap !== undefined && 'path' in remap.at) access.usernsRemap = { value: remap.value, at: remap.at };

  access.dockerSockets = await readSockets(context, engine.configs, users, groups);

  const docker = groups.find((group) => group.name === 'docker');
  if (docker !== undefined) {
    const group: DockerGroup = {
      gid: docker.gid,
      members: docker.members,
      primaryMembers: users.filter((user) => user.gid === docker.gid).map((user) => user.name),
    };
    access.dockerGroup = { value: group, at: context.at('/etc/group', docker.line) };
  }

  for (const [file, field] of [
    ['/etc/subuid', 'subuid'],
    ['/etc/subgid', 'subgid'],
  ] as const) {
    const read = await readOptional(context, file, 'subordinate ids');
    if (read === 'unreadable') continue;
    access[field] = read === 'absent' ? [] : parseSubordinate(read.text, (line) => context.at(file, line));
  }

  const [auditRules, auditTargets, timeSync, dockerConfigs] = await Promise.all([
    readAuditRules(context),
    readAuditTargets(context),
    readTimeSync(context, processes),
    readDockerConfigs(context, users),
  ]);
  if (auditRules !== undefined) access.auditRules = auditRules;
  access.auditTargets = auditTargets;
  if (processesKnown) {
    const auditd = processes.find((process) => process.name === 'auditd');
    access.auditdRunning = {
      value: auditd !== undefined,
      at: context.at(auditd !== undefined ? `/proc/${auditd.pid}/cmdline` : '/proc'),
    };
  }
  access.timeSync = timeSync;
  access.dockerConfigs = dockerConfigs;
  return { access, engineConfigs: engine.configs, errors: engine.errors };
}
