// The rules that judge the host an engine runs on (the `host` subject, `dt10 scan --host`). The engine
// configuration the host holds (daemon.json, dockerd's flags) is judged by the engine rules.
import type { AnyRule } from '../../core/rule.js';
import hostDeletedLibraries from '../d02-patching/host-deleted-libraries.js';
import hostEngineRestart from '../d02-patching/host-engine-restart.js';
import hostPatchState from '../d02-patching/host-patch-state.js';
import hostRebootPending from '../d02-patching/host-reboot-pending.js';
import hostStalePackages from '../d02-patching/host-stale-packages.js';
import hostUptime from '../d02-patching/host-uptime.js';
import managementInterfaceExposed from '../d03-network/management-interface-exposed.js';
import hostDockerGroup from '../d01-user/host-docker-group.js';
import hostUsernsSubordinateIds from '../d01-user/host-userns-subordinate-ids.js';
import hostDockerSocketPermissions from '../d04-hardening/host-docker-socket-permissions.js';
import dockerConfigPlaintext from '../d06-secrets/docker-config-plaintext.js';
import hostAuditRules from '../d10-logging/host-audit-rules.js';
import hostTimeSync from '../d10-logging/host-time-sync.js';

export const HOST_RULES: readonly AnyRule[] = [
  hostRebootPending,
  hostStalePackages,
  hostUptime,
  hostDeletedLibraries,
  hostEngineRestart,
  hostPatchState,
  managementInterfaceExposed,
  hostDockerGroup,
  hostUsernsSubordinateIds,
  hostDockerSocketPermissions,
  dockerConfigPlaintext,
  hostAuditRules,
  hostTimeSync,
];
