// D07: without a PIDs limit a fork bomb in one container exhausts the host's process table.
import { missingLimitRule } from '../shared/missing-limit.js';

export default missingLimitRule({
  id: 'D07.no-pids-limit',
  title: 'No PIDs limit',
  resource: 'PIDs',
  limit: (workload) => workload.resources.pidsLimit,
  // Kubernetes sets PIDs limits per node (kubelet podPidsLimit), not in the manifest.
  applies: (workload) => workload.pidsLimitConfigurable,
  severity: 'medium',
  targets: ['compose', 'docker-run', 'engine'],
  cis: ['5.29'],
  related: {},
  rationale:
    'Processes are a host-wide resource: a fork bomb in one container without a PIDs limit leaves no process slots for the host or any other container.',
  remediation:
    'Set a PIDs limit:\n  compose:    pids_limit: 200  (or deploy.resources.limits.pids: 200)\n  docker run: --pids-limit 200',
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: -1\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: 200\n',
    },
  ],
});
