import { describe, expect, it } from 'vitest';
import {
  composeService,
  dockerRun,
  findingsFor,
  k8sDeployment,
  testRule,
} from '../../../test/rule-tester.js';
import rule from './dangerous-capabilities.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no --cap-add', code: dockerRun('') },
      { name: 'a harmless capability', code: dockerRun('--cap-drop ALL --cap-add NET_BIND_SERVICE') },
      { name: 'SYS_ADMIN dropped, not added', code: dockerRun('--cap-drop SYS_ADMIN') },
    ],
    reject: [
      {
        name: 'SYS_ADMIN',
        code: dockerRun('--cap-add SYS_ADMIN'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh adds capability SYS_ADMIN',
        severity: 'critical',
      },
      {
        name: 'a comma list, one finding each',
        code: dockerRun('--cap-add=cap_net_admin,SYS_PTRACE'),
        lines: [1, 1],
        severity: 'high',
      },
      {
        name: 'ALL, on a continuation line',
        code: dockerRun('-d \\\n  --cap-add ALL'),
        lines: [2],
        messageIncludes: 'adds capability ALL',
        severity: 'critical',
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no cap_add', code: composeService('') },
      { name: 'NET_BIND_SERVICE', code: composeService('cap_add:\n  - NET_BIND_SERVICE') },
      {
        name: 'harmless capabilities after drop ALL',
        code: composeService('cap_drop:\n  - ALL\ncap_add:\n  - NET_BIND_SERVICE\n  - CHOWN\n  - SETUID'),
      },
      { name: 'a dangerous capability that is dropped', code: composeService('cap_drop:\n  - SYS_ADMIN') },
      { name: 'a flow sequence of harmless ones', code: composeService('cap_add: [NET_BIND_SERVICE, KILL]') },
    ],
    reject: [
      {
        name: 'SYS_ADMIN (critical)',
        code: composeService('cap_add:\n  - SYS_ADMIN'),
        lines: [5],
        messageIncludes: 'service "app" in compose.yaml adds capability SYS_ADMIN',
        severity: 'critical',
      },
      {
        name: 'CAP_SYS_ADMIN, the prefixed name',
        code: composeService('cap_add:\n  - CAP_SYS_ADMIN'),
        lines: [5],
        messageIncludes: 'adds capability SYS_ADMIN',
        severity: 'critical',
      },
      {
        name: 'a lower-case name',
        code: composeService('cap_add:\n  - sys_admin'),
        lines: [5],
        messageIncludes: 'adds capability SYS_ADMIN',
        severity: 'critical',
      },
      {
        name: 'a lower-case prefixed name',
        code: composeService('cap_add:\n  - cap_sys_ptrace'),
        lines: [5],
        messageIncludes: 'adds capability SYS_PTRACE',
        severity: 'high',
      },
      {
        name: 'ALL (critical)',
        code: composeService('cap_add:\n  - ALL'),
        lines: [5],
        messageIncludes: 'every capability',
        severity: 'critical',
      },
      {
        name: 'NET_ADMIN (high)',
        code: composeService('cap_add:\n  - NET_ADMIN'),
        lines: [5],
        messageIncludes: 'reconfiguring the network',
        severity: 'high',
      },
      {
        name: 'one finding per dangerous capability, at its item',
        code: composeService(
          'cap_add:\n  - NET_BIND_SERVICE\n  - SYS_PTRACE\n  - CHOWN\n  - DAC_READ_SEARCH',
        ),
        lines: [6, 8],
        severity: 'high',
      },
      {
        name: 'a flow sequence',
        code: composeService('cap_add: [SYS_MODULE, NET_BIND_SERVICE, SYS_TIME]'),
        lines: [4, 4],
        severity: 'high',
      },
      {
        name: 'dangerous even when ALL is dropped first',
        code: composeService('cap_drop:\n  - ALL\ncap_add:\n  - BPF'),
        lines: [7],
      },
      {
        name: 'inherited through extends, at the line of the base service',
        code: 'services:\n  base:\n    image: x:1\n    cap_add:\n      - SYS_ADMIN\n  app:\n    extends: base\n',
        lines: [5],
        messageIncludes: 'also applies to service "app"',
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'no capabilities', code: k8sDeployment('') },
      {
        name: 'drop ALL, add NET_BIND_SERVICE',
        code: k8sDeployment(
          'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]',
        ),
      },
      {
        name: 'SYS_ADMIN dropped',
        code: k8sDeployment('securityContext:\n  capabilities:\n    drop:\n      - SYS_ADMIN'),
      },
    ],
    reject: [
      {
        name: 'SYS_ADMIN (critical)',
        code: k8sDeployment('securityContext:\n  capabilities:\n    add:\n      - SYS_ADMIN'),
        lines: [15],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml adds capability SYS_ADMIN',
        severity: 'critical',
      },
      {
        name: 'CAP_SYS_ADMIN',
        code: k8sDeployment('securityContext:\n  capabilities:\n    add:\n      - CAP_SYS_ADMIN'),
        lines: [15],
        severity: 'critical',
      },
      {
        name: 'ALL (critical)',
        code: k8sDeployment('securityContext:\n  capabilities:\n    add: ["ALL"]'),
        lines: [14],
        severity: 'critical',
      },
      {
        name: 'one finding per dangerous capability',
        code: k8sDeployment(
          'securityContext:\n  capabilities:\n    drop:\n      - ALL\n    add:\n      - NET_BIND_SERVICE\n      - NET_ADMIN\n      - SYS_PTRACE',
        ),
        lines: [18, 19],
        severity: 'high',
      },
      {
        name: 'a lower-case name',
        code: k8sDeployment(
          'securityContext:\n  capabilities:\n    add:\n      - net_raw\n      - sys_module',
        ),
        lines: [16],
        messageIncludes: 'SYS_MODULE',
      },
    ],
  },
});

describe('D04.dangerous-capabilities: regressions', () => {
  // `extends` concatenates cap_add: every item keeps the line it is written at. SYS_ADMIN (line 5 of the
  // base, inherited by app) is one finding; app's own NET_ADMIN is reported at line 9.
  it('keeps the line of each capability merged by extends', async () => {
    const code =
      'services:\n  base:\n    image: x:1\n    cap_add:\n      - SYS_ADMIN\n  app:\n    extends: base\n    cap_add:\n      - NET_ADMIN\n';
    const findings = await findingsFor(rule, 'compose', code);
    expect(findings.map((f) => ('line' in f.location ? f.location.line : -1))).toEqual([5, 9]);
  });
});
