// Groups the workloads and NetworkPolicies of every scanned manifest by namespace: one Deployment subject
// per namespace, for rules that need to see a namespace whole (network policies, mixed environments).
import type { Deployment } from '../../subjects/deployment.js';
import type { KubernetesObjects, ServiceAccount } from './load.js';

export function groupKubernetesDeployments(files: readonly KubernetesObjects[]): Deployment[] {
  const byNamespace = new Map<string, Deployment>();
  const get = (namespace: string, at: Deployment['at']): Deployment => {
    let deployment = byNamespace.get(namespace);
    if (!deployment) {
      deployment = {
        kind: 'deployment',
        origin: 'kubernetes',
        name: `namespace ${namespace}`,
        at,
        workloads: [],
        networks: [],
        networkPolicies: [],
        resourceControls: [],
        configMaps: [],
      };
      byNamespace.set(namespace, deployment);
    }
    return deployment;
  };
  for (const file of files) {
    for (const workload of file.workloads)
      get(workload.namespace ?? 'default', workload.at).workloads.push(workload);
    for (const policy of file.networkPolicies) get(policy.namespace, policy.at).networkPolicies.push(policy);
    for (const control of file.resourceControls)
      get(control.namespace, control.at).resourceControls.push(control);
    for (const configMap of file.configMaps)
      get(configMap.namespace, configMap.at).configMaps.push(configMap);
  }
  applyServiceAccounts(files);
  return [...byNamespace.values()];
}

/**
 * A pod that does not set automountServiceAccountToken takes its ServiceAccount's setting. Done here,
 * where every scanned file's objects are in, since the ServiceAccount is often in another file.
 */
function applyServiceAccounts(files: readonly KubernetesObjects[]): void {
  const accounts = new Map<string, ServiceAccount>();
  for (const file of files)
    for (const account of file.serviceAccounts) accounts.set(`${account.namespace}/${account.name}`, account);
  if (accounts.size === 0) return;
  for (const file of files)
    for (const workload of file.workloads) {
      if (workload.automountServiceAccountToken) continue;
      const account = accounts.get(
        `${workload.namespace ?? 'default'}/${workload.serviceAccountName ?? 'default'}`,
      );
      if (account?.automountServiceAccountToken)
        workload.automountServiceAccountToken = account.automountServiceAccountToken;
    }
}
