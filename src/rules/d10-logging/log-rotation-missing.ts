// D10: a local log file that only grows: it fills the host's disk, and with it every container's.
import { defineRule } from '../../core/rule.js';
import { isUnlimited } from '../shared/missing-limit.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D10.log-rotation-missing',
  title: 'Local log driver without rotation',
  category: 'D10',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'docker-run', 'engine'],
  threats: [6],
  cis: [],
  related: {},
  rationale:
    "The json-file driver keeps a container's output in one file under /var/lib/docker that grows without bound unless `max-size` is set: a chatty or attacked container fills the disk the engine, the other containers and often the host share. With max-size the file is rotated (max-file, 1 by default, old files to keep). The `local` driver rotates by itself (20 MB × 5 files) unless max-size is turned off. A service that names no driver gets the daemon's log driver and options; those are judged in daemon.json.",
  remediation:
    'Bound the log files, or use the local driver:\n  compose:    logging: { driver: json-file, options: { max-size: 10m, max-file: "3" } }\n  docker run: --log-driver json-file --log-opt max-size=10m --log-opt max-file=3\n  or for every container: "log-driver": "local" in daemon.json',
  references: [
    'https://docs.docker.com/engine/logging/drivers/json-file/',
    'https://docs.docker.com/engine/logging/drivers/local/',
  ],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: json-file\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n        max-file: "3"\n',
    },
  ],
  check(workload) {
    const logging = workload.logging;
    const driver = logging?.driver?.value.trim().toLowerCase();
    if (!logging || (driver !== 'json-file' && driver !== 'local')) return [];
    const maxSize = logging.options['max-size'];
    // Unset, the local driver rotates by itself and json-file never does; -1 or 0 turns rotation off.
    const rotated = maxSize === undefined ? driver === 'local' : !isUnlimited(maxSize);
    if (rotated) return [];
    return [
      {
        message:
          maxSize === undefined
            ? `${who(workload)} logs with the ${driver} driver and no max-size: the log file grows without bound`
            : `${who(workload)} logs with the ${driver} driver and max-size ${maxSize}, which turns rotation off`,
        location: logging.driver?.at ?? logging.at,
        evidence: `logging: ${driver}${maxSize === undefined ? '' : `, max-size=${maxSize}`}`,
      },
    ];
  },
});
