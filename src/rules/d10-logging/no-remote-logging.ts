// D10: logs kept only on the host are lost with it, and can be altered by whoever takes it over.
import { defineRule } from '../../core/rule.js';
import { effective, notSet } from '../shared/engine.js';

const LOCAL_DRIVERS = new Set(['json-file', 'local', 'none']);

export default defineRule({
  id: 'D10.no-remote-logging',
  title: 'Container logs are not sent off the host',
  category: 'D10',
  severity: 'info',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [7],
  cis: ['2.13'],
  related: { 'docker-bench-security': ['2.13'] },
  rationale:
    "With a local log driver (json-file, the default, or local) container logs stay on the host: they are lost with it, and an attacker who gets root on it can edit them. A central log store keeps them out of reach and puts every host's events on one timeline. A log agent that ships the local files does the same job, which is why this is informational.",
  remediation:
    'Send container logs to a central store with a remote log driver (syslog, journald forwarded, gelf, fluentd, awslogs, splunk…), or ship the local files with an agent:\n  {\n    "log-driver": "syslog",\n    "log-opts": { "syslog-address": "tcp+tls://logs.example.com:6514" }\n  }',
  references: ['https://docs.docker.com/engine/logging/configure/'],
  examples: [
    {
      target: 'daemon',
      bad: '{\n  "log-driver": "json-file",\n  "log-opts": { "max-size": "10m", "max-file": "3" }\n}\n',
      good: '{\n  "log-driver": "syslog",\n  "log-opts": { "syslog-address": "tcp+tls://logs.example.com:6514" }\n}\n',
    },
  ],
  check(config) {
    const driver = effective(config, config.logDriver, 'json-file');
    if (!driver) return [];
    const name = driver.value.trim().toLowerCase();
    if (!LOCAL_DRIVERS.has(name)) return [];
    return [
      {
        message: `${driver.explicit ? `log-driver is ${name}` : notSet('log-driver', 'json-file')}: container logs stay on this host`,
        location: driver.at,
        ...(driver.explicit ? { evidence: `log-driver: ${driver.value}` } : {}),
      },
    ];
  },
});
