// Compose file → one Workload per service and one Deployment for the project (compose-spec).
// Never keyed on the obsolete `version:` field.
import { basename, dirname, resolve } from 'node:path';
import type { Located, SourceLocation } from '../../core/location.js';
import type { Deployment } from '../../subjects/deployment.js';
import type { Workload } from '../../subjects/workload.js';
import { asMapping, asScalarString, isMapping, type Mapping } from '../shared/values.js';
import { newWorkload } from '../shared/workload-builder.js';
import type { YamlPositions } from '../yaml/positions.js';
import { ServiceResolver } from './extends.js';
import { type Environment, interpolate, interpolateTree } from './interpolate.js';
import { ServiceReader } from './service.js';

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

/** `x-` keys are extensions, for anchors and tools: never services, even under `services:`. */
function isExtension(key: string): boolean {
  return key.startsWith('x-');
}

const NO_ENVIRONMENT: Environment = new Map();

/** `environment` entries as a map, whichever syntax the file uses. */
function environmentMap(environment: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (Array.isArray(environment)) {
    for (const entry of environment) {
      const text = asScalarString(entry);
      const equals = text?.indexOf('=') ?? -1;
      if (text !== undefined && equals > 0) map.set(text.slice(0, equals), text.slice(equals + 1));
    }
  } else if (isMapping(environment)) {
    for (const [name, value] of Object.entries(environment)) {
      const text = asScalarString(value);
      if (text !== undefined) map.set(name, text);
    }
  }
  return map;
}

/**
 * The environment values as written, before interpolation, looked up through `extends` the way the merge
 * takes them (the extending service's own entry first).
 */
function environmentAsWritten(document: Mapping): (service: string, variable: string) => string | undefined {
  const services = asMapping(document.services) ?? {};
  const written = new Map<string, Map<string, string>>();
  const bases = new Map<string, string>();
  for (const [name, raw] of Object.entries(services)) {
    const service = asMapping(raw);
    if (!service) continue;
    const entries = environmentMap(service.environment);
    if ([...entries.values()].some((value) => value.includes('$'))) written.set(name, entries);
    const base =
      typeof service.extends === 'string'
        ? service.extends
        : asScalarString(asMapping(service.extends)?.service);
    if (base !== undefined) bases.set(name, base);
  }
  return (service, variable) => {
    const seen = new Set<string>();
    for (
      let name: string | undefined = service;
      name !== undefined && !seen.has(name);
      name = bases.get(name)
    ) {
      seen.add(name);
      const value = written.get(name)?.get(variable);
      // What the file holds: its own defaults applied, nothing from the environment of the scan.
      if (value !== undefined) return interpolate(value, NO_ENVIRONMENT);
      if (environmentMap(asMapping(services[name])?.environment).has(variable)) return undefined;
    }
    return undefined;
  };
}

export async function loadCompose(
  document: Mapping,
  positions: YamlPositions,
  path: string,
  options: ComposeLoadOptions,
): Promise<ComposeProject> {
  const writtenEnvironment = options.hasVariables === false ? undefined : environmentAsWritten(document);
  if (options.hasVariables !== false) interpolateTree(document, options.environment);
  const projectName = asScalarString(document.name) ?? basename(dirname(resolve(path)));
  const fileStart: SourceLocation = { path, line: 1, column: 1 };
  const services = asMapping(document.services) ?? {};
  const resolver = new ServiceResolver(services, positions);
  const warnings: ComposeProject['warnings'] = [];
  const workloads: Workload[] = [];
  for (const name of Object.keys(services)) {
    if (isExtension(name)) continue;
    const service = resolver.resolve(name);
    if (!service) continue;
    const at = positions.key(services, name) ?? fileStart;
    const workload = newWorkload('compose', name, `service "${name}"`, at, 'runtime-default');
    workload.deployment = projectName;
    const reader = new ServiceReader(service, positions, at, workload, (variable) =>
      writtenEnvironment?.(name, variable),
    );
    reader.read();
    workload.env.push(...(await reader.readEnvFiles(dirname(path), options.readFile, warnings)));
    workloads.push(workload);
  }
  const networks: Located<string>[] = Object.keys(asMapping(document.networks) ?? {})
    .filter((network) => !isExtension(network))
    .map((network) => ({ value: network, at: positions.key(document.networks, network) ?? fileStart }));
  const deployment: Deployment = {
    kind: 'deployment',
    origin: 'compose',
    name: projectName,
    at: fileStart,
    workloads,
    networks,
    networkPolicies: [],
    resourceControls: [],
    configMaps: [],
  };
  return { workloads, deployment, warnings };
}
