// D09: a host directory is mounted writable: the container can change the host, and fill its disk.
import { defineRule } from '../../core/rule.js';
import { formatMount, hostMounts, who } from '../shared/workload.js';

export default defineRule({
  id: 'D09.writable-host-mount',
  title: 'Host path mounted writable',
  category: 'D09',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [6, 7],
  cis: ['5.6'],
  related: { 'kube-linter': ['writable-host-mount'], trivy: ['KSV-0023'] },
  rationale:
    'A writable bind mount lets the container change files the host (or other containers) trust, and fill the host filesystem. The guide: if you must mount, mount read-only.',
  remediation:
    'Mount read-only, or use a named volume for data the container writes:\n  compose:    volumes: ["./config:/etc/app:ro"]\n  Kubernetes: volumeMounts: [{ name: config, mountPath: /etc/app, readOnly: true }]\n  docker run: -v "$PWD/config:/etc/app:ro"',
  references: ['https://docs.docker.com/engine/storage/bind-mounts/#use-a-read-only-bind-mount'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./config:/etc/web\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./config:/etc/web:ro\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  volumes:\n    - name: logs\n      hostPath: { path: /var/log/web }\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: logs\n          mountPath: /var/log/web\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  volumes:\n    - name: logs\n      hostPath: { path: /var/log/web }\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: logs\n          mountPath: /var/log/web\n          readOnly: true\n',
    },
  ],
  check(workload) {
    return hostMounts(workload)
      .filter((mount) => !mount.readOnly)
      .map((mount) => ({
        message: `${who(workload)} mounts host path ${mount.source} writable at ${mount.target}`,
        location: mount.at,
        evidence: formatMount(mount),
      }));
  },
});
