// D04: the deployment turns the image's health check off: a hung service is never noticed or restarted.
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D04.no-healthcheck',
  title: 'No health check',
  category: 'D04',
  severity: 'low',
  subject: 'workload',
  targets: ['compose', 'docker-run', 'engine'],
  threats: [6],
  cis: ['4.6'],
  related: {},
  rationale:
    "A health check lets the engine (and an orchestrator or `depends_on: condition: service_healthy`) tell a running but hung or degraded service from a healthy one, so it can be restarted or taken out of rotation instead of failing silently, for instance while it is being starved of resources. A deployment that says nothing keeps the image's HEALTHCHECK, so only turning it off is reported here; an image without one is reported on its Dockerfile. Kubernetes ignores HEALTHCHECK and uses probes instead.",
  remediation:
    'Remove the override, or define a check:\n  compose:    healthcheck: { test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"], interval: 30s, retries: 3 }\n  docker run: drop --no-healthcheck, or --health-cmd "wget -qO- http://localhost:8080/health"',
  references: ['https://docs.docker.com/reference/compose-file/services/#healthcheck'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: true\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n      interval: 30s\n',
    },
  ],
  check(workload) {
    const healthcheck = workload.healthcheck;
    if (!healthcheck?.disabled) return [];
    return [
      {
        message: `${who(workload)} disables its health check${healthcheck.test ? ` (test: ${healthcheck.test})` : ''}`,
        location: healthcheck.at,
        evidence: healthcheck.test ?? 'disable: true',
      },
    ];
  },
});
