// D04 (discussed in the guide's D01): a privileged container has every capability and every device.
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D04.privileged',
  title: 'Privileged container',
  category: 'D04',
  severity: 'critical',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 7],
  cis: ['5.5'],
  related: {
    trivy: ['KSV-0017'],
    checkov: ['CKV_K8S_16'],
    kubescape: ['C-0057'],
    'kube-linter': ['privileged-container'],
    kics: ['Privileged Containers Enabled'],
  },
  rationale:
    'A privileged container gets all capabilities, every host device and no seccomp, AppArmor or SELinux confinement: root in it is root on the host in one step.',
  remediation:
    'Remove privileged mode and add only the capability the workload needs:\n  compose:    delete `privileged: true`; `cap_add: [NET_BIND_SERVICE]` if needed\n  Kubernetes: securityContext: { privileged: false }\n  docker run: drop --privileged',
  references: ['https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: false\n',
    },
  ],
  check(workload) {
    const privileged = workload.privileged;
    if (privileged?.value !== true) return [];
    return [
      { message: `${who(workload)} runs privileged`, location: privileged.at, evidence: 'privileged: true' },
    ];
  },
});
