// D03: a host port below 1024 is mapped: ports the host reserves for its own system services.
import { defineRule } from '../../core/rule.js';
import { formatPort, portRange } from '../shared/published-ports.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D03.privileged-port',
  title: 'Privileged host port mapped',
  category: 'D03',
  severity: 'low',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [4],
  cis: ['5.8'],
  related: { trivy: ['KSV-0117'] },
  rationale:
    'Ports below 1024 are where the host runs SSH, DNS, mail and web servers; only root may bind them. A container mapped onto one takes the place of a system service, or collides with it, and the mapping hides that the container needs root-level network access on the host.',
  remediation:
    'Map a host port of 1024 or above, and let a load balancer or reverse proxy own 80/443:\n  compose:    ports: ["127.0.0.1:8080:80"]\n  Kubernetes: drop hostPort and expose the pod through a Service\n  docker run: -p 127.0.0.1:8080:80',
  references: ['https://docs.docker.com/engine/network/port-publishing/'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:80:8080"\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:8080"\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n          hostPort: 443\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n',
    },
  ],
  check(workload) {
    return workload.ports.flatMap((port) => {
      const range = portRange(port.hostPort);
      // Port 0 asks the engine for an ephemeral port: not a privileged one.
      if (!range || range.from === 0 || range.from >= 1024) return [];
      return [
        {
          message: `${who(workload)} maps privileged host port ${port.hostPort} (below 1024) to ${port.containerPort}/${port.protocol}`,
          location: port.at,
          evidence: formatPort(port),
        },
      ];
    });
  },
});
