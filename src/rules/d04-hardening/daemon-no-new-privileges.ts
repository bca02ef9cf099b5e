// D04: the daemon-wide no-new-privileges default blocks setuid escalation in every container that does not
// opt out.
import { defineRule } from '../../core/rule.js';
import { effective, notSet } from '../shared/engine.js';

export default defineRule({
  id: 'D04.daemon-no-new-privileges',
  title: 'Containers may gain new privileges by default',
  category: 'D04',
  severity: 'low',
  subject: 'engine-config',
  targets: ['daemon', 'engine'],
  threats: [1],
  cis: ['2.14'],
  related: { 'docker-bench-security': ['2.14'] },
  rationale:
    "With `no-new-privileges` set on the daemon, every container starts with the no_new_privs bit: setuid and setgid binaries and file capabilities can no longer raise a process's privileges, so an attacker in a container cannot use `su`, `sudo` or a planted setuid binary. Set per workload it is easy to forget; as the engine's default it covers every container (D04.no-new-privileges judges the workloads).",
  remediation:
    'Make no-new-privileges the default for every container:\n  {\n    "no-new-privileges": true\n  }\nA container that really needs setuid (rare) opts out with `--security-opt no-new-privileges=false`.',
  references: ['https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file'],
  examples: [
    {
      target: 'daemon',
      bad: '{\n  "no-new-privileges": false\n}\n',
      good: '{\n  "no-new-privileges": true\n}\n',
    },
  ],
  check(config) {
    const setting = effective(config, config.noNewPrivileges, false);
    if (!setting || setting.value) return [];
    return [
      {
        message: `${setting.explicit ? 'no-new-privileges is false' : notSet('no-new-privileges', 'false')}: containers may gain privileges through setuid binaries unless each sets no-new-privileges itself`,
        location: setting.at,
        ...(setting.explicit ? { evidence: 'no-new-privileges: false' } : {}),
      },
    ];
  },
});
