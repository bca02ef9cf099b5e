// D10 (and D07): json-file logs without a size limit grow until the disk is full.
import { defineRule } from '../../core/rule.js';
import { effective, notSet } from '../shared/engine.js';

export default defineRule({
  id: 'D10.log-rotation-missing',
  title: 'Local log driver without rotation',
  category: 'D10',
  severity: 'medium',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [6],
  cis: [],
  related: {},
  rationale:
    "The json-file driver (the default) keeps each container's log in one file that grows without limit unless `max-size` is set: one chatty or attacked container fills the disk under /var/lib/docker and takes the engine and every container with it. (`max-file` then says how many rotated files are kept; it defaults to 1. The `local` driver rotates by default.)",
  remediation:
    'Rotate json-file logs by default (containers may still set their own), or use the local driver:\n  {\n    "log-driver": "json-file",\n    "log-opts": { "max-size": "10m", "max-file": "3" }\n  }',
  references: ['https://docs.docker.com/engine/logging/drivers/json-file/'],
  examples: [
    {
      target: 'daemon',
      bad: '{\n  "log-driver": "json-file"\n}\n',
      good: '{\n  "log-driver": "json-file",\n  "log-opts": { "max-size": "10m", "max-file": "3" }\n}\n',
    },
  ],
  check(config) {
    const driver = effective(config, config.logDriver, 'json-file');
    if (!driver || driver.value.trim().toLowerCase() !== 'json-file') return [];
    const maxSize = config.logOpts['max-size'];
    if (maxSize && maxSize.value.trim() !== '-1') return [];
    // log-opts may come from another source than the driver (flags and daemon.json): unknown then.
    if (!maxSize && !config.unsetMeansDefault) return [];
    const driverText = driver.explicit ? 'log-driver is json-file' : notSet('log-driver', 'json-file');
    const sizeText = maxSize ? 'max-size is -1 (unlimited)' : 'log-opts has no max-size';
    return [
      {
        message: `${driverText} and ${sizeText}: each container's log grows until the disk is full`,
        location: maxSize?.at ?? config.settings['log-opts'] ?? driver.at,
        ...(maxSize ? { evidence: 'max-size: -1' } : {}),
      },
    ];
  },
});
