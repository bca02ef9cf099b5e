// D03: with inter-container communication on, every container on the default bridge reaches every other.
import { defineRule } from '../../core/rule.js';
import { effective, notSet } from '../shared/engine.js';

export default defineRule({
  id: 'D03.icc-enabled',
  title: 'Inter-container communication on the default bridge',
  category: 'D03',
  severity: 'medium',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [2],
  cis: ['2.2'],
  related: { 'docker-bench-security': ['2.2'] },
  rationale:
    'With `icc` on (the default), containers on the default bridge can reach each other on every port, whether or not they publish it: one compromised container can attack all its neighbours. With it off, containers on the default bridge talk only through published ports or user-defined networks, which are the way to connect the containers that need each other.',
  remediation:
    'Turn inter-container communication off in /etc/docker/daemon.json and connect the containers that must talk on user-defined networks:\n  {\n    "icc": false\n  }',
  references: [
    'https://docs.docker.com/engine/network/drivers/bridge/#differences-between-user-defined-bridges-and-the-default-bridge',
    'https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file',
  ],
  examples: [{ target: 'daemon', bad: '{\n  "icc": true\n}\n', good: '{\n  "icc": false\n}\n' }],
  check(config) {
    // Without a default bridge there is nothing for icc to open.
    if (config.bridge?.value.trim().toLowerCase() === 'none') return [];
    const icc = effective(config, config.icc, true);
    if (!icc || !icc.value) return [];
    return [
      {
        message: `${icc.explicit ? 'icc is true' : notSet('icc', 'true')}: containers on the default bridge can reach each other on every port`,
        location: icc.at,
        ...(icc.explicit ? { evidence: 'icc: true' } : {}),
      },
    ];
  },
});
