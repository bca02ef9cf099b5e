// D07: without a CPU limit one container can starve the others of CPU time.
import { missingLimitRule } from '../shared/missing-limit.js';

export default missingLimitRule({
  id: 'D07.no-cpu-limit',
  title: 'No CPU limit',
  resource: 'CPU',
  limit: (workload) => workload.resources.cpus,
  severity: 'medium',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  cis: ['5.12'],
  related: { trivy: ['KSV-0011'], checkov: ['CKV_K8S_11'], kubescape: ['C-0050'] },
  rationale:
    'A container without a CPU limit can use every core of the host, slowing every neighbour down to a halt.',
  remediation:
    'Set a CPU limit:\n  compose:    cpus: "0.5"  (or deploy.resources.limits.cpus: "0.5")\n  Kubernetes: resources: { limits: { cpu: 500m } }\n  docker run: --cpus 0.5',
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    cpus: "0.5"\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        limits: { cpu: 500m }\n',
    },
  ],
});
