import { composeService, dockerRun, testRule } from '../../../test/rule-tester.js';
import rule from './logging-disabled.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: "not set: the daemon's driver", code: dockerRun('') },
      { name: 'local', code: dockerRun('--log-driver local') },
      {
        name: 'syslog',
        code: dockerRun('--log-driver syslog --log-opt syslog-address=udp://logs.example.com:514'),
      },
      { name: 'options only', code: dockerRun('--log-opt max-size=10m') },
    ],
    reject: [
      {
        name: '--log-driver none',
        code: dockerRun('--log-driver none'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh discards its logs (logging driver none)',
        severity: 'medium',
      },
      { name: '--log-driver=none', code: dockerRun('--log-driver=none'), lines: [1] },
      { name: 'on a continuation line', code: dockerRun('-d \\\n  --log-driver none'), lines: [2] },
    ],
  },
  compose: {
    accept: [
      { name: "not set: the daemon's driver", code: composeService('') },
      { name: 'local', code: composeService('logging:\n  driver: local') },
      {
        name: 'syslog',
        code: composeService(
          'logging:\n  driver: syslog\n  options:\n    syslog-address: "udp://logs.example.com:514"',
        ),
      },
      { name: 'options only', code: composeService('logging:\n  options:\n    max-size: 10m') },
    ],
    reject: [
      {
        name: 'none',
        code: composeService('logging:\n  driver: none'),
        lines: [5],
        messageIncludes: 'service "app" in compose.yaml discards its logs (logging driver none)',
        severity: 'medium',
      },
      { name: 'quoted, upper case', code: composeService('logging:\n  driver: "None"'), lines: [5] },
      {
        name: 'inherited through extends',
        code: 'services:\n  base:\n    image: x:1\n    logging:\n      driver: none\n  app:\n    extends: base\n',
        lines: [5],
        messageIncludes: 'also applies to service "app"',
      },
    ],
  },
});
