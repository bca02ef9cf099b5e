// D03: the userland proxy runs a docker-proxy process per published port; iptables NAT does the same job.
import { defineRule } from '../../core/rule.js';
import { effective, notSet } from '../shared/engine.js';

export default defineRule({
  id: 'D03.userland-proxy',
  title: 'Userland proxy is on',
  category: 'D03',
  severity: 'low',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [4],
  cis: ['2.16'],
  related: { 'docker-bench-security': ['2.16'] },
  rationale:
    "With the userland proxy on (the default), every published port gets a `docker-proxy` process running as root on the host, listening beside the kernel's NAT rules: more code on the network path and more root processes to attack, for traffic the kernel can forward by itself. Traffic through the proxy also reaches the container from the proxy's address, hiding the real client from its logs.",
  remediation:
    'Turn the userland proxy off and let iptables (hairpin NAT) forward published ports:\n  {\n    "userland-proxy": false\n  }\nOld kernels without hairpin NAT need it for a container to reach its own published port through the host.',
  references: ['https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-proxy'],
  examples: [
    { target: 'daemon', bad: '{\n  "userland-proxy": true\n}\n', good: '{\n  "userland-proxy": false\n}\n' },
  ],
  check(config) {
    const proxy = effective(config, config.userlandProxy, true);
    if (!proxy || !proxy.value) return [];
    return [
      {
        message: `${proxy.explicit ? 'userland-proxy is true' : notSet('userland-proxy', 'true')}: a root docker-proxy process listens for every published port`,
        location: proxy.at,
        ...(proxy.explicit ? { evidence: 'userland-proxy: true' } : {}),
      },
    ];
  },
});
