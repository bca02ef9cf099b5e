// D04: a kernel parameter outside the set Kubernetes knows to be isolated per pod.
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

/**
 * Kubernetes' safe set (https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/): namespaced
 * by the kernel and unable to affect other pods or the node. Everything else, `kernel.*` included, is unsafe.
 */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

/** Sysctl names may use `/` as separator (`net/ipv4/tcp_syncookies`), as the kernel's own tools accept. */
function normalizeSysctl(name: string): string {
  return name.trim().replace(/\//g, '.');
}

export default defineRule({
  id: 'D04.unsafe-sysctl',
  title: 'Unsafe sysctl',
  category: 'D04',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 6, 7],
  cis: [],
  related: { trivy: ['KSV-0026'] },
  rationale:
    "Kernel parameters set for a container apply to the namespace it shares with the kernel; outside Kubernetes' short safe list they are not known to be isolated: they can change the behaviour of other containers or the node, exhaust shared kernel memory (kernel.msg*, kernel.shm*) or weaken protections. Kubernetes refuses them unless the kubelet allows them explicitly.",
  remediation:
    'Remove the sysctl, or tune the node instead; keep only sysctls of Kubernetes\' safe set:\n  compose:    sysctls: { net.ipv4.ip_unprivileged_port_start: 80 }\n  Kubernetes: securityContext: { sysctls: [{ name: net.ipv4.ip_local_port_range, value: "1024 65535" }] }\n  docker run: --sysctl net.ipv4.tcp_syncookies=1',
  references: [
    'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
    'https://docs.docker.com/reference/cli/docker/container/run/#sysctl',
  ],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  db:\n    image: postgres:17\n    sysctls:\n      kernel.shmmax: 68719476736\n',
      good: 'services:\n  db:\n    image: postgres:17\n    sysctls:\n      net.ipv4.tcp_keepalive_time: 600\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  securityContext:\n    sysctls:\n      - name: kernel.msgmax\n        value: "65536"\n  containers:\n    - name: db\n      image: postgres:17\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_local_port_range\n        value: "1024 65535"\n  containers:\n    - name: db\n      image: postgres:17\n',
    },
  ],
  check(workload) {
    return workload.sysctls
      .filter((sysctl) => !SAFE_SYSCTLS.has(normalizeSysctl(sysctl.name)))
      .map((sysctl) => ({
        message: `${who(workload)} sets the unsafe sysctl ${sysctl.name}`,
        location: sysctl.at,
        evidence: `${sysctl.name}=${sysctl.value}`,
      }));
  },
});
