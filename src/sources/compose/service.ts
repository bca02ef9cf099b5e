// One compose service (its `extends` already merged) → the fields of its Workload, in short and long
// syntax, each with the position it was written at.
import { resolve } from 'node:path';
import type { Located, SourceLocation } from '../../core/location.js';
import type { EnvVar, Workload } from '../../subjects/workload.js';
import { parseImageRef } from '../image-ref/parse.js';
import { parsePortSpec } from '../shared/port-spec.js';
import {
  asArray,
  asBoolean,
  asMapping,
  asNumber,
  asScalarString,
  isMapping,
  type Mapping,
  normalizeCapability,
} from '../shared/values.js';
import { isHostPath, parseVolumeSpec } from '../shared/volume-spec.js';
import { applySecurityOpt } from '../shared/workload-builder.js';
import type { YamlPositions } from '../yaml/positions.js';
import { parseEnvFile } from './env-file.js';

/** Problems with files a service references (`env_file`); the service itself is still read. */
export type ComposeWarning = { path: string; message: string };

/** Reads one service mapping into a Workload; every field keeps the position it was written at. */
export class ServiceReader {
  constructor(
    private readonly service: Mapping,
    private readonly positions: YamlPositions,
    private readonly serviceAt: SourceLocation,
    private readonly workload: Workload,
    /** The value of an environment variable as the file writes it, when it holds a `$`. */
    private readonly writtenValue: (variable: string) => string | undefined = () => undefined,
  ) {}

  /** A literal variable, with what the file wrote when interpolation changed it. */
  private literal(name: string, value: string, at: SourceLocation): EnvVar {
    const written = this.writtenValue(name);
    return written !== undefined && written !== value
      ? { name, value, written, from: 'literal', at }
      : { name, value, from: 'literal', at };
  }

  private at(mapping: unknown, key: string): SourceLocation {
    return this.positions.key(mapping, key) ?? this.positions.of(mapping) ?? this.serviceAt;
  }

  /** `fallback` is a function: most items have a position, and resolving one costs a lookup. */
  private itemAt(sequence: unknown, index: number, fallback: () => SourceLocation): SourceLocation {
    return this.positions.item(sequence, index) ?? fallback();
  }

  private located<T>(mapping: unknown, key: string, value: T | undefined): Located<T> | undefined {
    return value === undefined ? undefined : { value, at: this.at(mapping, key) };
  }

  private strings(mapping: Mapping, key: string): Located<string>[] {
    const value = mapping[key];
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return [{ value, at: this.at(mapping, key) }];
    return asArray(value).flatMap((item, index) => {
      const text = asScalarString(item);
      return text === undefined
        ? []
        : [{ value: text, at: this.positions.item(value, index) ?? this.at(mapping, key) }];
    });
  }

  read(): void {
    const s = this.service;
    const w = this.workload;
    const image = asScalarString(s.image);
    if (image !== undefined) w.image = { value: parseImageRef(image), at: this.at(s, 'image') };
    const user = asScalarString(s.user);
    if (user !== undefined) w.user = { value: user, at: this.at(s, 'user') };
    const privileged = this.located(s, 'privileged', asBoolean(s.privileged));
    if (privileged) w.privileged = privileged;
    const readOnly = this.located(s, 'read_only', asBoolean(s.read_only));
    if (readOnly) w.readOnlyRootfs = readOnly;
    w.capAdd = this.strings(s, 'cap_add').map((c) => ({ value: normalizeCapability(c.value), at: c.at }));
    w.capDrop = this.strings(s, 'cap_drop').map((c) => ({ value: normalizeCapability(c.value), at: c.at }));
    for (const option of this.strings(s, 'security_opt')) applySecurityOpt(w, option);
    for (const [field, key] of [
      ['networkMode', 'network_mode'],
      ['pidMode', 'pid'],
      ['ipcMode', 'ipc'],
      ['utsMode', 'uts'],
      ['usernsMode', 'userns_mode'],
      ['restart', 'restart'],
    ] as const) {
      const value = this.located(s, key, asScalarString(s[key]));
      if (value) w[field] = value;
    }
    this.readVolumes();
    this.readPorts();
    this.readResources();
    this.readEnvironment();
    this.readNetworks();
    w.labels = this.keyValues(s.labels);
    this.readLogging();
    w.devices = this.strings(s, 'devices');
    const oomKillDisable = this.located(s, 'oom_kill_disable', asBoolean(s.oom_kill_disable));
    if (oomKillDisable) w.oomKillDisable = oomKillDisable;
    this.readDeployRestartPolicy();
    this.readSecrets();
    this.readSysctls();
    this.readUlimits();
    this.readHealthcheck();
  }

  private readVolumes(): void {
    const volumes = this.service.volumes;
    const fallback = (): SourceLocation => this.at(this.service, 'volumes');
    asArray(volumes).forEach((entry, index) => {
      const at = this.itemAt(volumes, index, fallback);
      const short = asScalarString(entry);
      if (short !== undefined) {
        const spec = parseVolumeSpec(short);
        if (spec) this.workload.mounts.push({ ...spec, at });
        return;
      }
      const long = asMapping(entry);
      if (!long) return;
      const target = asScalarString(long.target);
      if (target === undefined) return;
      const source = asScalarString(long.source);
      // `type` is required by the spec; without it, the source tells a bind from a volume as in short syntax.
      const type =
        asScalarString(long.type) ?? (source !== undefined && isHostPath(source) ? 'bind' : 'volume');
      const mount: Workload['mounts'][number] = {
        type: type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'other',
        target,
        readOnly: asBoolean(long.read_only) ?? false,
        at,
      };
      if (source !== undefined && source !== '') mount.source = source;
      const propagation = asScalarString(asMapping(long.bind)?.propagation);
      if (propagation !== undefined) mount.propagation = propagation;
      this.workload.mounts.push(mount);
    });
    for (const tmpfs of this.strings(this.service, 'tmpfs')) {
      this.workload.mounts.push({
        type: 'tmpfs',
        target: tmpfs.value.split(':')[0]!,
        readOnly: false,
        at: tmpfs.at,
      });
    }
  }

  private readPorts(): void {
    const ports = this.service.ports;
    const fallback = (): SourceLocation => this.at(this.service, 'ports');
    asArray(ports).forEach((entry, index) => {
      const at = this.itemAt(ports, index, fallback);
      const short = asScalarString(entry);
      if (short !== undefined) {
        const spec = parsePortSpec(short);
        if (spec) this.workload.ports.push({ ...spec, at });
        return;
      }
      const long = asMapping(entry);
      const target = asScalarString(long?.target);
      if (!long || target === undefined) return;
      const port: Workload['ports'][number] = {
        containerPort: target,
        protocol: asScalarString(long.protocol)?.toLowerCase() ?? 'tcp',
        at,
      };
      const published = asScalarString(long.published);
      if (published !== undefined && published !== '') port.hostPort = published;
      const hostIp = asScalarString(long.host_ip);
      if (hostIp !== undefined && hostIp !== '') port.hostIp = hostIp;
      this.workload.ports.push(port);
    });
  }

  private readResources(): void {
    const s = this.service;
    const limits = asMapping(asMapping(asMapping(s.deploy)?.resources)?.limits);
    const resources = this.workload.resources;
    const pick = (candidates: [Mapping | undefined, string][]): Located<string> | undefined => {
      for (const [mapping, key] of candidates) {
        const value = asScalarString(mapping?.[key]);
        if (mapping && value !== undefined) return { value, at: this.at(mapping, key) };
      }
      return undefined;
    };
    const memory = pick([
      [s, 'mem_limit'],
      [limits, 'memory'],
    ]);
    if (memory) resources.memory = memory;
    const swap = pick([[s, 'memswap_limit']]);
    if (swap) resources.memorySwap = swap;
    const cpus = pick([
      [s, 'cpus'],
      [limits, 'cpus'],
      [s, 'cpu_quota'],
      [s, 'cpu_count'],
      [s, 'cpu_percent'],
    ]);
    if (cpus) resources.cpus = cpus;
    const pids = pick([
      [s, 'pids_limit'],
      [limits, 'pids'],
    ]);
    const pidsNumber = pids && asNumber(pids.value);
    if (pids && pidsNumber !== undefined) resources.pidsLimit = { value: pidsNumber, at: pids.at };
  }

  private readEnvironment(): void {
    const environment = this.service.environment;
    const fallback = (): SourceLocation => this.at(this.service, 'environment');
    if (Array.isArray(environment)) {
      environment.forEach((entry, index) => {
        const text = asScalarString(entry);
        // `=value` names no variable.
        if (text === undefined || text === '' || text.startsWith('=')) return;
        const at = this.itemAt(environment, index, fallback);
        const equals = text.indexOf('=');
        this.workload.env.push(
          equals === -1
            ? { name: text, from: 'host', at }
            : this.literal(text.slice(0, equals), text.slice(equals + 1), at),
        );
      });
      return;
    }
    const map = asMapping(environment);
    if (!map) return;
    for (const [name, raw] of Object.entries(map)) {
      const value = asScalarString(raw);
      const at = this.positions.key(map, name) ?? fallback();
      this.workload.env.push(
        value === undefined ? { name, from: 'host', at } : this.literal(name, value, at),
      );
    }
  }

  async readEnvFiles(
    directory: string,
    readFile: (path: string) => Promise<string>,
    warnings: ComposeWarning[],
  ): Promise<EnvVar[]> {
    const envFile = this.service.env_file;
    const entries = typeof envFile === 'string' ? [envFile] : asArray(envFile);
    const vars: EnvVar[] = [];
    for (const entry of entries) {
      const long = asMapping(entry);
      const relative = asScalarString(long ? long.path : entry);
      if (relative === undefined) continue;
      const required = long ? (asBoolean(long.required) ?? true) : true;
      const path = resolve(directory, relative);
      let text: string;
      try {
        text = await readFile(path);
      } catch (error) {
        if (required) {
          const reason = error instanceof Error ? error.message : String(error);
          warnings.push({ path, message: `env_file of ${this.workload.label} cannot be read: ${reason}` });
        }
        continue;
      }
      for (const variable of parseEnvFile(text)) {
        const at = { path, line: variable.line, column: variable.column };
        vars.push(
          variable.value === undefined
            ? { name: variable.name, from: 'host', at }
            : { name: variable.name, value: variable.value, from: 'literal', at },
        );
      }
    }
    return vars;
  }

  private readNetworks(): void {
    const networks = this.service.networks;
    const fallback = (): SourceLocation => this.at(this.service, 'networks');
    if (Array.isArray(networks)) {
      networks.forEach((entry, index) => {
        const name = asScalarString(entry);
        if (name !== undefined)
          this.workload.networks.push({ value: name, at: this.itemAt(networks, index, fallback) });
      });
    } else if (isMapping(networks)) {
      for (const name of Object.keys(networks))
        this.workload.networks.push({ value: name, at: this.positions.key(networks, name) ?? fallback() });
    }
  }

  private keyValues(value: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    if (Array.isArray(value)) {
      for (const entry of value) {
        const text = asScalarString(entry);
        if (text === undefined) continue;
        const equals = text.indexOf('=');
        if (equals === -1) out[text] = '';
        else out[text.slice(0, equals)] = text.slice(equals + 1);
      }
    } else if (isMapping(value)) {
      for (const [key, raw] of Object.entries(value)) out[key] = asScalarString(raw) ?? '';
    }
    return out;
  }

  /** Swarm's `deploy.restart_policy` (`condition`, `max_attempts`) read as the equivalent `restart`. */
  private readDeployRestartPolicy(): void {
    if (this.workload.restart) return;
    const policy = asMapping(asMapping(this.service.deploy)?.restart_policy);
    if (!policy) return;
    const condition = asScalarString(policy.condition) ?? 'any';
    const attempts = asScalarString(policy.max_attempts);
    const value =
      condition === 'none'
        ? 'no'
        : condition === 'on-failure'
          ? `on-failure${attempts ? `:${attempts}` : ''}`
          : attempts
            ? `on-failure:${attempts}`
            : 'always';
    this.workload.restart = { value, at: this.at(policy, 'condition') };
  }

  /** `secrets: [name]` or the long form `{ source: name, target: … }`. */
  private readSecrets(): void {
    const secrets = this.service.secrets;
    asArray(secrets).forEach((entry, index) => {
      const name = asScalarString(entry) ?? asScalarString(asMapping(entry)?.source);
      if (name !== undefined)
        this.workload.secrets.push({
          value: name,
          // Compose mounts secrets as files under /run/secrets.
          delivery: 'file',
          at: this.positions.item(secrets, index) ?? this.at(this.service, 'secrets'),
        });
    });
  }

  private readSysctls(): void {
    const sysctls = this.service.sysctls;
    if (isMapping(sysctls)) {
      for (const [name, value] of Object.entries(sysctls))
        this.workload.sysctls.push({
          name,
          value: asScalarString(value) ?? '',
          at: this.positions.key(sysctls, name) ?? this.at(this.service, 'sysctls'),
        });
      return;
    }
    asArray(sysctls).forEach((entry, index) => {
      const text = asScalarString(entry);
      if (text === undefined) return;
      const equals = text.indexOf('=');
      this.workload.sysctls.push({
        name: (equals === -1 ? text : text.slice(0, equals)).trim(),
        value: equals === -1 ? '' : text.slice(equals + 1).trim(),
        at: this.positions.item(sysctls, index) ?? this.at(this.service, 'sysctls'),
      });
    });
  }

  /** `nofile: 1024` (soft and hard) or `nofile: { soft: 1024, hard: 2048 }`. */
  private readUlimits(): void {
    const ulimits = asMapping(this.service.ulimits);
    if (!ulimits) return;
    for (const [name, raw] of Object.entries(ulimits)) {
      const single = asScalarString(raw);
      const long = asMapping(raw);
      const soft = single ?? asScalarString(long?.soft);
      const hard = single ?? asScalarString(long?.hard) ?? soft;
      if (soft === undefined) continue;
      this.workload.resources.ulimits[name] = {
        value: `${soft}:${hard}`,
        at: this.positions.key(ulimits, name) ?? this.at(this.service, 'ulimits'),
      };
    }
  }

  private readHealthcheck(): void {
    const healthcheck = asMapping(this.service.healthcheck);
    if (!healthcheck) return;
    const test = healthcheck.test;
    const testText = Array.isArray(test)
      ? test.map((part) => asScalarString(part) ?? '').join(' ')
      : asScalarString(test);
    const disabled = asBoolean(healthcheck.disable) === true || /^NONE\b/.test(testText ?? '');
    this.workload.healthcheck = {
      disabled,
      at: this.at(this.service, 'healthcheck'),
      ...(testText !== undefined ? { test: testText } : {}),
    };
  }

  private readLogging(): void {
    const logging = asMapping(this.service.logging);
    if (!logging) return;
    const driver = this.located(logging, 'driver', asScalarString(logging.driver));
    this.workload.logging = {
      options: this.keyValues(logging.options),
      at: this.at(this.service, 'logging'),
      ...(driver ? { driver } : {}),
    };
  }
}
