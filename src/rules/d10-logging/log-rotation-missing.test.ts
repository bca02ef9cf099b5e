import { composeService, dockerRun, testRule } from '../../../test/rule-tester.js';
import rule from './log-rotation-missing.js';

const logging = (lines: string): string => composeService(`logging:\n${lines.replace(/^/gm, '  ')}`);

testRule(rule, {
  'docker-run': {
    accept: [
      { name: "not set: the daemon's driver and options", code: dockerRun('') },
      {
        name: 'json-file with max-size and max-file',
        code: dockerRun('--log-driver json-file --log-opt max-size=10m --log-opt max-file=3'),
      },
      { name: 'local rotates by default', code: dockerRun('--log-driver local') },
      { name: 'a remote driver', code: dockerRun('--log-driver=fluentd') },
      { name: 'options without a driver', code: dockerRun('--log-opt max-size=10m') },
      { name: 'logging off (D10.logging-disabled)', code: dockerRun('--log-driver none') },
    ],
    reject: [
      {
        name: 'json-file without options',
        code: dockerRun('--log-driver json-file'),
        lines: [1],
        messageIncludes:
          'container "app" in run.sh logs with the json-file driver and no max-size: the log file grows without bound',
        severity: 'medium',
      },
      {
        name: 'json-file with max-file only, at the driver flag',
        code: dockerRun('--log-opt max-file=3 \\\n  --log-driver=json-file'),
        lines: [2],
      },
      {
        name: 'local with max-size -1',
        code: dockerRun('--log-driver local --log-opt max-size=-1'),
        lines: [1],
        messageIncludes: 'max-size -1, which turns rotation off',
      },
    ],
  },
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
