// D04: the seccomp filter that blocks dangerous system calls is turned off (or never turned on).
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D04.seccomp-disabled',
  title: 'Seccomp disabled',
  category: 'D04',
  severity: 'high',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 7],
  cis: ['5.22'],
  related: { trivy: ['KSV-0104'], checkov: ['CKV_K8S_31'], kubescape: ['C-0210'] },
  rationale:
    'The default seccomp profile blocks around 44 system calls (keyctl, unshare, mount, kexec…) behind many kernel exploits. Without it every kernel bug reachable by a syscall is an escape route.',
  remediation:
    'Keep the runtime default profile (or a stricter one):\n  compose:    remove `seccomp:unconfined` from security_opt\n  Kubernetes: securityContext: { seccompProfile: { type: RuntimeDefault } }\n  docker run: drop --security-opt seccomp=unconfined',
  references: ['https://docs.docker.com/engine/security/seccomp/'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:unconfined\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        seccompProfile:\n          type: Unconfined\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n',
    },
  ],
  check(workload) {
    const profile = workload.seccompProfile;
    if (profile?.value === 'unconfined')
      return [
        {
          message: `${who(workload)} runs without seccomp (unconfined)`,
          location: profile.at,
          evidence: 'seccomp: unconfined',
        },
      ];
    if (!profile && workload.seccompWhenUnset === 'unconfined')
      return [
        {
          message: `${who(workload)} sets no seccomp profile, so it runs Unconfined unless the kubelet enables --seccomp-default`,
          location: workload.at,
          severity: 'medium',
        },
      ];
    return [];
  },
});
