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
