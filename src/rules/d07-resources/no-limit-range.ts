// D07: a Kubernetes namespace with no LimitRange or ResourceQuota: nothing bounds what its pods may take.
import { placeOf } from '../../core/location.js';
import { defineRule } from '../../core/rule.js';

export default defineRule({
  id: 'D07.no-limit-range',
  title: 'Namespace without LimitRange or ResourceQuota',
  category: 'D07',
  severity: 'low',
  subject: 'deployment',
  targets: ['kubernetes'],
  threats: [6],
  cis: [],
  related: { trivy: ['KSV-0039', 'KSV-0040'] },
  rationale:
    "Container limits are set one manifest at a time and are easily forgotten; a LimitRange gives every container of the namespace default requests and limits, and a ResourceQuota caps what the whole namespace may use, so one team's runaway or compromised workload cannot starve the others on shared nodes. Only the scanned manifests are seen: a LimitRange or quota applied separately by the cluster's administrators is not.",
  remediation:
    'Add a LimitRange (and a ResourceQuota) to the namespace:\n  Kubernetes: kind: LimitRange, metadata: { name: defaults, namespace: shop },\n              spec: { limits: [{ type: Container, default: { cpu: 500m, memory: 256Mi }, defaultRequest: { cpu: 100m, memory: 128Mi } }] }',
  references: [
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
    'https://kubernetes.io/docs/concepts/policy/resource-quotas/',
  ],
  examples: [
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n---\napiVersion: v1\nkind: LimitRange\nmetadata:\n  name: defaults\n  namespace: shop\nspec:\n  limits:\n    - type: Container\n      default: { cpu: 500m, memory: 256Mi }\n',
    },
  ],
  check(deployment) {
    if (deployment.origin !== 'kubernetes' || deployment.workloads.length === 0) return [];
    if (deployment.resourceControls.length > 0) return [];
    const first = deployment.workloads[0]!;
    return [
      {
        message: `${deployment.name} has workloads (first: ${first.label} in ${placeOf(first.at)}) but no LimitRange or ResourceQuota`,
        location: first.at,
      },
    ];
  },
});
