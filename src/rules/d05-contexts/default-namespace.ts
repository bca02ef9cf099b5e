// D05: Kubernetes workloads in the `default` namespace, where everything without a home ends up.
import { defineRule } from '../../core/rule.js';
import { ownersOf, ownerWho } from '../shared/deployment.js';

export default defineRule({
  id: 'D05.default-namespace',
  title: 'Workload in the default namespace',
  category: 'D05',
  severity: 'low',
  subject: 'deployment',
  targets: ['kubernetes'],
  threats: [2, 5],
  cis: [],
  related: { trivy: ['KSV-0110'], checkov: ['CKV_K8S_21'] },
  rationale:
    "Namespaces are the unit Kubernetes attaches security context to: RBAC roles, NetworkPolicies, ResourceQuotas, Pod Security admission. The `default` namespace is where everything lands that was deployed without thinking about it, so it rarely has any of them, and whatever runs there shares it with every other forgotten workload. A manifest without metadata.namespace goes wherever kubectl's context points, which is `default` unless told otherwise.",
  remediation:
    'Give the application its own namespace and name it in every manifest:\n  Kubernetes: kind: Namespace, metadata: { name: shop }; and metadata: { namespace: shop } in each object',
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
    'https://kubernetes.io/docs/concepts/security/multi-tenancy/',
  ],
  examples: [
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  ],
  check(deployment) {
    if (deployment.origin !== 'kubernetes') return [];
    return ownersOf(deployment)
      .filter((owner) => (owner.workloads[0]!.namespace ?? 'default') === 'default')
      .map((owner) => ({
        message: `${ownerWho(owner)} runs in the default namespace (metadata.namespace is default or unset)`,
        location: owner.at,
        evidence: 'namespace: default',
      }));
  },
});
