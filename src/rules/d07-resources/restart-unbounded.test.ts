import { composeService, dockerRun, testRule } from '../../../test/rule-tester.js';
import rule from './restart-unbounded.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'not set (no restart)', code: dockerRun('') },
      { name: 'no', code: dockerRun('--restart no') },
      { name: 'on-failure with a maximum', code: dockerRun('--restart on-failure:5') },
      { name: 'on-failure', code: dockerRun('--restart=on-failure') },
    ],
    reject: [
      {
        name: '--restart always',
        code: dockerRun('--restart always'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh is restarted without limit (restart policy always)',
        severity: 'low',
      },
      {
        name: '--restart=unless-stopped',
        code: dockerRun('--restart=unless-stopped'),
        lines: [1],
        messageIncludes: 'unless-stopped',
      },
      { name: 'on a continuation line', code: dockerRun('-d \\\n  --restart always'), lines: [2] },
    ],
  },
  compose: {
    accept: [
      { name: 'not set (no restart)', code: composeService('') },
      { name: 'no', code: composeService('restart: "no"') },
      { name: 'on-failure with a maximum', code: composeService('restart: on-failure:5') },
      { name: 'on-failure', code: composeService('restart: on-failure') },
      {
        name: 'deploy.restart_policy with max_attempts',
        code: composeService('deploy:\n  restart_policy:\n    condition: any\n    max_attempts: 3'),
      },
      {
        name: 'deploy.restart_policy none',
        code: composeService('deploy:\n  restart_policy:\n    condition: none'),
      },
    ],
    reject: [
      {
        name: 'always',
        code: composeService('restart: always'),
        lines: [4],
        messageIncludes: 'service "app" in compose.yaml is restarted without limit (restart policy always)',
        severity: 'low',
      },
      {
        name: 'unless-stopped',
        code: composeService('restart: unless-stopped'),
        lines: [4],
        messageIncludes: 'unless-stopped',
      },
      { name: 'upper case', code: composeService('restart: Always'), lines: [4] },
      {
        name: 'deploy.restart_policy any without max_attempts',
        code: composeService('deploy:\n  restart_policy:\n    condition: any\n    delay: 5s'),
        lines: [6],
        messageIncludes: 'restart policy always',
      },
      {
        name: 'inherited through extends',
        code: 'services:\n  base:\n    image: x:1\n    restart: always\n  app:\n    extends: base\n',
        lines: [4],
        messageIncludes: 'also applies to service "app"',
      },
    ],
  },
});
