// A container create request (`POST /containers/create?name=web`: Config fields at the top, `HostConfig`,
// `NetworkingConfig`) → Workload. The body is reshaped into the inspect answer that
// sources/engine/container.ts already maps, so every workload rule judges a create as it judges a running
// container; the parts that differ between a request and an inspect are mapped here.
import type { EngineLocation } from '../../core/location.js';
import { containerObject, containerWorkload } from '../../sources/engine/container.js';
import type { ApiContainer } from '../../sources/engine/api-types.js';
import { parseVolumeSpec } from '../../sources/shared/volume-spec.js';
import type { Workload, WorkloadMount } from '../../subjects/workload.js';
import { canonicalize, type Shape } from './go-json.js';

/** Findings name the engine this way: `container "web" on the engine is privileged`. */
export const ENGINE = 'the engine';

export const HOST_CONFIG: Shape = {
  fields: {
    Privileged: 'value',
    ReadonlyRootfs: 'value',
    CapAdd: 'strslice',
    CapDrop: 'strslice',
    SecurityOpt: 'value',
    NetworkMode: 'value',
    PidMode: 'value',
    IpcMode: 'value',
    UTSMode: 'value',
    UsernsMode: 'value',
    PortBindings: { values: { items: { fields: { HostIp: 'value', HostPort: 'value' } } } },
    PublishAllPorts: 'value',
    Memory: 'value',
    MemorySwap: 'value',
    NanoCpus: 'value',
    CpuQuota: 'value',
    CpuPeriod: 'value',
    PidsLimit: 'value',
    Ulimits: { items: { fields: { Name: 'value', Soft: 'value', Hard: 'value' } } },
    Devices: {
      items: { fields: { PathOnHost: 'value', PathInContainer: 'value', CgroupPermissions: 'value' } },
    },
    LogConfig: { fields: { Type: 'value', Config: 'map' } },
    RestartPolicy: { fields: { Name: 'value', MaximumRetryCount: 'value' } },
    OomKillDisable: 'value',
    Sysctls: 'map',
    MaskedPaths: 'value',
    Binds: 'value',
    Mounts: {
      items: {
        fields: {
          Type: 'value',
          Source: 'value',
          Target: 'value',
          ReadOnly: 'value',
          BindOptions: { fields: { Propagation: 'value' } },
        },
      },
    },
    Tmpfs: 'map',
  },
};

/** `ContainerConfigWrapper` of dockerd: the container's Config inline, its HostConfig and networks. */
const CREATE_BODY: Shape = {
  fields: {
    User: 'value',
    Image: 'value',
    Env: 'value',
    Labels: 'map',
    Volumes: 'map',
    Healthcheck: { fields: { Test: 'value' } },
    HostConfig: HOST_CONFIG,
    NetworkingConfig: { fields: { EndpointsConfig: 'map' } },
  },
};

type HostConfig = NonNullable<ApiContainer['HostConfig']> & {
  Binds?: string[] | null;
  Mounts?:
    | {
        Type?: string;
        Source?: string;
        Target?: string;
        ReadOnly?: boolean;
        BindOptions?: { Propagation?: string } | null;
      }[]
    | null;
  Tmpfs?: Record<string, string> | null;
};

export interface CreateBody extends NonNullable<ApiContainer['Config']> {
  Volumes?: Record<string, unknown> | null;
  HostConfig?: HostConfig | null;
  NetworkingConfig?: { EndpointsConfig?: Record<string, unknown> | null } | null;
}

/** The body with the field names dockerd reads, whatever their case (throws AmbiguousKey). */
export function readCreateBody(json: unknown): CreateBody {
  return canonicalize(json, CREATE_BODY) as CreateBody;
}

/**
 * A create request's mounts: `Binds` (`-v`), `Mounts` (`--mount`), `Tmpfs` (`--tmpfs`) and the anonymous
 * volumes of `Volumes`. `VolumesFrom` is not followed: the plugin cannot ask the engine what the other
 * container mounts.
 */
function createMounts(body: CreateBody, where: (field: string) => EngineLocation): WorkloadMount[] {
  const host = body.HostConfig ?? {};
  const mounts: WorkloadMount[] = [];
  for (const bind of host.Binds ?? []) {
    const spec = parseVolumeSpec(bind);
    if (spec) mounts.push({ ...spec, at: where('HostConfig.Binds') });
  }
  for (const mount of host.Mounts ?? []) {
    const type =
      mount.Type === 'bind' || mount.Type === 'volume' || mount.Type === 'tmpfs' ? mount.Type : 'other';
    const entry: WorkloadMount = {
      type,
      target: mount.Target ?? '',
      readOnly: mount.ReadOnly === true,
      at: where('HostConfig.Mounts'),
    };
    if (mount.Source) entry.source = mount.Source;
    const propagation = mount.BindOptions?.Propagation;
    if (propagation && propagation !== 'rprivate') entry.propagation = propagation;
    mounts.push(entry);
  }
  for (const [target, options] of Object.entries(host.Tmpfs ?? {})) {
    const readOnly = options.split(',').some((option) => option.trim() === 'ro');
    mounts.push({ type: 'tmpfs', target, readOnly, at: where('HostConfig.Tmpfs') });
  }
  for (const target of Object.keys(body.Volumes ?? {}))
    mounts.push({ type: 'volume', target, readOnly: false, at: where('Volumes') });
  return mounts;
}

/**
 * The networks the container will join: the ones `NetworkingConfig` names, else the one `NetworkMode` names,
 * else Docker's default bridge (what an inspect then shows under `NetworkSettings.Networks`).
 */
function createNetworks(body: CreateBody): string[] {
  const named = Object.keys(body.NetworkingConfig?.EndpointsConfig ?? {});
  if (named.length > 0) return named;
  const mode = body.HostConfig?.NetworkMode ?? '';
  if (mode === '' || mode === 'default') return ['bridge'];
  return [mode];
}

/**
 * The workload a create request asks for. `name` is the `?name=` of the request (unnamed: dockerd picks one).
 *
 * An empty `User` is the one field read differently from an inspect: in a request it means "the image's
 * USER", which the plugin cannot see (it never calls the engine back), so the user stays unknown and
 * D01.workload-root-user reports the missing user (medium) instead of a root user (high).
 */
export function createWorkload(body: CreateBody, name: string | undefined): Workload {
  const container: ApiContainer = {
    Id: '(unnamed)',
    ...(name !== undefined && name !== '' ? { Name: `/${name}` } : {}),
    Config: body,
    HostConfig: body.HostConfig ?? {},
    Mounts: [],
    NetworkSettings: { Networks: Object.fromEntries(createNetworks(body).map((net) => [net, {}])) },
  };
  const workload = containerWorkload(container, ENGINE);
  const object = containerObject(container);
  const where = (field: string): EngineLocation => ({ engine: ENGINE, object, field });
  if (!body.User) delete workload.user;
  workload.mounts = createMounts(body, where);
  return workload;
}
