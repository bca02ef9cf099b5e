// D03: containers on a network nobody designed: Docker's default bridge, or the one network compose
// puts every service of a project on when none is named.
import type { Violation } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import type { Workload } from '../../subjects/workload.js';
import { onComposeDefaultNetwork } from '../shared/deployment.js';
import { who } from '../shared/workload.js';

/** Docker's default bridge (`docker0`): what `docker run` uses and `network_mode: bridge` asks for. */
function onDefaultBridge(workload: Workload): boolean {
  const mode = workload.networkMode?.value.trim().toLowerCase();
  return mode === 'bridge' || mode === 'default' || workload.networks.some((n) => n.value === 'bridge');
}

export default defineRule({
  id: 'D03.default-network',
  title: 'Containers on the default network',
  category: 'D03',
  severity: 'low',
  subject: 'deployment',
  targets: ['compose', 'engine'],
  threats: [2],
  cis: ['5.30'],
  related: {},
  rationale:
    "Docker's default bridge lets every container on the host talk to every other (unless the daemon sets icc: false) and gives no name resolution, so it invites links and wide-open ports. Compose does better, a bridge per project, but when no service names a network they all share that one `default` network: the web front end can reach the database directly. Networks named after what may talk to what keep a compromised service from reaching the rest.",
  remediation:
    'Put each service on the user-defined networks it needs, and only those:\n  compose:    networks: { frontend: {}, backend: {} } at the top level; web: networks: [frontend]; api: networks: [frontend, backend]; db: networks: [backend]\n  docker run: docker network create app-net; docker run --network app-net …',
  references: [
    'https://docs.docker.com/compose/how-tos/networking/',
    'https://docs.docker.com/engine/network/drivers/bridge/#differences-between-user-defined-bridges-and-the-default-bridge',
  ],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:17\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    networks: [frontend, backend]\n  db:\n    image: postgres:17\n    networks: [backend]\nnetworks:\n  frontend: {}\n  backend: {}\n',
    },
  ],
  check(deployment) {
    const violations: Violation[] = [];
    for (const workload of deployment.workloads) {
      if (!onDefaultBridge(workload)) continue;
      const bridge = workload.networkMode ?? workload.networks.find((n) => n.value === 'bridge');
      violations.push({
        message: `${who(workload)} is on Docker's default bridge network, shared with every container on the host that names no network`,
        location: bridge?.at ?? workload.at,
        evidence: 'network: bridge',
      });
    }
    const shared = deployment.workloads.filter(onComposeDefaultNetwork);
    // One service alone on the project's default network shares it with nobody.
    if (shared.length < 2) return violations;
    for (const workload of shared) {
      const others = shared.filter((w) => w !== workload).map((w) => w.label);
      const named = workload.networks.find((n) => n.value === 'default');
      violations.push({
        message: `${who(workload)} names no network and shares the project's default network with ${others.length === 1 ? others[0] : `${others.length} other services (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''})`}`,
        location: named?.at ?? workload.at,
        evidence: 'network: default',
      });
    }
    return violations;
  },
});
