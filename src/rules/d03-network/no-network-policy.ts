// D03: Kubernetes pods that no NetworkPolicy selects accept traffic from every pod of the cluster.
import { listUpTo } from '../../core/list.js';
import { defineRule } from '../../core/rule.js';
import { ownersOf, ownerWho, selectingPolicies } from '../shared/deployment.js';

export default defineRule({
  id: 'D03.no-network-policy',
  title: 'Pods without a NetworkPolicy',
  category: 'D03',
  severity: 'medium',
  subject: 'deployment',
  targets: ['kubernetes'],
  threats: [2, 3, 5],
  cis: [],
  related: { kubescape: ['C-0260'], polaris: ['missingNetworkPolicy'], 'kube-linter': ['non-isolated-pod'] },
  rationale:
    "Kubernetes networking is flat: until a NetworkPolicy selects a pod, every pod in every namespace may connect to it, and it may connect anywhere. One compromised pod can then reach databases, internal APIs and the cluster's own services. A default-deny policy per namespace (an empty podSelector selects every pod) and policies that allow only the flows the application needs restore the separation.",
  remediation:
    'Add a default-deny policy to the namespace, then allow what is needed:\n  Kubernetes: kind: NetworkPolicy\n              metadata: { name: default-deny, namespace: shop }\n              spec: { podSelector: {}, policyTypes: [Ingress, Egress] }\n  (the CNI plugin must enforce NetworkPolicies: Calico, Cilium, …)',
  references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
  examples: [
    {
      target: 'kubernetes',
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n',
    },
  ],
  check(deployment) {
    if (deployment.origin !== 'kubernetes') return [];
    return ownersOf(deployment)
      .filter((owner) => selectingPolicies(deployment, owner).length === 0)
      .map((owner) => ({
        message:
          deployment.networkPolicies.length === 0
            ? `${ownerWho(owner)} is selected by no NetworkPolicy: ${deployment.name} has none, so its pods accept traffic from anywhere in the cluster`
            : `${ownerWho(owner)} is selected by none of the NetworkPolicies of ${deployment.name} (${listUpTo(
                deployment.networkPolicies.map((p) => p.name),
                5,
              )}), so its pods accept traffic from anywhere in the cluster`,
        location: owner.at,
      }));
  },
});
