// D01: the container opts out of user-namespace remapping: its root is the host's root.
import { defineRule } from '../../core/rule.js';
import { isHostMode, who } from '../shared/workload.js';

export default defineRule({
  id: 'D01.host-user-namespace',
  title: "Host's user namespace shared",
  category: 'D01',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 7],
  cis: ['5.31'],
  related: {},
  rationale:
    "With a user namespace, UID 0 in the container maps to an unprivileged UID on the host, so a process that escapes is nobody there. `userns_mode: host` (`--userns=host`) turns the daemon's userns-remap off for this container, and Kubernetes `hostUsers: true` runs the pod in the host's user namespace: root in the container is root on the host.",
  remediation:
    'Keep the container in its own user namespace:\n  compose:    remove `userns_mode: host` (and enable userns-remap in daemon.json)\n  Kubernetes: spec: { hostUsers: false }  (user namespaces, Kubernetes 1.30+)\n  docker run: drop --userns=host',
  references: [
    'https://docs.docker.com/engine/security/userns-remap/',
    'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/',
  ],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    userns_mode: host\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostUsers: true\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostUsers: false\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  ],
  check(workload) {
    const mode = workload.usernsMode;
    if (!isHostMode(mode)) return [];
    return [
      {
        message: `${who(workload)} runs in the host's user namespace: its root is root on the host`,
        location: mode.at,
        evidence: workload.origin === 'kubernetes' ? 'hostUsers: true' : 'userns: host',
      },
    ];
  },
});
