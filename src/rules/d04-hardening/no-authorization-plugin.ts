// D04: without an authorization plugin, every client of the Docker API may do everything.
import { defineRule } from '../../core/rule.js';
import { notSet } from '../shared/engine.js';

export default defineRule({
  id: 'D04.no-authorization-plugin',
  title: 'No authorization plugin',
  category: 'D04',
  severity: 'low',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [3, 7],
  cis: ['2.12'],
  related: { 'docker-bench-security': ['2.12'] },
  rationale:
    "Docker's access control is all or nothing: whoever may use the API (the socket's group, a TLS client) may run privileged containers and mount the host. An authorization plugin judges every request, so a CI job can build images without being able to start `--privileged` containers.",
  remediation:
    'Install an authorization plugin (for example Open Policy Agent\'s opa-docker-authz) and name it:\n  {\n    "authorization-plugins": ["opa-docker-authz"]\n  }',
  references: ['https://docs.docker.com/engine/extend/plugins_authorization/'],
  examples: [
    {
      target: 'daemon',
      bad: '{\n  "authorization-plugins": []\n}\n',
      good: '{\n  "authorization-plugins": ["opa-docker-authz"]\n}\n',
    },
  ],
  check(config) {
    if (config.authorizationPlugins.length > 0) return [];
    const written = config.settings['authorization-plugins'];
    if (written)
      return [
        {
          message: 'authorization-plugins is empty: every client of the Docker API may do everything',
          location: written,
          evidence: 'authorization-plugins: []',
        },
      ];
    if (!config.unsetMeansDefault) return [];
    return [
      {
        message: `${notSet('authorization-plugins', '(none)')}: every client of the Docker API may do everything`,
        location: config.at,
      },
    ];
  },
});
