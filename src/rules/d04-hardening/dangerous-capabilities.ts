// D04: capabilities added beyond Docker's default set that give away the host or other containers.
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

/** Why each capability is dangerous, for the message. */
export const DANGEROUS_CAPABILITIES: Record<string, string> = {
  ALL: 'every capability',
  SYS_ADMIN: 'mounts, namespaces and most of root',
  SYS_MODULE: 'loading kernel modules',
  SYS_PTRACE: 'tracing and injecting into other processes',
  SYS_RAWIO: 'raw device and port I/O',
  SYS_BOOT: 'rebooting the host',
  SYS_TIME: 'setting the host clock',
  SYS_RESOURCE: 'overriding resource limits',
  DAC_READ_SEARCH: 'reading any file by handle (the "shocker" escape)',
  NET_ADMIN: 'reconfiguring the network and firewall',
  MAC_ADMIN: 'changing the mandatory access control policy',
  MAC_OVERRIDE: 'bypassing mandatory access control',
  BPF: 'loading eBPF programs',
  PERFMON: 'kernel performance monitoring',
  SYSLOG: 'reading and clearing the kernel log',
  LINUX_IMMUTABLE: 'changing immutable file flags',
};

export default defineRule({
  id: 'D04.dangerous-capabilities',
  title: 'Dangerous capability added',
  category: 'D04',
  severity: 'high',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 7],
  cis: ['5.4'],
  related: { trivy: ['KSV-0005', 'KSV-0022'], kubesec: ['CapSysAdmin'], checkov: ['CKV_K8S_39'] },
  rationale:
    'Capabilities split root into pieces; several pieces are enough on their own to escape the container or take over the host network.',
  remediation:
    'Remove the capability; if the process really needs one privilege, grant only that one (e.g. NET_BIND_SERVICE) and drop ALL:\n  compose:    cap_drop: [ALL]  cap_add: [NET_BIND_SERVICE]\n  Kubernetes: capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] }',
  references: ['https://man7.org/linux/man-pages/man7/capabilities.7.html'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [SYS_ADMIN]\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          add: [NET_ADMIN]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [ALL]\n          add: [NET_BIND_SERVICE]\n',
    },
  ],
  check(workload) {
    return workload.capAdd
      .filter((capability) => capability.value in DANGEROUS_CAPABILITIES)
      .map((capability) => ({
        message: `${who(workload)} adds capability ${capability.value} (${DANGEROUS_CAPABILITIES[capability.value]})`,
        location: capability.at,
        evidence: capability.value,
        ...(capability.value === 'ALL' || capability.value === 'SYS_ADMIN'
          ? { severity: 'critical' as const }
          : {}),
      }));
  },
});
