// D09: the container's root filesystem is writable: an intruder can change binaries and persist.
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D09.writable-rootfs',
  title: 'Root filesystem writable',
  category: 'D09',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 8],
  cis: ['5.13'],
  related: { trivy: ['KSV-0014'], checkov: ['CKV_K8S_22'], kubescape: ['C-0017'] },
  rationale:
    'An immutable container cannot be changed by an intruder: no dropped tools, no modified binaries, no persistence. Paths that must be written go to tmpfs or volumes.',
  remediation:
    'Make the root filesystem read-only and give the paths that must be written a tmpfs:\n  compose:    read_only: true\n              tmpfs: ["/tmp"]\n  Kubernetes: securityContext: { readOnlyRootFilesystem: true } + an emptyDir for /tmp\n  docker run: --read-only --tmpfs /tmp',
  references: ['https://docs.docker.com/reference/cli/docker/container/run/#read-only'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    read_only: false\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs: [/tmp]\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n',
    },
  ],
  check(workload) {
    const readOnly = workload.readOnlyRootfs;
    if (readOnly?.value === true) return [];
    return [
      {
        message: readOnly
          ? `${who(workload)} sets its root filesystem writable`
          : `${who(workload)} does not make its root filesystem read-only`,
        location: readOnly?.at ?? workload.at,
        ...(readOnly ? { evidence: 'read_only: false' } : {}),
      },
    ];
  },
});
