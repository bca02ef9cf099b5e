// D07: without a memory limit one container can exhaust the host's memory and get others OOM-killed.
import { missingLimitRule } from '../shared/missing-limit.js';

export default missingLimitRule({
  id: 'D07.no-memory-limit',
  title: 'No memory limit',
  resource: 'memory',
  limit: (workload) => workload.resources.memory,
  severity: 'medium',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  cis: ['5.11'],
  related: { trivy: ['KSV-0018'], checkov: ['CKV_K8S_13'], kubescape: ['C-0004'] },
  rationale:
    'A container without a memory limit can take all the memory of the host, through a leak or an attack, and the kernel then kills other processes: resource starvation for every neighbour.',
  remediation:
    'Set a memory limit sized for the workload:\n  compose:    mem_limit: 512m  (or deploy.resources.limits.memory: 512M)\n  Kubernetes: resources: { limits: { memory: 512Mi } }\n  docker run: --memory 512m',
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: { memory: 128Mi }\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        limits: { memory: 256Mi }\n',
    },
  ],
});
