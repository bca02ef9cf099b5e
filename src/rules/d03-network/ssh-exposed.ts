// D03: the container publishes SSH: a remote login into a container, beside the engine's own exec.
import { defineRule } from '../../core/rule.js';
import { formatPort, inRange, portRange } from '../shared/published-ports.js';
import { who } from '../shared/workload.js';

const SSH_PORT = 22;

export default defineRule({
  id: 'D03.ssh-exposed',
  title: 'SSH exposed',
  category: 'D03',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [2, 5],
  cis: ['5.7'],
  related: {},
  rationale:
    'An SSH server in a container is one more daemon with credentials to steal, keys to rotate and patches to apply, reachable from the network. Containers are entered with `docker exec` or `kubectl exec`, which go through the engine or API server and their authorization and audit; an sshd bypasses both.',
  remediation:
    'Remove sshd from the image and the port 22 mapping; use `docker exec` / `kubectl exec` to get a shell:\n  compose:    delete "2222:22" from ports\n  Kubernetes: remove the hostPort for containerPort 22\n  docker run: drop -p 2222:22',
  references: ['https://docs.docker.com/reference/cli/docker/container/exec/'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  box:\n    image: registry.example.com/box:1.0\n    ports:\n      - "127.0.0.1:2222:22"\n',
      good: 'services:\n  box:\n    image: registry.example.com/box:1.0\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n  containers:\n    - name: box\n      image: registry.example.com/box:1.0\n      ports:\n        - containerPort: 22\n          hostPort: 2222\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n  containers:\n    - name: box\n      image: registry.example.com/box:1.0\n',
    },
  ],
  check(workload) {
    return workload.ports.flatMap((port) => {
      if (port.protocol !== 'tcp' || !inRange(portRange(port.containerPort), SSH_PORT)) return [];
      return [
        {
          message: `${who(workload)} publishes the SSH port (container port ${port.containerPort}${port.hostPort === undefined ? '' : ` on host port ${port.hostPort}`})`,
          location: port.at,
          evidence: formatPort(port),
        },
      ];
    });
  },
});
