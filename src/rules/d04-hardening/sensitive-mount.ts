// D04: a sensitive host directory is mounted into the container.
import { defineRule } from '../../core/rule.js';
import { isRuntimeSocket, sensitivity } from '../shared/sensitive-paths.js';
import { formatMount, hostMounts, who } from '../shared/workload.js';

export default defineRule({
  id: 'D04.sensitive-mount',
  title: 'Sensitive host path mounted',
  category: 'D04',
  severity: 'high',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 7],
  cis: ['5.6'],
  related: {
    trivy: ['KSV-0023'],
    checkov: ['CKV_K8S_27'],
    kubescape: ['C-0048'],
    kics: ['Volume Mount With OS Directory Write Permissions'],
  },
  rationale:
    "System directories of the host (/, /etc, /proc, /sys, /boot, /var/lib/docker…) give the container the host's credentials, kernel interfaces or other containers' data; written to, they give it the host.",
  remediation:
    'Mount only the application data the container needs, read-only where possible, or use a named volume:\n  compose:    volumes: ["app-data:/data"]\n  Kubernetes: use a PersistentVolumeClaim or emptyDir instead of hostPath',
  references: ['https://docs.docker.com/engine/storage/bind-mounts/'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /etc:/host/etc\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./config:/etc/web:ro\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  volumes:\n    - name: root\n      hostPath: { path: / }\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: root\n          mountPath: /host\n          readOnly: true\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  volumes:\n    - name: config\n      configMap: { name: web-config }\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: config\n          mountPath: /etc/web\n',
    },
  ],
  check(workload) {
    return hostMounts(workload).flatMap((mount) => {
      const source = mount.source!;
      if (isRuntimeSocket(source)) return [];
      const reason = sensitivity(source, mount.readOnly);
      return reason
        ? [
            {
              message: `${who(workload)} mounts ${reason} (${source} → ${mount.target})`,
              location: mount.at,
              evidence: formatMount(mount),
            },
          ]
        : [];
    });
  },
});
