import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './unsafe-sysctl.js';

/** Pod-level sysctls; the first item is at line 14. */
function k8sSysctls(items: string): string {
  return k8sDeployment('', `securityContext:\n  sysctls:\n${items.replace(/^/gm, '    ')}`);
}

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no sysctls', code: dockerRun('') },
      { name: 'a safe one', code: dockerRun('--sysctl net.ipv4.tcp_syncookies=1') },
      { name: 'slash separators', code: dockerRun("--sysctl 'net/ipv4/ip_local_port_range=1024 65535'") },
    ],
    reject: [
      {
        name: 'kernel.msgmax',
        code: dockerRun('--sysctl kernel.msgmax=65536'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh sets the unsafe sysctl kernel.msgmax',
        severity: 'medium',
      },
      { name: '--sysctl=…', code: dockerRun('--sysctl=net.core.somaxconn=1024'), lines: [1] },
      {
        name: 'only the unsafe ones, each on its line',
        code: dockerRun(
          '--sysctl net.ipv4.tcp_syncookies=1 \\\n  --sysctl net.ipv4.ip_forward=1 \\\n  --sysctl kernel.shmmax=68719476736',
        ),
        lines: [2, 3],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no sysctls', code: composeService('') },
      { name: 'a safe one', code: composeService('sysctls:\n  net.ipv4.ip_unprivileged_port_start: 80') },
      { name: 'list form', code: composeService('sysctls:\n  - net.ipv4.tcp_syncookies=1') },
      {
        name: 'slash separators',
        code: composeService('sysctls:\n  net/ipv4/ip_local_port_range: "1024 65535"'),
      },
      {
        name: "the whole of Kubernetes' safe set",
        code: composeService(
          [
            'sysctls:',
            '  kernel.shm_rmid_forced: 1',
            '  net.ipv4.ip_local_port_range: "1024 65535"',
            '  net.ipv4.ip_unprivileged_port_start: 80',
            '  net.ipv4.tcp_syncookies: 1',
            '  net.ipv4.ping_group_range: "0 2147483647"',
            '  net.ipv4.ip_local_reserved_ports: "30000-32767"',
            '  net.ipv4.tcp_keepalive_time: 600',
            '  net.ipv4.tcp_fin_timeout: 30',
            '  net.ipv4.tcp_keepalive_intvl: 60',
            '  net.ipv4.tcp_keepalive_probes: 5',
          ].join('\n'),
        ),
      },
    ],
    reject: [
      {
        name: 'kernel.shmmax',
        code: composeService('sysctls:\n  kernel.shmmax: 68719476736'),
        lines: [5],
        messageIncludes: 'service "app" in compose.yaml sets the unsafe sysctl kernel.shmmax',
        severity: 'medium',
      },
      {
        name: 'a namespaced net.* outside the safe set',
        code: composeService('sysctls:\n  net.core.somaxconn: 1024'),
        lines: [5],
      },
      { name: 'ip forwarding', code: composeService('sysctls:\n  net.ipv4.ip_forward: 1'), lines: [5] },
      { name: 'list form', code: composeService('sysctls:\n  - kernel.msgmax=65536'), lines: [5] },
      { name: 'fs.mqueue', code: composeService('sysctls:\n  - fs.mqueue.msg_max=100'), lines: [5] },
      {
        name: 'only the unsafe entries',
        code: composeService(
          'sysctls:\n  net.ipv4.tcp_syncookies: 1\n  kernel.sem: "250 32000 100 128"\n  net.ipv4.tcp_fin_timeout: 30\n  net.ipv6.conf.all.disable_ipv6: 1',
        ),
        lines: [6, 8],
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'no sysctls', code: k8sDeployment('') },
      { name: 'a safe one', code: k8sSysctls('- name: net.ipv4.ip_local_port_range\n  value: "1024 65535"') },
      {
        name: 'the sysctls added in Kubernetes 1.27 and 1.29',
        code: k8sSysctls(
          '- name: net.ipv4.ip_local_reserved_ports\n  value: "30000"\n- name: net.ipv4.tcp_keepalive_probes\n  value: "5"',
        ),
      },
    ],
    reject: [
      {
        name: 'kernel.msgmax, at its item',
        code: k8sSysctls('- name: kernel.msgmax\n  value: "65536"'),
        lines: [14],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml sets the unsafe sysctl kernel.msgmax',
      },
      {
        name: 'only the unsafe items',
        code: k8sSysctls(
          '- name: net.ipv4.tcp_syncookies\n  value: "1"\n- name: net.core.somaxconn\n  value: "1024"',
        ),
        lines: [16],
      },
    ],
  },
});
