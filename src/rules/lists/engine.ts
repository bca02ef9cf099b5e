// Rules over the Docker Engine's configuration (daemon.json, dockerd flags, a live engine's settings).
import type { AnyRule } from '../../core/rule.js';
import usernsRemapDisabled from '../d01-user/userns-remap-disabled.js';
import runtimeVulnerable from '../d02-patching/runtime-vulnerable.js';
import daemonTcpWithoutTls from '../d03-network/daemon-tcp-without-tls.js';
import iccEnabled from '../d03-network/icc-enabled.js';
import iptablesDisabled from '../d03-network/iptables-disabled.js';
import userlandProxy from '../d03-network/userland-proxy.js';
import daemonNoNewPrivileges from '../d04-hardening/daemon-no-new-privileges.js';
import deprecatedStorageDriver from '../d04-hardening/deprecated-storage-driver.js';
import experimentalEnabled from '../d04-hardening/experimental-enabled.js';
import liveRestoreDisabled from '../d04-hardening/live-restore-disabled.js';
import noAuthorizationPlugin from '../d04-hardening/no-authorization-plugin.js';
import insecureRegistry from '../d08-integrity/insecure-registry.js';
import daemonLogLevel from '../d10-logging/daemon-log-level.js';
import daemonLogRotationMissing from '../d10-logging/daemon-log-rotation-missing.js';
import daemonLoggingDisabled from '../d10-logging/daemon-logging-disabled.js';
import noRemoteLogging from '../d10-logging/no-remote-logging.js';

export const ENGINE_RULES: readonly AnyRule[] = [
  usernsRemapDisabled,
  runtimeVulnerable,
  daemonTcpWithoutTls,
  iccEnabled,
  iptablesDisabled,
  userlandProxy,
  daemonNoNewPrivileges,
  deprecatedStorageDriver,
  experimentalEnabled,
  liveRestoreDisabled,
  noAuthorizationPlugin,
  insecureRegistry,
  daemonLogLevel,
  daemonLogRotationMissing,
  daemonLoggingDisabled,
  noRemoteLogging,
];
