// D07: a container that is restarted forever, however often it fails.
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

const UNBOUNDED = new Set(['always', 'unless-stopped']);

export default defineRule({
  id: 'D07.restart-unbounded',
  title: 'Restart policy without a limit',
  category: 'D07',
  severity: 'low',
  subject: 'workload',
  targets: ['compose', 'docker-run', 'engine'],
  threats: [6],
  cis: ['5.15'],
  related: {},
  rationale:
    'With `always` or `unless-stopped` Docker restarts a failing container without end: a crash loop (or an attacker who can crash it at will) keeps the host busy starting it, fills the logs, and hides the failure instead of surfacing it. `on-failure` with a maximum number of attempts restarts a service that fell over but gives up on one that cannot start. Kubernetes pods are not judged: the kubelet backs off crash loops by itself.',
  remediation:
    'Bound the retries:\n  compose:    restart: on-failure:5  (or deploy: { restart_policy: { condition: on-failure, max_attempts: 5 } })\n  docker run: --restart on-failure:5',
  references: ['https://docs.docker.com/engine/containers/start-containers-automatically/'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:5\n',
    },
  ],
  check(workload) {
    const restart = workload.restart;
    if (workload.origin === 'kubernetes' || !restart) return [];
    const policy = restart.value.trim().toLowerCase();
    if (!UNBOUNDED.has(policy)) return [];
    return [
      {
        message: `${who(workload)} is restarted without limit (restart policy ${policy})`,
        location: restart.at,
        evidence: `restart: ${policy}`,
      },
    ];
  },
});
