// One `docker run` / `podman run` command → its Workload, each field at the place its flag is written, so
// that the rules written over Workload judge run lines as they judge compose services.
import type { Located, SourceLocation } from '../../core/location.js';
import type { Workload } from '../../subjects/workload.js';
import { parseImageRef } from '../image-ref/parse.js';
import { parsePortSpec } from '../shared/port-spec.js';
import { asNumber, normalizeCapability } from '../shared/values.js';
import { parseVolumeSpec } from '../shared/volume-spec.js';
import { applySecurityOpt, newWorkload, parseGoBool } from '../shared/workload-builder.js';
import { parseMountFlag } from './mount-flag.js';
import type { RunCommand, RunOption } from './run-command.js';

/** Turns an offset of the scanned text into the file position it was read from. */
export type Locate = (offset: number) => SourceLocation;

/** Docker's own socket, as `--use-api-socket` mounts it. */
const API_SOCKET = '/var/run/docker.sock';

/** A switch (`--privileged`) is true; `--privileged=false` is read as the CLI reads it. */
function switchValue(option: RunOption): boolean | undefined {
  return option.value === undefined ? true : parseGoBool(option.value.trim());
}

/** `NAME=value` → name and value; `NAME` alone → the name and `undefined`. */
function splitAssignment(text: string): { name: string; value?: string } {
  const equals = text.indexOf('=');
  return equals === -1 ? { name: text } : { name: text.slice(0, equals), value: text.slice(equals + 1) };
}

/** What the CPU flags say, kept until all are read: `--cpus` wins over the CFS quota and the Windows ones. */
type CpuFlags = Partial<Record<'cpus' | 'cpu-quota' | 'cpu-count' | 'cpu-percent', Located<string>>>;

export function runWorkload(run: RunCommand, locate: Locate): Workload {
  const nameOption = run.options.findLast((o) => o.name === 'name' && o.value);
  const image = run.image.text;
  const name = nameOption?.value ?? image;
  const label = nameOption ? `container "${name}"` : `container of image "${image}"`;
  const w = newWorkload('docker-run', name, label, locate(run.at), 'runtime-default');
  w.image = { value: parseImageRef(image), at: locate(run.image.start) };
  const cpu: CpuFlags = {};
  for (const option of run.options) applyOption(w, option, locate, cpu);
  const cpus = cpu.cpus ?? cpu['cpu-quota'] ?? cpu['cpu-count'] ?? cpu['cpu-percent'];
  if (cpus) w.resources.cpus = cpus;
  return w;
}

function applyOption(w: Workload, option: RunOption, locate: Locate, cpu: CpuFlags): void {
  const value = option.value;
  const at = locate(option.at);
  const located = <T>(v: T): Located<T> => ({ value: v, at });
  switch (option.name) {
    case 'privileged':
    case 'read-only':
    case 'oom-kill-disable':
    case 'publish-all': {
      const enabled = switchValue(option);
      if (enabled === undefined) return;
      const field = {
        privileged: 'privileged',
        'read-only': 'readOnlyRootfs',
        'oom-kill-disable': 'oomKillDisable',
        'publish-all': 'publishAll',
      } as const;
      w[field[option.name]] = located(enabled);
      return;
    }
    case 'no-healthcheck':
      if (switchValue(option)) w.healthcheck = { disabled: true, at };
      return;
    case 'use-api-socket':
      if (switchValue(option))
        w.mounts.push({ type: 'bind', source: API_SOCKET, target: API_SOCKET, readOnly: false, at });
      return;
  }
  if (value === undefined) return;
  switch (option.name) {
    case 'user':
      if (value !== '') w.user = located(value);
      return;
    case 'cap-add':
    case 'cap-drop': {
      // Podman splits the list at commas; no capability name has one, so reading it so is safe for both.
      // The first is where its flag is written, the others where they are written in the list: each its
      // own place, so that no finding about one hides another.
      const list = option.name === 'cap-add' ? w.capAdd : w.capDrop;
      let offset = 0;
      for (const name of value.split(',')) {
        if (name.trim() !== '') {
          const inList = offset > 0 && option.valueAt !== undefined;
          list.push({ value: normalizeCapability(name), at: inList ? locate(option.valueAt! + offset) : at });
        }
        offset += name.length + 1;
      }
      return;
    }
    case 'security-opt':
      applySecurityOpt(w, located(value));
      return;
    case 'volume': {
      const spec = parseVolumeSpec(value);
      if (spec) w.mounts.push({ ...spec, at });
      return;
    }
    case 'mount': {
      const spec = parseMountFlag(value);
      if (spec) w.mounts.push({ ...spec, at });
      return;
    }
    case 'tmpfs':
      if (value.trim() !== '')
        w.mounts.push({ type: 'tmpfs', target: value.split(':')[0]!, readOnly: false, at });
      return;
    case 'publish': {
      const spec = parsePortSpec(value);
      if (spec) w.ports.push({ ...spec, at });
      return;
    }
    case 'network':
      // With several `--network` flags the first is the container's network mode.
      w.networkMode ??= located(value);
      if (!/^(host|none|bridge|default|container:.*)$/i.test(value)) w.networks.push(located(value));
      return;
    case 'pid':
      w.pidMode = located(value);
      return;
    case 'ipc':
      w.ipcMode = located(value);
      return;
    case 'uts':
      w.utsMode = located(value);
      return;
    case 'userns':
      w.usernsMode = located(value);
      return;
    case 'memory':
      w.resources.memory = located(value);
      return;
    case 'memory-swap':
      w.resources.memorySwap = located(value);
      return;
    case 'cpus':
    case 'cpu-quota':
    case 'cpu-count':
    case 'cpu-percent':
      cpu[option.name] = located(value);
      return;
    case 'pids-limit': {
      const limit = asNumber(value);
      if (limit !== undefined) w.resources.pidsLimit = located(limit);
      return;
    }
    case 'ulimit': {
      const { name, value: limits } = splitAssignment(value);
      if (name.trim() === '' || limits === undefined) return;
      w.resources.ulimits[name.trim()] = located(limits.includes(':') ? limits : `${limits}:${limits}`);
      return;
    }
    case 'env': {
      const { name, value: literal } = splitAssignment(value);
      if (name === '') return;
      w.env.push(
        literal === undefined ? { name, from: 'host', at } : { name, value: literal, from: 'literal', at },
      );
      return;
    }
    case 'env-file':
      (w.envFiles ??= []).push(located(value));
      return;
    case 'label': {
      const { name, value: text } = splitAssignment(value);
      if (name !== '') w.labels[name] = text ?? '';
      return;
    }
    case 'log-driver':
      w.logging = { ...(w.logging ?? { options: {}, at }), driver: located(value) };
      return;
    case 'log-opt': {
      const { name, value: text } = splitAssignment(value);
      w.logging ??= { options: {}, at };
      if (name !== '') w.logging.options[name] = text ?? '';
      return;
    }
    case 'device':
      w.devices.push(located(value));
      return;
    case 'restart':
      w.restart = located(value);
      return;
    case 'health-cmd':
      if (!w.healthcheck?.disabled) w.healthcheck = { disabled: false, test: value, at };
      return;
    case 'sysctl': {
      const { name, value: text } = splitAssignment(value);
      w.sysctls.push({ name: name.trim(), value: (text ?? '').trim(), at });
      return;
    }
    case 'secret': {
      // Podman: `--secret name[,type=mount|env,target=…]`; mounted as a file unless type=env.
      const [secret, ...options] = value.split(',');
      const delivery = options.some((option) => option.trim().toLowerCase() === 'type=env')
        ? 'environment'
        : 'file';
      if (secret) w.secrets.push({ ...located(secret), delivery });
      return;
    }
  }
}
