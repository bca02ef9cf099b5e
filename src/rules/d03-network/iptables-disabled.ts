// D03: with iptables off, Docker no longer writes the firewall rules that isolate its networks.
import { defineRule } from '../../core/rule.js';

export default defineRule({
  id: 'D03.iptables-disabled',
  title: 'Docker may not manage iptables',
  category: 'D03',
  severity: 'medium',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [2, 4, 5],
  cis: ['2.4'],
  related: { 'docker-bench-security': ['2.4'] },
  rationale:
    'Docker writes the iptables rules that isolate its networks from each other, enforce `icc: false` and publish only the ports asked for. With `iptables: false` none of that happens: networks are not isolated, and whatever rules an administrator keeps by hand drift from the containers that actually run.',
  remediation:
    'Let Docker manage iptables (the default) and add your own rules to the DOCKER-USER chain:\n  {\n    "iptables": true\n  }',
  references: ['https://docs.docker.com/engine/network/packet-filtering-firewalls/'],
  examples: [{ target: 'daemon', bad: '{\n  "iptables": false\n}\n', good: '{\n  "iptables": true\n}\n' }],
  check(config) {
    const iptables = config.iptables;
    if (iptables?.value !== false) return [];
    return [
      {
        message:
          'iptables is false: Docker does not isolate its networks or enforce icc, and firewall rules are kept by hand',
        location: iptables.at,
        evidence: 'iptables: false',
      },
    ];
  },
});
