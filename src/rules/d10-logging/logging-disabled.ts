// D10: the container's output is thrown away: no trace of what happened in it, attack included.
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D10.logging-disabled',
  title: 'Container logging disabled',
  category: 'D10',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'docker-run', 'engine'],
  threats: [1, 2, 5, 7],
  cis: [],
  related: {},
  rationale:
    'With the `none` log driver everything the container writes to stdout and stderr is discarded: `docker logs` shows nothing, no log shipper receives anything, and the evidence of an intrusion, a crash or abuse is gone before anyone looks. The guide asks for logs of every container, kept off the host where possible.',
  remediation:
    'Use a logging driver, with rotation for local ones, or ship to a central system:\n  compose:    logging: { driver: local }  or  { driver: json-file, options: { max-size: 10m, max-file: "3" } }\n  docker run: --log-driver local  (or --log-driver syslog / fluentd / gelf / journald)',
  references: ['https://docs.docker.com/engine/logging/configure/'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: none\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: local\n',
    },
  ],
  check(workload) {
    const driver = workload.logging?.driver;
    if (driver?.value.trim().toLowerCase() !== 'none') return [];
    return [
      {
        message: `${who(workload)} discards its logs (logging driver none)`,
        location: driver.at,
        evidence: 'logging driver: none',
      },
    ];
  },
});
