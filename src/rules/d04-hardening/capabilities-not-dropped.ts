// D04: the default capability set is kept; least privilege means dropping ALL and adding back what is needed.
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D04.capabilities-not-dropped',
  title: 'Capabilities not dropped',
  category: 'D04',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 2],
  cis: ['5.4'],
  related: { kubesec: ['CapDropAll'], checkov: ['CKV_K8S_37', 'CKV_K8S_28'], trivy: ['KSV-0003'] },
  rationale:
    "Docker's default set still includes NET_RAW (ARP and DNS spoofing of neighbours), CHOWN, DAC_OVERRIDE, SETUID and others that most services never use.",
  remediation:
    'Drop every capability and add back only what the process needs:\n  compose:    cap_drop: [ALL]\n  Kubernetes: securityContext: { capabilities: { drop: [ALL] } }\n  docker run: --cap-drop ALL',
  references: ['https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [NET_RAW]\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [NET_RAW]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [ALL]\n',
    },
  ],
  check(workload) {
    if (workload.privileged?.value === true) return [];
    if (workload.capDrop.some((capability) => capability.value === 'ALL')) return [];
    const dropped = workload.capDrop.map((capability) => capability.value);
    return [
      {
        message:
          dropped.length === 0
            ? `${who(workload)} keeps the default capability set (no drop of ALL)`
            : `${who(workload)} drops only ${dropped.join(', ')} instead of ALL`,
        location: workload.capDrop[0]?.at ?? workload.at,
        ...(dropped.length > 0 ? { evidence: `cap_drop: ${dropped.join(', ')}` } : {}),
      },
    ];
  },
});
