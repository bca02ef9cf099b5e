// D03: a published port listens on every interface of the host, not only the one it is meant for.
import { defineRule, type Violation } from '../../core/rule.js';
import type { PublishedPort } from '../../subjects/workload.js';
import { formatPort } from '../shared/published-ports.js';
import { who } from '../shared/workload.js';

/** No address, `0.0.0.0` or `::` (however bracketed or zero-padded): every interface. */
function bindsAllInterfaces(port: PublishedPort): boolean {
  if (port.hostIp === undefined) return true;
  const address = port.hostIp.trim().replace(/^\[|\]$/g, '');
  return address === '' || /^0+(\.0+){3}$/.test(address) || /^[0:]*::?[0:]*$/.test(address);
}

export default defineRule({
  id: 'D03.port-all-interfaces',
  title: 'Port published on all host interfaces',
  category: 'D03',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'docker-run', 'engine'],
  threats: [2, 4, 5],
  cis: ['5.14'],
  related: {},
  rationale:
    'A port published without a host address listens on every interface of the host, public ones included. Docker writes its own iptables rules for published ports, ahead of the host firewall\'s: a port that UFW or firewalld "blocks" is still reachable from outside. Binding to the one interface the service is meant for (often 127.0.0.1 behind a reverse proxy) is the only reliable limit.',
  remediation:
    'Publish on a specific host address:\n  compose:    ports: ["127.0.0.1:8080:80"]  (or host_ip: 127.0.0.1 in the long syntax)\n  docker run: -p 127.0.0.1:8080:80 (not -P)\n  or set "ip": "127.0.0.1" in daemon.json to change the default binding address',
  references: [
    'https://docs.docker.com/engine/network/port-publishing/',
    'https://docs.docker.com/engine/network/packet-filtering-firewalls/',
  ],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n',
    },
  ],
  check(workload) {
    // A Kubernetes hostPort is reported by D03.host-port, whatever address it binds.
    if (workload.origin === 'kubernetes') return [];
    const violations: Violation[] = [];
    if (workload.publishAll?.value === true)
      violations.push({
        message: `${who(workload)} publishes every port its image exposes (-P), each on an ephemeral port of every interface; Docker's iptables rules bypass host firewalls such as UFW`,
        location: workload.publishAll.at,
        evidence: '--publish-all',
      });
    const ports = workload.ports.filter(bindsAllInterfaces).map((port) => ({
      message: `${who(workload)} publishes ${port.hostPort === undefined ? 'an ephemeral host port' : `host port ${port.hostPort}`} (→ ${port.containerPort}/${port.protocol}) on every interface; Docker's iptables rules bypass host firewalls such as UFW`,
      location: port.at,
      evidence: formatPort(port),
    }));
    return [...violations, ...ports];
  },
});
