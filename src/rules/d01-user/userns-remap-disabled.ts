// D01: without user namespace remapping, UID 0 in a container is UID 0 on the host.
import { defineRule } from '../../core/rule.js';
import { notSet } from '../shared/engine.js';

export default defineRule({
  id: 'D01.userns-remap-disabled',
  title: 'User namespace remapping is off',
  category: 'D01',
  severity: 'medium',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [1, 7],
  cis: ['2.9'],
  related: { 'docker-bench-security': ['2.9'] },
  rationale:
    "Without user namespace remapping, root in a container is root (UID 0) on the host: a process that escapes the container, or writes through a host mount, acts as the host's root. With `userns-remap`, container UIDs map to an unprivileged range of the host (/etc/subuid, /etc/subgid).",
  remediation:
    'Turn on user namespace remapping in /etc/docker/daemon.json ("default" creates and uses the `dockremap` user):\n  {\n    "userns-remap": "default"\n  }\nthen restart dockerd. Images and containers are stored per mapping, so pull again; a container that really needs the host\'s users opts out with `--userns=host`.',
  references: [
    'https://docs.docker.com/engine/security/userns-remap/',
    'https://docs.docker.com/reference/cli/dockerd/#daemon-user-namespace-options',
  ],
  examples: [
    {
      target: 'daemon',
      bad: '{\n  "log-level": "info"\n}\n',
      good: '{\n  "userns-remap": "default"\n}\n',
    },
  ],
  check(config) {
    const remap = config.usernsRemap;
    if (remap && remap.value.trim() !== '') return [];
    if (remap)
      return [
        {
          message:
            'userns-remap is empty, so user namespace remapping is off: root in a container is root on the host',
          location: remap.at,
          evidence: 'userns-remap: ""',
        },
      ];
    if (!config.unsetMeansDefault) return [];
    return [
      {
        message: `${notSet('userns-remap', '(no remapping)')}: root in a container is root on the host`,
        location: config.at,
      },
    ];
  },
});
