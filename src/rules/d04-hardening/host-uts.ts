// D04: the container shares the host's UTS namespace and can change the host's hostname.
import { hostNamespaceRule } from '../shared/host-namespace.js';

export default hostNamespaceRule({
  id: 'D04.host-uts',
  title: 'Host UTS namespace shared',
  namespace: 'UTS',
  field: (workload) => workload.utsMode,
  // Kubernetes has no host UTS setting: pods always get their own.
  targets: ['compose', 'docker-run', 'engine'],
  severity: 'medium',
  threats: [7],
  cis: ['5.21'],
  related: {},
  rationale:
    'In the host UTS namespace a root process in the container can change the hostname and domain name of the host.',
  remediation: 'Remove the setting:\n  compose:    delete `uts: host`\n  docker run: drop --uts=host',
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    uts: host\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n',
    },
  ],
});
