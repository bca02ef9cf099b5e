// D04: the Docker (or another runtime's) socket is mounted: the container controls the engine, and the host.
import { defineRule } from '../../core/rule.js';
import { isRuntimeSocket } from '../shared/sensitive-paths.js';
import { formatMount, hostMounts, who } from '../shared/workload.js';

export default defineRule({
  id: 'D04.docker-socket-mount',
  title: 'Container runtime socket mounted',
  category: 'D04',
  severity: 'critical',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 3, 7],
  cis: ['5.32'],
  related: {
    trivy: ['KSV-0006'],
    checkov: ['CKV_K8S_27'],
    kubescape: ['C-0074'],
    kics: ['Docker Socket Mounted In Container'],
  },
  rationale:
    'Whoever can write to the Docker socket can start a privileged container that mounts the host root: read-only mounting does not help, since the API is spoken over the socket, not by writing the file.',
  remediation:
    'Do not mount the socket. If a tool must talk to the engine, put an authorizing proxy in front of it that allows only the read calls it needs, or run the tool outside containers.',
  references: ['https://docs.docker.com/engine/security/#docker-daemon-attack-surface'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - app-data:/data\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  volumes:\n    - name: sock\n      hostPath: { path: /var/run/docker.sock }\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: sock\n          mountPath: /var/run/docker.sock\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  volumes:\n    - name: data\n      emptyDir: {}\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: data\n          mountPath: /data\n',
    },
  ],
  check(workload) {
    return hostMounts(workload)
      .filter((mount) => isRuntimeSocket(mount.source!))
      .map((mount) => ({
        message: `${who(workload)} mounts the container runtime socket ${mount.source}${mount.readOnly ? ' (read-only does not protect it)' : ''}`,
        location: mount.at,
        evidence: formatMount(mount),
      }));
  },
});
