// D04: the container shares System V IPC and POSIX shared memory with the host.
import { hostNamespaceRule } from '../shared/host-namespace.js';

export default hostNamespaceRule({
  id: 'D04.host-ipc',
  title: 'Host IPC namespace shared',
  namespace: 'IPC',
  field: (workload) => workload.ipcMode,
  severity: 'high',
  threats: [1, 7],
  cis: ['5.17'],
  related: { trivy: ['KSV-0008'], checkov: ['CKV_K8S_18'], kubescape: ['C-0038'] },
  rationale:
    'In the host IPC namespace the container can read and write the shared memory segments and message queues of host processes.',
  remediation:
    'Remove the setting:\n  compose:    delete `ipc: host`\n  Kubernetes: hostIPC: false\n  docker run: drop --ipc=host',
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    ipc: host\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    ipc: private\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostIPC: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostIPC: false\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  ],
});
