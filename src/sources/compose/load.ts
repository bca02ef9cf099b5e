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
import { type Environment, interpolateTree } from './interpolate.js';
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
    if (isExtension(name)) continue;
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
