import { composeService, testRule } from '../../../test/rule-tester.js';
import rule from './port-all-interfaces.js';

testRule(rule, {
  compose: {
    accept: [
      { name: 'no ports', code: composeService('') },
      { name: 'loopback', code: composeService('ports:\n  - "127.0.0.1:8080:80"') },
      { name: 'IPv6 loopback', code: composeService('ports:\n  - "[::1]:8080:80"') },
      { name: 'a specific address', code: composeService('ports:\n  - "192.168.1.10:443:443"') },
      { name: 'loopback with an ephemeral host port', code: composeService('ports:\n  - "127.0.0.1::80"') },
      {
        name: 'long syntax with host_ip',
        code: composeService('ports:\n  - target: 80\n    published: 8080\n    host_ip: 127.0.0.1'),
      },
      { name: 'expose only (not published on the host)', code: composeService('expose:\n  - "80"') },
    ],
    reject: [
      {
        name: 'host and container port, no address',
        code: composeService('ports:\n  - "8080:80"'),
        lines: [5],
        messageIncludes:
          'service "app" in compose.yaml publishes host port 8080 (→ 80/tcp) on every interface',
        severity: 'medium',
      },
      {
        name: 'the firewall note',
        code: composeService('ports:\n  - "8080:80"'),
        lines: [5],
        messageIncludes: "Docker's iptables rules bypass host firewalls such as UFW",
      },
      {
        name: 'container port only: an ephemeral host port on every interface',
        code: composeService('ports:\n  - "80"'),
        lines: [5],
        messageIncludes: 'publishes an ephemeral host port (→ 80/tcp)',
      },
      { name: 'explicit 0.0.0.0', code: composeService('ports:\n  - "0.0.0.0:8080:80"'), lines: [5] },
      { name: 'explicit [::]', code: composeService('ports:\n  - "[::]:8080:80"'), lines: [5] },
      {
        name: 'a UDP port',
        code: composeService('ports:\n  - "53:53/udp"'),
        lines: [5],
        messageIncludes: '53/udp',
      },
      { name: 'a range', code: composeService('ports:\n  - "8000-8010:8000-8010"'), lines: [5] },
      {
        name: 'long syntax without host_ip',
        code: composeService('ports:\n  - target: 80\n    published: 8080'),
        lines: [5],
      },
      {
        name: 'long syntax with host_ip 0.0.0.0',
        code: composeService('ports:\n  - target: 80\n    published: "8080"\n    host_ip: 0.0.0.0'),
        lines: [5],
      },
      {
        name: 'only the unbound items, each at its line',
        code: composeService(
          'ports:\n  - "127.0.0.1:8080:80"\n  - "9090:90"\n  - "[::1]:9443:443"\n  - "0.0.0.0:5353:53/udp"',
        ),
        lines: [6, 8],
      },
      { name: 'a flow sequence', code: composeService('ports: ["8080:80", "127.0.0.1:1:1"]'), lines: [4] },
      {
        name: 'inherited through extends',
        code: 'services:\n  base:\n    image: x:1\n    ports:\n      - "8080:80"\n  app:\n    extends: base\n',
        lines: [5],
        messageIncludes: 'also applies to service "app"',
      },
    ],
  },
});
