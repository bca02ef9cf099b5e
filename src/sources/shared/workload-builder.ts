// Building blocks every Workload source shares, so that compose, Kubernetes and `docker run` agree on
// what a field means.
import type { Location, Placed } from '../../core/location.js';
import type { Workload, WorkloadOrigin } from '../../subjects/workload.js';
import { parseSecurityOpt } from './security-opt.js';

export function newWorkload(
  origin: WorkloadOrigin,
  name: string,
  label: string,
  at: Location,
  seccompWhenUnset: Workload['seccompWhenUnset'],
): Workload {
  return {
    kind: 'workload',
    origin,
    name,
    label,
    at,
    capAdd: [],
    capDrop: [],
    seccompWhenUnset,
    mounts: [],
    ports: [],
    resources: { ulimits: {} },
    pidsLimitConfigurable: true,
    env: [],
    networks: [],
    labels: {},
    secrets: [],
    devices: [],
    sysctls: [],
  };
}

/** Go's strconv.ParseBool: what dockerd accepts; anything else makes it refuse the option. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** Applies Docker security options (`no-new-privileges`, `seccomp=…`, `apparmor=…`, `label=…`). */
export function applySecurityOpt(workload: Workload, option: Placed<string>): void {
  const { key, value } = parseSecurityOpt(option.value);
  const at = option.at;
  switch (key) {
    case 'no-new-privileges': {
      // A bare `no-new-privileges` enables it; a value is read as dockerd reads it (Go's ParseBool).
      const enabled = value === '' ? true : parseGoBool(value);
      if (enabled !== undefined) workload.noNewPrivileges = { value: enabled, at };
      break;
    }
    case 'seccomp':
      workload.seccompProfile = { value: value.toLowerCase() === 'unconfined' ? 'unconfined' : value, at };
      break;
    case 'apparmor':
      workload.apparmorProfile = { value: value.toLowerCase() === 'unconfined' ? 'unconfined' : value, at };
      break;
    case 'label':
      if (value.toLowerCase() === 'disable' || value.toLowerCase() === 'type:spc_t')
        workload.selinuxDisabled = { value: true, at };
      break;
    case 'systempaths':
      if (value.toLowerCase() === 'unconfined') workload.procMount = { value: 'Unmasked', at };
      break;
  }
}
