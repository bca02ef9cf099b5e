// D04: experimental features are unfinished code paths, enabled on a production engine.
import { defineRule } from '../../core/rule.js';

export default defineRule({
  id: 'D04.experimental-enabled',
  title: 'Experimental features are on',
  category: 'D04',
  severity: 'low',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [1],
  cis: ['2.18'],
  related: { 'docker-bench-security': ['2.18'] },
  rationale:
    'Experimental features are unfinished: their interfaces change without notice and they have not had the review and hardening of stable features. A production engine should run only what is supported.',
  remediation:
    'Turn experimental features off (the default) on production engines:\n  {\n    "experimental": false\n  }',
  references: ['https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file'],
  examples: [
    { target: 'daemon', bad: '{\n  "experimental": true\n}\n', good: '{\n  "experimental": false\n}\n' },
  ],
  check(config) {
    const experimental = config.experimental;
    if (experimental?.value !== true) return [];
    return [
      {
        message: 'experimental is true: the engine runs unfinished features',
        location: experimental.at,
        evidence: 'experimental: true',
      },
    ];
  },
});
