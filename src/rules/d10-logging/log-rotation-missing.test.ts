import { composeService, testRule } from '../../../test/rule-tester.js';
import rule from './log-rotation-missing.js';

const logging = (lines: string): string => composeService(`logging:\n${lines.replace(/^/gm, '  ')}`);

testRule(rule, {
  compose: {
    accept: [
      { name: "not set: the daemon's driver and options (judged in daemon.json)", code: composeService('') },
      {
        name: 'json-file with max-size and max-file',
        code: logging('driver: json-file\noptions:\n  max-size: 10m\n  max-file: "3"'),
      },
      {
        name: 'json-file with max-size (one file kept)',
        code: logging('driver: json-file\noptions:\n  max-size: 50m'),
      },
      { name: 'local rotates by default', code: logging('driver: local') },
      { name: 'local with its own size', code: logging('driver: local\noptions:\n  max-size: 20m') },
      { name: 'a remote driver', code: logging('driver: fluentd') },
      { name: 'options without a driver', code: logging('options:\n  tag: web') },
      { name: 'logging off (D10.logging-disabled)', code: logging('driver: none') },
      { name: 'list-form options', code: logging('driver: json-file\noptions:\n  - max-size=10m') },
    ],
    reject: [
      {
        name: 'json-file without options',
        code: logging('driver: json-file'),
        lines: [5],
        messageIncludes:
          'service "app" in compose.yaml logs with the json-file driver and no max-size: the log file grows without bound',
        severity: 'medium',
      },
      {
        name: 'json-file with max-file only',
        code: logging('driver: json-file\noptions:\n  max-file: "3"'),
        lines: [5],
      },
      {
        name: 'json-file with max-size -1',
        code: logging('driver: json-file\noptions:\n  max-size: "-1"'),
        lines: [5],
        messageIncludes: 'max-size -1, which turns rotation off',
      },
      {
        name: 'local with max-size -1',
        code: logging('driver: local\noptions:\n  max-size: "-1"'),
        lines: [5],
      },
    ],
  },
});
