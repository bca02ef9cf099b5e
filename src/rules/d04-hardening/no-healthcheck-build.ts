// D04: the image declares no HEALTHCHECK (or `HEALTHCHECK NONE`): the engine cannot tell a hung
// application from a working one. Judged on the final stage and the stages it is built FROM, and on a built
// image's `Config.Healthcheck`.
import { defineRule } from '../../core/rule.js';
import { imageAt } from '../../subjects/image-spec.js';
import { finalImageStages } from '../shared/build.js';
import { imageWho } from '../shared/image.js';

export default defineRule({
  id: 'D04.no-healthcheck',
  title: 'No health check',
  category: 'D04',
  severity: 'low',
  subject: 'build',
  targets: ['dockerfile', 'image'],
  threats: [6],
  cis: ['4.6'],
  related: { trivy: ['DS-0026'], checkov: ['CKV_DOCKER_2'] },
  rationale:
    'Without a health check a container is "running" as long as its process exists: a deadlocked or half-broken application keeps receiving traffic and is never restarted, and compose `depends_on: condition: service_healthy` and Swarm rolling updates cannot wait for it. Kubernetes ignores HEALTHCHECK and uses probes, which is why this is low.',
  remediation:
    'Declare how to check the application in the final stage, with a tool the image has:\n  HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \\\n    CMD ["wget", "-q", "--spider", "http://127.0.0.1:8080/healthz"]\nFor images without a shell or HTTP client, ship a small health binary (`CMD ["/app", "healthcheck"]`). On Kubernetes, define liveness and readiness probes.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#healthcheck',
    'https://avd.aquasec.com/misconfig/ds026',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM nginx:1.29-alpine\nCOPY site/ /usr/share/nginx/html/\n',
      good: 'FROM nginx:1.29-alpine\nCOPY site/ /usr/share/nginx/html/\nHEALTHCHECK --interval=30s --timeout=3s CMD ["wget", "-q", "--spider", "http://127.0.0.1/"]\n',
    },
    {
      target: 'image',
      bad: 'config:\n  Cmd: [nginx, -g, daemon off;]\n',
      good: 'config:\n  Cmd: [nginx, -g, daemon off;]\n  Healthcheck: { Test: [CMD, wget, -q, --spider, "http://127.0.0.1/"], Interval: 30000000000 }\n',
    },
  ],
  checkImage(image) {
    const healthcheck = image.healthcheck;
    if (healthcheck?.value.disabled === false) return [];
    if (healthcheck !== undefined)
      return [
        {
          message: `${imageWho(image)} disables its health check (Healthcheck NONE)`,
          location: healthcheck.at,
          evidence: `Healthcheck.Test: ${JSON.stringify(healthcheck.value.test)}`,
        },
      ];
    return [
      {
        message: `${imageWho(image)} declares no health check: the engine cannot tell a hung application from a working one`,
        location: imageAt(image, 'config', 'Config.Healthcheck'),
        evidence: 'Healthcheck: none',
      },
    ];
  },
  check(spec) {
    const chain = finalImageStages(spec);
    const final = chain[chain.length - 1];
    if (!final) return [];
    // The last HEALTHCHECK along the chain is the one the image keeps.
    const declared = [...chain].reverse().find((stage) => stage.healthcheck !== undefined)?.healthcheck;
    if (declared?.disabled === false) return [];
    if (declared?.disabled)
      return [
        {
          message: `the image built by ${spec.path} disables its health check (HEALTHCHECK NONE)`,
          location: declared.at,
          evidence: 'HEALTHCHECK NONE',
        },
      ];
    const base = chain[0]!;
    const inherited =
      base.base.kind === 'image' ? ` unless its base image ${base.base.image.raw} defines one` : '';
    return [
      {
        message: `the final stage of ${spec.path} declares no HEALTHCHECK${inherited}: the engine cannot tell a hung application from a working one`,
        location: final.from.at,
        evidence: `FROM ${final.from.value}`,
      },
    ];
  },
});
