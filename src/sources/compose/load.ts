// Compose file → one Workload per service and one Deployment for the project (compose-spec).
// Never keyed on the obsolete `version:` field.
import { basename, dirname, resolve } from 'node:path';
import type { Located, SourceLocation } from '../../core/location.js';
import type { Deployment } from '../../subjects/deployment.js';
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
import { parseVolumeSpec } from '../shared/volume-spec.js';
import { applySecurityOpt, newWorkload } from '../shared/workload-builder.js';
import type { YamlPositions } from '../yaml/positions.js';
import { parseEnvFile } from './env-file.js';
import { type Environment, interpolateTree } from './interpolate.js';

export interface ComposeLoadOptions {
  /** The process environment, already merged over the project's `.env`. */
  environment: Environment;
  /** False when the file has no `$` at all, so interpolation has nothing to do. */
  hasVariables?: boolean;
  /** Reads a file referenced by the compose file (`env_file`); rejects if it cannot. */
  readFile(path: string): Promise<string>;
}

export interface ComposeProject {
  workloads: Workload[];
  deployment: Deployment;
  /** Problems with files the compose file references; the services are still returned. */
  warnings: { path: string; message: string }[];
}

export function looksLikeCompose(document: unknown): boolean {
  const services = asMapping(asMapping(document)?.services);
  if (!services) return false;
  return Object.values(services).some(
    (s) => isMapping(s) && ('image' in s || 'build' in s || 'extends' in s),
  );
}

/** Sequence-valued keys that `extends` concatenates; other values of the extending service replace. */
const MERGED_SEQUENCES = new Set([
  'ports',
  'expose',
  'cap_add',
  'cap_drop',
  'security_opt',
  'devices',
  'dns',
  'tmpfs',
]);
const MERGED_MAPPINGS = new Set([
  'environment',
  'labels',
  'deploy',
  'logging',
  'healthcheck',
  'sysctls',
  'ulimits',
]);

class ServiceResolver {
  private readonly resolved = new Map<string, Mapping>();
  private readonly resolving = new Set<string>();

  constructor(
    private readonly services: Mapping,
    private readonly positions: YamlPositions,
  ) {}

  resolve(name: string): Mapping | undefined {
    const cached = this.resolved.get(name);
    if (cached) return cached;
    const service = asMapping(this.services[name]);
    if (!service) return undefined;
    const extendsValue = service.extends;
    const baseName =
      typeof extendsValue === 'string'
        ? extendsValue
        : asMapping(extendsValue)?.file === undefined
          ? asScalarString(asMapping(extendsValue)?.service)
          : undefined;
    if (baseName === undefined || this.resolving.has(name)) {
      this.resolved.set(name, service);
      return service;
    }
    this.resolving.add(name);
    const base = this.resolve(baseName);
    this.resolving.delete(name);
    const merged = base ? this.merge(base, service) : service;
    this.resolved.set(name, merged);
    return merged;
  }

  private merge(base: Mapping, own: Mapping): Mapping {
    const merged: Mapping = { ...base };
    for (const [key, value] of Object.entries(own)) {
      const inherited = base[key];
      if (MERGED_SEQUENCES.has(key) && Array.isArray(inherited) && Array.isArray(value)) {
        merged[key] = [...inherited, ...value];
      } else if (MERGED_MAPPINGS.has(key) && isMapping(inherited) && isMapping(value)) {
        const inner = { ...inherited, ...value };
        this.positions.inherit(inner, [inherited, value]);
        merged[key] = inner;
      } else if (key === 'volumes' && Array.isArray(inherited) && Array.isArray(value)) {
        merged[key] = [...inherited, ...value];
      } else merged[key] = value;
    }
    delete merged.extends;
    this.positions.inherit(merged, [base, own]);
    return merged;
  }
}

export async function loadCompose(
  document: Mapping,
  positions: YamlPositions,
  path: string,
  options: ComposeLoadOptions,
): Promise<ComposeProject> {
  if (options.hasVariables !== false) interpolateTree(document, options.environment);
  const projectName = asScalarString(document.name) ?? basename(dirname(resolve(path)));
  const fileStart: SourceLocation = { path, line: 1, column: 1 };
  const services = asMapping(document.services) ?? {};
  const resolver = new ServiceResolver(services, positions);
  const warnings: ComposeProject['warnings'] = [];
  const workloads: Workload[] = [];
  for (const name of Object.keys(services)) {
    const service = resolver.resolve(name);
    if (!service) continue;
    const at = positions.key(services, name) ?? fileStart;
    const workload = newWorkload('compose', name, `service "${name}"`, at, 'runtime-default');
    workload.deployment = projectName;
    const reader = new ServiceReader(service, positions, at, workload);
    reader.read();
    workload.env.push(...(await reader.readEnvFiles(dirname(path), options.readFile, warnings)));
    workloads.push(workload);
  }
  const networks: Located<string>[] = Object.keys(asMapping(document.networks) ?? {}).map((network) => ({
    value: network,
    at: positions.key(document.networks, network) ?? fileStart,
  }));
  const deployment: Deployment = {
    kind: 'deployment',
    origin: 'compose',
    name: projectName,
    at: fileStart,
    workloads,
    networks,
    networkPolicies: [],
  };
  return { workloads, deployment, warnings };
}

/** Reads one service mapping into a Workload; every field keeps the position it was written at. */
class ServiceReader {
  constructor(
    private readonly service: Mapping,
    private readonly positions: YamlPositions,
    private readonly serviceAt: SourceLocation,
    private readonly workload: Workload,
  ) {}

  private at(mapping: unknown, key: string): SourceLocation {
    return this.positions.key(mapping, key) ?? this.positions.of(mapping) ?? this.serviceAt;
  }

  private itemAt(sequence: unknown, index: number, fallback: SourceLocation): SourceLocation {
    return this.positions.item(sequence, index) ?? fallback;
  }

  private located<T>(mapping: unknown, key: string, value: T | undefined): Located<T> | undefined {
    return value === undefined ? undefined : { value, at: this.at(mapping, key) };
  }

  private strings(mapping: Mapping, key: string): Located<string>[] {
    const value = mapping[key];
    const fallback = this.at(mapping, key);
    if (typeof value === 'string') return [{ value, at: fallback }];
    return asArray(value).flatMap((item, index) => {
      const text = asScalarString(item);
      return text === undefined ? [] : [{ value: text, at: this.itemAt(value, index, fallback) }];
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
  }

  private readVolumes(): void {
    const volumes = this.service.volumes;
    const fallback = this.at(this.service, 'volumes');
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
      const type = asScalarString(long.type) ?? 'volume';
      const mount: Workload['mounts'][number] = {
        type: type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'other',
        target,
        readOnly: asBoolean(long.read_only) ?? false,
        at,
      };
      const source = asScalarString(long.source);
      if (source !== undefined) mount.source = source;
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
    const fallback = this.at(this.service, 'ports');
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
    const fallback = this.at(this.service, 'environment');
    if (Array.isArray(environment)) {
      environment.forEach((entry, index) => {
        const text = asScalarString(entry);
        if (text === undefined) return;
        const at = this.itemAt(environment, index, fallback);
        const equals = text.indexOf('=');
        this.workload.env.push(
          equals === -1
            ? { name: text, from: 'host', at }
            : { name: text.slice(0, equals), value: text.slice(equals + 1), from: 'literal', at },
        );
      });
      return;
    }
    const map = asMapping(environment);
    if (!map) return;
    for (const [name, raw] of Object.entries(map)) {
      const value = asScalarString(raw);
      const at = this.positions.key(map, name) ?? fallback;
      this.workload.env.push(
        value === undefined ? { name, from: 'host', at } : { name, value, from: 'literal', at },
      );
    }
  }

  async readEnvFiles(
    directory: string,
    readFile: ComposeLoadOptions['readFile'],
    warnings: ComposeProject['warnings'],
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
    const fallback = this.at(this.service, 'networks');
    if (Array.isArray(networks)) {
      networks.forEach((entry, index) => {
        const name = asScalarString(entry);
        if (name !== undefined)
          this.workload.networks.push({ value: name, at: this.itemAt(networks, index, fallback) });
      });
    } else if (isMapping(networks)) {
      for (const name of Object.keys(networks))
        this.workload.networks.push({ value: name, at: this.positions.key(networks, name) ?? fallback });
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
