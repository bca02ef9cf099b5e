import { composeService, testRule } from '../../../test/rule-tester.js';
import rule from './logging-disabled.js';

testRule(rule, {
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
