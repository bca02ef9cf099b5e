// D10: the daemon's log level decides which events are kept; `info` is the level that records them.
import { defineRule, type Violation } from '../../core/rule.js';

export default defineRule({
  id: 'D10.daemon-log-level',
  title: 'Daemon log level is not info',
  category: 'D10',
  severity: 'low',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [3, 7],
  cis: ['2.3'],
  related: { 'docker-bench-security': ['2.3'] },
  rationale:
    'At `info` the daemon logs what an investigation needs (containers started and stopped, API errors, plugin events) without more. `warn`, `error` and `fatal` drop those events; `debug` (or `debug: true`) logs every API request in detail, which floods the log, hides what matters and can record sensitive request data.',
  remediation:
    'Log at info level (the default), and leave debug off outside troubleshooting:\n  {\n    "log-level": "info",\n    "debug": false\n  }',
  references: ['https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file'],
  examples: [
    { target: 'daemon', bad: '{\n  "log-level": "debug"\n}\n', good: '{\n  "log-level": "info"\n}\n' },
  ],
  check(config) {
    const violations: Violation[] = [];
    const level = config.logLevel;
    const name = level?.value.trim().toLowerCase();
    if (level && name !== undefined && name !== 'info') {
      const why =
        name === 'debug' || name === 'trace'
          ? 'every API request is logged in detail, flooding the log and possibly recording sensitive data'
          : 'info events such as containers starting and stopping are not logged';
      violations.push({
        message: `log-level is "${level.value}": ${why}`,
        location: level.at,
        evidence: `log-level: ${level.value}`,
      });
    }
    if (config.debug?.value === true)
      violations.push({
        message: 'debug is true: the daemon logs at debug level, every API request in detail',
        location: config.debug.at,
        evidence: 'debug: true',
      });
    return violations;
  },
});
