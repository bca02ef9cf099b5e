// A live container (`GET /containers/{id}/json`) → Workload, so every workload rule written for compose,
// Kubernetes and `docker run` judges it too. Each field's place is the container and the Engine API
// field it was read from (`HostConfig.Privileged`), which is what a user finds in `docker inspect`.
import type { EngineLocation, Placed } from '../../core/location.js';
import type { ImageRef } from '../../subjects/image-ref.js';
import type { Workload } from '../../subjects/workload.js';
import { parseImageRef } from '../image-ref/parse.js';
import { normalizeCapability } from '../shared/values.js';
import { applySecurityOpt, newWorkload } from '../shared/workload-builder.js';
import type { ApiContainer } from './api-types.js';

/** `/web` → `web`: the Engine API keeps a leading slash on names. */
export function containerName(container: ApiContainer): string {
  return (container.Name ?? '').replace(/^\//, '') || container.Id.slice(0, 12);
}

export function containerObject(container: ApiContainer): string {
  return `container/${containerName(container)}`;
}

/** Host namespace modes as compose writes them: the engine says `default` where compose says nothing. */
function mode(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === 'default' || value === 'private'
    ? undefined
    : value;
}

/**
 * A container created from an image id (`sha256:…`) runs exactly that content, but names no repository:
 * rules about tags and registries have nothing to judge (`unresolved`), and the digest is the id.
 */
function imageOf(reference: string): ImageRef {
  if (/^sha256:[0-9a-f]{64}$/.test(reference))
    return { raw: reference, registry: '', repository: '', unresolved: true, digest: reference };
  return parseImageRef(reference);
}

export function containerWorkload(container: ApiContainer, engine: string): Workload {
  const object = containerObject(container);
  const where = (field: string): EngineLocation => ({ engine, object, field });
  const placed = <T>(value: T, field: string): Placed<T> => ({ value, at: where(field) });
  const config = container.Config ?? {};
  const host = container.HostConfig ?? {};
  const name = containerName(container);
  const workload = newWorkload('engine', name, `container "${name}"`, { engine, object }, 'runtime-default');

  if (config.Image) workload.image = placed(imageOf(config.Image), 'Config.Image');
  // The engine merged the image's USER into Config.User when it created the container: empty is root.
  workload.user = placed(
    config.User === undefined || config.User === '' ? 'root' : config.User,
    'Config.User',
  );
  if (host.Privileged !== undefined) workload.privileged = placed(host.Privileged, 'HostConfig.Privileged');
  if (host.ReadonlyRootfs !== undefined)
    workload.readOnlyRootfs = placed(host.ReadonlyRootfs, 'HostConfig.ReadonlyRootfs');
  workload.capAdd = (host.CapAdd ?? []).map((cap) => placed(normalizeCapability(cap), 'HostConfig.CapAdd'));
  workload.capDrop = (host.CapDrop ?? []).map((cap) =>
    placed(normalizeCapability(cap), 'HostConfig.CapDrop'),
  );
  for (const option of host.SecurityOpt ?? [])
    applySecurityOpt(workload, placed(option, 'HostConfig.SecurityOpt'));

  const network = host.NetworkMode;
  if (network !== undefined && network !== '' && network !== 'default')
    workload.networkMode = placed(network, 'HostConfig.NetworkMode');
  const pid = mode(host.PidMode);
  if (pid) workload.pidMode = placed(pid, 'HostConfig.PidMode');
  const ipc = mode(host.IpcMode === 'shareable' ? undefined : host.IpcMode);
  if (ipc) workload.ipcMode = placed(ipc, 'HostConfig.IpcMode');
  const uts = mode(host.UTSMode);
  if (uts) workload.utsMode = placed(uts, 'HostConfig.UTSMode');
  const userns = mode(host.UsernsMode);
  if (userns) workload.usernsMode = placed(userns, 'HostConfig.UsernsMode');

  for (const mount of container.Mounts ?? []) {
    const type =
      mount.Type === 'bind' || mount.Type === 'volume' || mount.Type === 'tmpfs' ? mount.Type : 'other';
    const entry: Workload['mounts'][number] = {
      type,
      target: mount.Destination ?? '',
      readOnly: mount.RW === false,
      at: where('Mounts'),
    };
    const source = type === 'volume' ? mount.Name : mount.Source;
    if (source) entry.source = source;
    if (mount.Propagation && mount.Propagation !== 'rprivate') entry.propagation = mount.Propagation;
    workload.mounts.push(entry);
  }

  for (const [port, bindings] of Object.entries(host.PortBindings ?? {})) {
    const [containerPort = port, protocol = 'tcp'] = port.split('/');
    for (const binding of bindings ?? []) {
      const published: Workload['ports'][number] = {
        containerPort,
        protocol,
        at: where('HostConfig.PortBindings'),
      };
      // An empty HostIp binds every interface, as `-p 8080:80` does.
      if (binding.HostIp && binding.HostIp !== '0.0.0.0' && binding.HostIp !== '::')
        published.hostIp = binding.HostIp;
      if (binding.HostPort) published.hostPort = binding.HostPort;
      workload.ports.push(published);
    }
  }
  if (host.PublishAllPorts) workload.publishAll = placed(true, 'HostConfig.PublishAllPorts');

  // Zero means unlimited in every one of these fields.
  if (host.Memory) workload.resources.memory = placed(String(host.Memory), 'HostConfig.Memory');
  if (host.MemorySwap)
    workload.resources.memorySwap = placed(String(host.MemorySwap), 'HostConfig.MemorySwap');
  if (host.NanoCpus) workload.resources.cpus = placed(String(host.NanoCpus / 1e9), 'HostConfig.NanoCpus');
  else if (host.CpuQuota && host.CpuQuota > 0)
    workload.resources.cpus = placed(
      String(host.CpuQuota / (host.CpuPeriod || 100000)),
      'HostConfig.CpuQuota',
    );
  if (host.PidsLimit && host.PidsLimit > 0)
    workload.resources.pidsLimit = placed(host.PidsLimit, 'HostConfig.PidsLimit');
  for (const ulimit of host.Ulimits ?? [])
    if (ulimit.Name)
      workload.resources.ulimits[ulimit.Name] = placed(
        `${ulimit.Soft ?? ''}:${ulimit.Hard ?? ''}`,
        'HostConfig.Ulimits',
      );

  for (const entry of config.Env ?? []) {
    const equals = entry.indexOf('=');
    const variable = equals < 0 ? entry : entry.slice(0, equals);
    workload.env.push(
      equals < 0
        ? { name: variable, from: 'host', at: where('Config.Env') }
        : { name: variable, value: entry.slice(equals + 1), from: 'literal', at: where('Config.Env') },
    );
  }
  // A container on `none`, `host` or another container's network joins no network other containers share
  // (the engine still lists `none` or `host` under Networks).
  const ownNetworks = network === undefined || !/^(none|host|container:)/.test(network);
  workload.networks = Object.keys(ownNetworks ? (container.NetworkSettings?.Networks ?? {}) : {}).map((net) =>
    placed(net, 'NetworkSettings.Networks'),
  );
  workload.labels = { ...(config.Labels ?? {}) };

  const restart = host.RestartPolicy;
  if (restart?.Name) {
    const bounded =
      restart.Name === 'on-failure' && restart.MaximumRetryCount ? `:${restart.MaximumRetryCount}` : '';
    workload.restart = placed(`${restart.Name}${bounded}`, 'HostConfig.RestartPolicy');
  }
  if (host.OomKillDisable) workload.oomKillDisable = placed(true, 'HostConfig.OomKillDisable');
  if (host.MaskedPaths !== undefined && host.MaskedPaths !== null && host.MaskedPaths.length === 0)
    workload.procMount = placed('Unmasked', 'HostConfig.MaskedPaths');

  const log = host.LogConfig;
  if (log?.Type)
    workload.logging = {
      driver: placed(log.Type, 'HostConfig.LogConfig'),
      options: { ...(log.Config ?? {}) },
      at: where('HostConfig.LogConfig'),
    };
  workload.devices = (host.Devices ?? []).map((device) =>
    placed(
      `${device.PathOnHost ?? ''}:${device.PathInContainer ?? ''}:${device.CgroupPermissions ?? ''}`,
      'HostConfig.Devices',
    ),
  );
  workload.sysctls = Object.entries(host.Sysctls ?? {}).map(([sysctl, value]) => ({
    name: sysctl,
    value,
    at: where('HostConfig.Sysctls'),
  }));
  const test = config.Healthcheck?.Test;
  if (test && test.length > 0)
    workload.healthcheck = {
      disabled: test[0] === 'NONE',
      test: test.slice(test[0] === 'CMD-SHELL' || test[0] === 'CMD' ? 1 : 0).join(' '),
      at: where('Config.Healthcheck'),
    };
  return workload;
}
