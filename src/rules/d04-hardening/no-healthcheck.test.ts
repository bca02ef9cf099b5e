import { composeService, dockerRun, testRule } from '../../../test/rule-tester.js';
import rule from './no-healthcheck.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: "not set: the image's HEALTHCHECK applies", code: dockerRun('') },
      { name: 'a check', code: dockerRun('--health-cmd "curl -f http://localhost/" --health-interval 30s') },
      { name: 'only timings', code: dockerRun('--health-interval 10s') },
      { name: '--no-healthcheck=false', code: dockerRun('--no-healthcheck=false') },
    ],
    reject: [
      {
        name: '--no-healthcheck',
        code: dockerRun('--no-healthcheck'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh disables its health check',
        severity: 'low',
      },
      { name: '--no-healthcheck=true', code: dockerRun('--no-healthcheck=true'), lines: [1] },
      { name: 'on a continuation line', code: dockerRun('-d \\\n  --no-healthcheck'), lines: [2] },
    ],
  },
  compose: {
    accept: [
      { name: "not set: the image's HEALTHCHECK applies", code: composeService('') },
      {
        name: 'a check',
        code: composeService(
          'healthcheck:\n  test: ["CMD", "curl", "-f", "http://localhost/"]\n  interval: 30s',
        ),
      },
      {
        name: 'a shell check',
        code: composeService('healthcheck:\n  test: curl -f http://localhost/ || exit 1'),
      },
      {
        name: 'disable: false',
        code: composeService('healthcheck:\n  disable: false\n  test: ["CMD", "true"]'),
      },
      { name: 'only timings, keeping the image test', code: composeService('healthcheck:\n  interval: 10s') },
    ],
    reject: [
      {
        name: 'disable: true',
        code: composeService('healthcheck:\n  disable: true'),
        lines: [4],
        messageIncludes: 'service "app" in compose.yaml disables its health check',
        severity: 'low',
      },
      {
        name: 'test: ["NONE"]',
        code: composeService('healthcheck:\n  test: ["NONE"]'),
        lines: [4],
        messageIncludes: 'disables its health check (test: NONE)',
      },
      { name: 'test: NONE as a string', code: composeService('healthcheck:\n  test: NONE'), lines: [4] },
      {
        name: 'inherited through extends',
        code: 'services:\n  base:\n    image: x:1\n    healthcheck:\n      disable: true\n  app:\n    extends: base\n',
        lines: [4],
        messageIncludes: 'also applies to service "app"',
      },
    ],
  },
});
