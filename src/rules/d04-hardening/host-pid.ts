// D04: the container sees and can signal every process of the host.
import { hostNamespaceRule } from '../shared/host-namespace.js';

export default hostNamespaceRule({
  id: 'D04.host-pid',
  title: 'Host PID namespace shared',
  namespace: 'PID',
  field: (workload) => workload.pidMode,
  severity: 'high',
  threats: [1, 7],
  cis: ['5.16'],
  related: { trivy: ['KSV-0010'], checkov: ['CKV_K8S_17'], kubescape: ['C-0038'] },
  rationale:
    'In the host PID namespace the container sees every host process, can read their environment and /proc entries and, as root, ptrace or kill them.',
  remediation:
    'Remove the setting:\n  compose:    delete `pid: host`\n  Kubernetes: hostPID: false\n  docker run: drop --pid=host',
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    pid: host\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostPID: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  ],
});
