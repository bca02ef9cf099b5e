// D04: without no-new-privileges a process can gain privileges through setuid binaries.
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D04.no-new-privileges',
  title: 'Privilege escalation not blocked',
  category: 'D04',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1],
  cis: ['5.26'],
  related: { trivy: ['KSV-0001'], checkov: ['CKV_K8S_20'], kubescape: ['C-0016'] },
  rationale:
    'The no_new_privs bit stops setuid and setgid binaries and file capabilities from raising the privileges of a process: an attacker in the container cannot use `su`, `sudo` or a planted setuid binary.',
  remediation:
    'Set no-new-privileges:\n  compose:    security_opt: ["no-new-privileges:true"]\n  Kubernetes: securityContext: { allowPrivilegeEscalation: false }\n  docker run: --security-opt no-new-privileges:true',
  references: ['https://docs.docker.com/reference/cli/docker/container/run/#security-opt'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        allowPrivilegeEscalation: true\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        allowPrivilegeEscalation: false\n',
    },
  ],
  check(workload) {
    const setting = workload.noNewPrivileges;
    if (setting?.value === true) return [];
    return [
      {
        message: setting
          ? `${who(workload)} explicitly allows privilege escalation`
          : `${who(workload)} does not set no-new-privileges (allowPrivilegeEscalation)`,
        location: setting?.at ?? workload.at,
        ...(setting ? { evidence: 'no-new-privileges: false' } : {}),
      },
    ];
  },
});
