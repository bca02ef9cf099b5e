import { composeService, dockerRun, testRule } from '../../../test/rule-tester.js';
import rule from './port-all-interfaces.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no ports', code: dockerRun('') },
      { name: 'loopback', code: dockerRun('-p 127.0.0.1:8080:80') },
      { name: 'IPv6 loopback', code: dockerRun('--publish [::1]:8080:80') },
      { name: 'loopback with an ephemeral host port', code: dockerRun('-p 127.0.0.1::80') },
      { name: 'exposed only', code: dockerRun('--expose 80') },
      { name: '--publish-all=false', code: dockerRun('--publish-all=false') },
    ],
    reject: [
      {
        name: '-p 8080:80',
        code: dockerRun('-p 8080:80'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh publishes host port 8080 (→ 80/tcp) on every interface',
        severity: 'medium',
      },
      {
        name: 'container port only',
        code: dockerRun('-p 80'),
        lines: [1],
        messageIncludes: 'publishes an ephemeral host port (→ 80/tcp)',
      },
      { name: 'explicit 0.0.0.0, UDP', code: dockerRun('--publish=0.0.0.0:53:53/udp'), lines: [1] },
      {
        name: '-P',
        code: dockerRun('-P'),
        lines: [1],
        messageIncludes: 'publishes every port its image exposes (-P)',
      },
      {
        name: 'only the unbound ones, each on its line',
        code: dockerRun('\\\n  -p 127.0.0.1:8080:80 \\\n  -p 9090:90 \\\n  -p 8443:443'),
        lines: [3, 4],
      },
    ],
  },
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
