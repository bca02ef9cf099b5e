// The first rules dt10 shipped (the foundation issue): workload hardening, root users, host namespaces.
import type { AnyRule } from '../../core/rule.js';
import imageRootUser from '../d01-user/image-root-user.js';
import workloadRootUser from '../d01-user/workload-root-user.js';
import hostNetwork from '../d03-network/host-network.js';
import capabilitiesNotDropped from '../d04-hardening/capabilities-not-dropped.js';
import dangerousCapabilities from '../d04-hardening/dangerous-capabilities.js';
import dockerSocketMount from '../d04-hardening/docker-socket-mount.js';
import hostIpc from '../d04-hardening/host-ipc.js';
import hostPid from '../d04-hardening/host-pid.js';
import hostUts from '../d04-hardening/host-uts.js';
import macDisabled from '../d04-hardening/mac-disabled.js';
import noNewPrivileges from '../d04-hardening/no-new-privileges.js';
import privileged from '../d04-hardening/privileged.js';
import seccompDisabled from '../d04-hardening/seccomp-disabled.js';
import sensitiveMount from '../d04-hardening/sensitive-mount.js';
import noCpuLimit from '../d07-resources/no-cpu-limit.js';
import noMemoryLimit from '../d07-resources/no-memory-limit.js';
import noPidsLimit from '../d07-resources/no-pids-limit.js';
import writableHostMount from '../d09-immutable/writable-host-mount.js';
import writableRootfs from '../d09-immutable/writable-rootfs.js';

export const FOUNDATION_RULES: readonly AnyRule[] = [
  imageRootUser,
  workloadRootUser,
  hostNetwork,
  capabilitiesNotDropped,
  dangerousCapabilities,
  dockerSocketMount,
  hostIpc,
  hostPid,
  hostUts,
  macDisabled,
  noNewPrivileges,
  privileged,
  seccompDisabled,
  sensitiveMount,
  noCpuLimit,
  noMemoryLimit,
  noPidsLimit,
  writableHostMount,
  writableRootfs,
];
