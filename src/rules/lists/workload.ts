// Rules over deployed containers and their deployments (compose, Kubernetes, `docker run`, live engine)
// beyond the foundation: user namespaces, ports and networks, devices and kernel settings, security
// contexts, secrets, restart and memory policies, image pinning and logging.
import type { AnyRule } from '../../core/rule.js';
import hostUserNamespace from '../d01-user/host-user-namespace.js';
import rootProcesses from '../d01-user/root-processes.js';
import imageAge from '../d02-patching/image-age.js';
import imageDriftFromTag from '../d08-integrity/image-drift-from-tag.js';
import noRegistryOrigin from '../d08-integrity/no-registry-origin.js';
import runtimeDrift from '../d09-immutable/runtime-drift.js';
import defaultNetwork from '../d03-network/default-network.js';
import hostPort from '../d03-network/host-port.js';
import noNetworkPolicy from '../d03-network/no-network-policy.js';
import portAllInterfaces from '../d03-network/port-all-interfaces.js';
import privilegedPort from '../d03-network/privileged-port.js';
import sshExposed from '../d03-network/ssh-exposed.js';
import hostDevices from '../d04-hardening/host-devices.js';
import mountPropagation from '../d04-hardening/mount-propagation.js';
import noHealthcheck from '../d04-hardening/no-healthcheck.js';
import procMountUnmasked from '../d04-hardening/proc-mount-unmasked.js';
import unsafeSysctl from '../d04-hardening/unsafe-sysctl.js';
import defaultNamespace from '../d05-contexts/default-namespace.js';
import kubeSystemWorkload from '../d05-contexts/kube-system-workload.js';
import mixedEnvironments from '../d05-contexts/mixed-environments.js';
import mixedTiersNetwork from '../d05-contexts/mixed-tiers-network.js';
import untrustedRegistry from '../d05-contexts/untrusted-registry.js';
import secretAsEnvVar from '../d06-secrets/secret-as-env-var.js';
import secretInConfigmap from '../d06-secrets/secret-in-configmap.js';
import secretInEnv from '../d06-secrets/secret-in-env.js';
import serviceAccountToken from '../d06-secrets/service-account-token.js';
import noLimitRange from '../d07-resources/no-limit-range.js';
import oomKillDisabled from '../d07-resources/oom-kill-disabled.js';
import restartUnbounded from '../d07-resources/restart-unbounded.js';
import swapUnlimited from '../d07-resources/swap-unlimited.js';
import latestTag from '../d08-integrity/latest-tag.js';
import noDigest from '../d08-integrity/no-digest.js';
import pullPolicy from '../d08-integrity/pull-policy.js';
import logRotationMissing from '../d10-logging/log-rotation-missing.js';
import loggingDisabled from '../d10-logging/logging-disabled.js';

export const WORKLOAD_RULES: readonly AnyRule[] = [
  hostUserNamespace,
  rootProcesses,
  imageAge,
  noRegistryOrigin,
  imageDriftFromTag,
  runtimeDrift,
  defaultNetwork,
  hostPort,
  noNetworkPolicy,
  portAllInterfaces,
  privilegedPort,
  sshExposed,
  hostDevices,
  mountPropagation,
  noHealthcheck,
  procMountUnmasked,
  unsafeSysctl,
  defaultNamespace,
  kubeSystemWorkload,
  mixedEnvironments,
  mixedTiersNetwork,
  untrustedRegistry,
  secretAsEnvVar,
  secretInConfigmap,
  secretInEnv,
  serviceAccountToken,
  noLimitRange,
  oomKillDisabled,
  restartUnbounded,
  swapUnlimited,
  latestTag,
  noDigest,
  pullPolicy,
  logRotationMissing,
  loggingDisabled,
];
