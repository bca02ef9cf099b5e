// What an API call asks for, as workloads to judge: a create is a whole workload, and so is the HostConfig
// of an old-API start; an update or a privileged exec changes one part of a container the plugin cannot see
// (it never calls the engine back), so only the rules about the part the request changes judge it.
import { containerWorkload } from '../../sources/engine/container.js';
import { newWorkload } from '../../sources/shared/workload-builder.js';
import type { Workload } from '../../subjects/workload.js';
import { ENGINE, HOST_CONFIG, createWorkload, readCreateBody, type CreateBody } from './create-body.js';
import { AmbiguousKey, canonicalize, type Shape } from './go-json.js';
import { BadAuthzRequest, type Route } from './protocol.js';

export interface JudgedRequest {
  /** For the decision log: `container create web (busybox:1.36)`. */
  object: string;
  workloads: Workload[];
  /** Only these rules judge it; all workload rules when undefined. */
  rules?: ReadonlySet<string>;
  /** Rules that do not judge it: they read what the request cannot change. */
  skipRules?: ReadonlySet<string>;
}

/** A judged call whose body dockerd did not forward (not JSON, or over 1 MiB): it cannot be judged. */
export class BodyNotForwarded extends Error {
  override name = 'BodyNotForwarded';
}

function parseJsonObject(body: Buffer, what: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new BadAuthzRequest(`RequestBody of ${what} is not JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new BadAuthzRequest(`RequestBody of ${what} is not a JSON object`);
  return json as Record<string, unknown>;
}

const UPDATE_BODY: Shape = {
  fields: {
    Memory: 'value',
    MemorySwap: 'value',
    PidsLimit: 'value',
    RestartPolicy: { fields: { Name: 'value', MaximumRetryCount: 'value' } },
  },
};

interface UpdateBody {
  Memory?: number;
  MemorySwap?: number;
  PidsLimit?: number | null;
  RestartPolicy?: { Name?: string; MaximumRetryCount?: number } | null;
}

/**
 * `docker update` can lift limits a create was admitted with: a PIDs limit of 0 or -1 (unlimited), swap of
 * -1 next to a memory limit, a restart policy without bound. A memory or CPU limit cannot be removed by an
 * update (0 means "unchanged" there), so those rules do not judge it.
 */
function updateRequest(container: string, body: UpdateBody): JudgedRequest {
  const host: NonNullable<Parameters<typeof containerWorkload>[0]['HostConfig']> = {};
  const rules = new Set<string>();
  if (typeof body.PidsLimit === 'number' && body.PidsLimit <= 0) rules.add('D07.no-pids-limit');
  if (body.MemorySwap === -1 && typeof body.Memory === 'number' && body.Memory > 0) {
    host.Memory = body.Memory;
    host.MemorySwap = body.MemorySwap;
    rules.add('D07.swap-unlimited');
  }
  if (body.RestartPolicy?.Name) {
    host.RestartPolicy = body.RestartPolicy;
    rules.add('D07.restart-unbounded');
  }
  const workload = containerWorkload({ Id: container, Name: `/${container}`, HostConfig: host }, ENGINE);
  delete workload.user;
  // Placed as written, so the finding says "-1, which means unlimited" rather than "no limit".
  if (typeof body.PidsLimit === 'number' && body.PidsLimit <= 0)
    workload.resources.pidsLimit = {
      value: body.PidsLimit,
      at: { engine: ENGINE, object: `container/${container}`, field: 'PidsLimit' },
    };
  return { object: `container update ${container}`, workloads: [workload], rules };
}

/** `docker exec --privileged` runs a process with every capability in a container admitted without them. */
function execRequest(container: string, body: Record<string, unknown>): JudgedRequest {
  const { Privileged } = canonicalize(body, { fields: { Privileged: 'value' } }) as { Privileged?: unknown };
  const object = `container exec ${container}`;
  const at = { engine: ENGINE, object: `container/${container}` };
  const workload = newWorkload(
    'engine',
    container,
    `exec in container "${container}"`,
    at,
    'runtime-default',
  );
  if (Privileged === true) workload.privileged = { value: true, at: { ...at, field: 'Exec.Privileged' } };
  return { object, workloads: [workload], rules: new Set(['D04.privileged']) };
}

/**
 * Before API 1.24 (dockerd 20.10 still serves it) a start request may carry a HostConfig, and dockerd then
 * replaces the container's whole HostConfig with it: `{"Privileged": true}` on start would undo everything
 * the create was judged for. It is judged as a create with that HostConfig; the container's Config (its
 * user, image, environment) is the create's, unseen here, so the rules about it stay out.
 */
function startRequest(container: string, body: Buffer, json: Record<string, unknown>): JudgedRequest {
  const object = `container start ${container}`;
  // dockerd reads a start body only when it is longer than 7 bytes (the shortest non-empty JSON object).
  if (body.length <= 7) return { object, workloads: [] };
  const HostConfig = canonicalize(json, HOST_CONFIG) as CreateBody['HostConfig'];
  return {
    object,
    workloads: [createWorkload({ HostConfig }, container)],
    skipRules: new Set(['D01.workload-root-user']),
  };
}

/**
 * The request's workloads. Throws BodyNotForwarded when dockerd sent no body (the failure policy decides),
 * BadAuthzRequest when the body cannot be read as dockerd would read it (the request is refused).
 */
export function judgedRequest(route: Route, body: Buffer | undefined): JudgedRequest {
  const what = route.kind === 'create' ? 'container create' : `container ${route.kind}`;
  // dockerd refuses these calls without a body itself; one it did not forward may still be a real one.
  if (body === undefined)
    throw new BodyNotForwarded(
      `${what}: dockerd forwarded no request body (it forwards JSON bodies of at most 1 MiB)`,
    );
  const json = parseJsonObject(body, what);
  try {
    if (route.kind === 'update')
      return updateRequest(route.container, canonicalize(json, UPDATE_BODY) as UpdateBody);
    if (route.kind === 'exec') return execRequest(route.container, json);
    if (route.kind === 'start') return startRequest(route.container, body, json);
    const create = readCreateBody(json);
    const image = typeof create.Image === 'string' && create.Image !== '' ? ` (${create.Image})` : '';
    return {
      object: `${what}${route.name !== undefined ? ` ${route.name}` : ''}${image}`,
      workloads: [createWorkload(create, route.name)],
    };
  } catch (error) {
    if (error instanceof AmbiguousKey) throw new BadAuthzRequest(`RequestBody of ${what}: ${error.message}`);
    throw error;
  }
}
