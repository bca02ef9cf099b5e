// Security judgements about Workload fields that several rules share.
import { isSourceLocation, originOf, placeOf, type Placed } from '../../core/location.js';
import type { Workload, WorkloadMount } from '../../subjects/workload.js';

/**
 * `who(w)` names the workload and where it is, for messages: `service "web" in compose.yaml`, or for a
 * live container `container "web" on unix:///var/run/docker.sock` (its label names the container).
 */
export function who(workload: Workload): string {
  const at = workload.at;
  return isSourceLocation(at)
    ? `${workload.label} in ${placeOf(at)}`
    : `${workload.label} on ${originOf(at)}`;
}

/** True for `root`, `0`, `root:x`, `0:0`: the user part names UID 0. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0]!.trim();
  return name === '0' || name.toLowerCase() === 'root';
}

export function isHostMode(mode: Placed<string> | undefined): mode is Placed<string> {
  return mode !== undefined && mode.value.trim().toLowerCase() === 'host';
}

export function hostMounts(workload: Workload): WorkloadMount[] {
  return workload.mounts.filter((m) => m.type === 'bind' && m.source !== undefined);
}

/** Normalizes a host path for comparison: no trailing slash, no `//`, no `/./`. */
export function normalizeHostPath(path: string): string {
  if (!path.includes('//') && !path.includes('/.') && !(path.length > 1 && path.endsWith('/'))) return path;
  const collapsed = path.replace(/\/+/g, '/').replace(/\/\.(?=\/|$)/g, '');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

export function formatMount(mount: WorkloadMount): string {
  return `${mount.source ?? ''}:${mount.target}${mount.readOnly ? ':ro' : ''}`;
}
