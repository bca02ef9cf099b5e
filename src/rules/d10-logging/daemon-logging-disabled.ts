// D10: with the `none` log driver as the daemon's default, containers leave no logs at all.
import { defineRule } from '../../core/rule.js';

export default defineRule({
  id: 'D10.logging-disabled',
  title: 'Container logging disabled',
  category: 'D10',
  severity: 'medium',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [1, 2, 5, 7],
  cis: [],
  related: {},
  rationale:
    "With `log-driver: none` as the daemon's default, every container that does not choose a driver itself writes its output nowhere: there is nothing to investigate an incident with, and `docker logs` shows nothing.",
  remediation:
    'Use a log driver that keeps the logs: a remote one, or a local one with rotation:\n  {\n    "log-driver": "local",\n    "log-opts": { "max-size": "10m", "max-file": "5" }\n  }',
  references: ['https://docs.docker.com/engine/logging/configure/'],
  examples: [
    {
      target: 'daemon',
      bad: '{\n  "log-driver": "none"\n}\n',
      good: '{\n  "log-driver": "local",\n  "log-opts": { "max-size": "10m", "max-file": "5" }\n}\n',
    },
  ],
  check(config) {
    const driver = config.logDriver;
    if (driver?.value.trim().toLowerCase() !== 'none') return [];
    return [
      {
        message: 'log-driver is none: containers keep no logs unless each chooses a driver itself',
        location: driver.at,
        evidence: 'log-driver: none',
      },
    ];
  },
});
