// D04: /proc without its masked and read-only paths: the kernel's controls in reach of the container.
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D04.proc-mount-unmasked',
  title: '/proc mounted unmasked',
  category: 'D04',
  severity: 'high',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 7],
  cis: [],
  related: { trivy: ['KSV-0027'] },
  rationale:
    "Container runtimes mask parts of /proc and /sys (/proc/kcore, /proc/keys, /proc/sysrq-trigger, /sys/firmware…) and mount others read-only (/proc/sys, /proc/irq): they reach the host kernel itself, not the container's namespaces. An unmasked /proc (Kubernetes procMount: Unmasked, Docker systempaths=unconfined) hands them back: kernel memory, reboot and crash triggers, host-wide kernel settings.",
  remediation:
    'Keep the default /proc mount:\n  compose:    remove `systempaths=unconfined` from security_opt\n  Kubernetes: securityContext: { procMount: Default }  (or leave procMount unset)\n  docker run: drop --security-opt systempaths=unconfined',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
  ],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - systempaths=unconfined\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostUsers: false\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        procMount: Unmasked\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostUsers: false\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        procMount: Default\n',
    },
  ],
  check(workload) {
    const procMount = workload.procMount;
    if (procMount?.value.trim().toLowerCase() !== 'unmasked') return [];
    return [
      {
        message: `${who(workload)} mounts /proc unmasked: the host kernel's interfaces under /proc and /sys are in reach`,
        location: procMount.at,
        evidence: workload.origin === 'kubernetes' ? 'procMount: Unmasked' : 'systempaths=unconfined',
      },
    ];
  },
});
