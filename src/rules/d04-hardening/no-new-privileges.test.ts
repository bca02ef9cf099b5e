import { describe, expect, it } from 'vitest';
import {
  composeService,
  dockerRun,
  findingsFor,
  k8sDeployment,
  testRule,
} from '../../../test/rule-tester.js';
import rule from './no-new-privileges.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no-new-privileges', code: dockerRun('--security-opt no-new-privileges') },
      { name: 'no-new-privileges:true', code: dockerRun('--security-opt=no-new-privileges:true') },
      { name: 'no-new-privileges=1, quoted', code: dockerRun('--security-opt "no-new-privileges=1"') },
    ],
    reject: [
      {
        name: 'not set',
        code: dockerRun(''),
        lines: [1],
        messageIncludes: 'container "app" in run.sh does not set no-new-privileges',
      },
      {
        name: 'explicitly off, on a continuation line',
        code: dockerRun('-d \\\n  --security-opt no-new-privileges:false'),
        lines: [2],
        messageIncludes: 'explicitly allows privilege escalation',
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no-new-privileges:true', code: composeService('security_opt:\n  - no-new-privileges:true') },
      { name: 'no-new-privileges=true', code: composeService('security_opt:\n  - no-new-privileges=true') },
      { name: 'bare no-new-privileges', code: composeService('security_opt:\n  - no-new-privileges') },
      {
        name: 'among other options',
        code: composeService('security_opt:\n  - apparmor=docker-default\n  - "no-new-privileges:true"'),
      },
      { name: 'a flow sequence', code: composeService('security_opt: [no-new-privileges:true]') },
      {
        name: 'inherited through extends',
        code: 'services:\n  base:\n    image: x:1\n    security_opt:\n      - no-new-privileges:true\n  app:\n    extends: base\n',
      },
    ],
    reject: [
      {
        name: 'no security_opt',
        code: composeService(''),
        lines: [2],
        messageIncludes: 'service "app" in compose.yaml does not set no-new-privileges',
        severity: 'medium',
      },
      {
        name: 'security_opt without no-new-privileges',
        code: composeService('security_opt:\n  - apparmor=docker-default'),
        lines: [2],
        messageIncludes: 'does not set no-new-privileges',
      },
      {
        name: 'no-new-privileges:false',
        code: composeService('security_opt:\n  - no-new-privileges:false'),
        lines: [5],
        messageIncludes: 'explicitly allows privilege escalation',
        severity: 'medium',
      },
      {
        name: 'no-new-privileges=false',
        code: composeService('security_opt:\n  - label=disable\n  - no-new-privileges=false'),
        lines: [6],
        messageIncludes: 'explicitly allows privilege escalation',
      },
    ],
  },
  kubernetes: {
    accept: [
      {
        name: 'allowPrivilegeEscalation false',
        code: k8sDeployment('securityContext:\n  allowPrivilegeEscalation: false'),
      },
      {
        name: 'allowPrivilegeEscalation false with other settings',
        code: k8sDeployment(
          'securityContext:\n  runAsNonRoot: true\n  allowPrivilegeEscalation: false\n  capabilities:\n    drop: [ALL]',
        ),
      },
    ],
    reject: [
      {
        name: 'allowPrivilegeEscalation unset',
        code: k8sDeployment(''),
        lines: [10],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml does not set no-new-privileges',
        severity: 'medium',
      },
      {
        name: 'a securityContext without allowPrivilegeEscalation',
        code: k8sDeployment('securityContext:\n  runAsNonRoot: true'),
        lines: [10],
      },
      {
        name: 'allowPrivilegeEscalation true',
        code: k8sDeployment('securityContext:\n  runAsNonRoot: true\n  allowPrivilegeEscalation: true'),
        lines: [14],
        messageIncludes: 'explicitly allows privilege escalation',
      },
    ],
  },
});

describe('D04.no-new-privileges: regressions', () => {
  // dockerd parses the value with Go's strconv.ParseBool, which accepts 1, t, T, TRUE, true, True.
  it('reads `no-new-privileges=1` as enabled, as dockerd does', async () => {
    const findings = await findingsFor(
      rule,
      'compose',
      composeService('security_opt:\n  - no-new-privileges=1'),
    );
    expect(findings.map((f) => f.message)).toEqual([]);
  });
});
