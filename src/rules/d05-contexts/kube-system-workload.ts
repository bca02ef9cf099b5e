// D05: application workloads in the namespaces Kubernetes keeps for its own components.
import { defineRule } from '../../core/rule.js';
import { ownersOf, ownerWho } from '../shared/deployment.js';

/** Namespaces the control plane creates and uses for itself. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export default defineRule({
  id: 'D05.kube-system-workload',
  title: 'Workload in a Kubernetes system namespace',
  category: 'D05',
  severity: 'medium',
  subject: 'deployment',
  targets: ['kubernetes'],
  threats: [3, 7],
  cis: [],
  related: { trivy: ['KSV-0037'] },
  rationale:
    "kube-system holds the cluster's own components (DNS, the network plugin, kube-proxy, controllers) and the highly privileged service accounts and secrets they use; policies are usually relaxed there so they can work. An application placed beside them can mount those secrets and service accounts and reach components the rest of the cluster is shielded from, and is easily mistaken for part of the platform. kube-public is readable by everyone, kube-node-lease is for node heartbeats.",
  remediation:
    'Move the workload to a namespace of its own:\n  Kubernetes: metadata: { namespace: shop }  (leave kube-system to cluster components)',
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces',
  ],
  examples: [
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: kube-system\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  ],
  check(deployment) {
    if (deployment.origin !== 'kubernetes') return [];
    return ownersOf(deployment).flatMap((owner) => {
      const namespace = owner.workloads[0]!.namespace ?? 'default';
      if (!SYSTEM_NAMESPACES.has(namespace)) return [];
      return [
        {
          message: `${ownerWho(owner)} runs in the system namespace ${namespace}`,
          location: owner.at,
          evidence: `namespace: ${namespace}`,
        },
      ];
    });
  },
});
