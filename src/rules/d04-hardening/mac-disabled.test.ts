import { describe, expect, it } from 'vitest';
import {
  composeService,
  dockerRun,
  findingsFor,
  k8sDeployment,
  testRule,
} from '../../../test/rule-tester.js';
import rule from './mac-disabled.js';

/** A Deployment whose pod template carries `annotations`: the first entry is at line 9, the container at 12. */
const annotated = (annotations: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
${annotations}
    spec:
      containers:
        - name: app
          image: registry.example.com/app:1.0
`;

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no security options', code: dockerRun('') },
      { name: 'a named AppArmor profile', code: dockerRun('--security-opt apparmor=docker-default') },
      { name: 'an SELinux level', code: dockerRun('--security-opt label=level:s0:c100,c200') },
    ],
    reject: [
      {
        name: 'AppArmor unconfined',
        code: dockerRun('--security-opt apparmor=unconfined'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh runs without AppArmor (unconfined)',
      },
      {
        name: 'SELinux labelling off, on a continuation line',
        code: dockerRun('-d \\\n  --security-opt label:disable'),
        lines: [2],
        messageIncludes: 'SELinux separation disabled',
      },
      {
        name: 'both, one finding each',
        code: dockerRun('--security-opt apparmor:unconfined \\\n  --security-opt=label=type:spc_t'),
        lines: [1, 2],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no security_opt', code: composeService('') },
      {
        name: 'the docker-default AppArmor profile',
        code: composeService('security_opt:\n  - apparmor=docker-default'),
      },
      { name: 'an SELinux level', code: composeService('security_opt:\n  - "label=level:s0:c100,c200"') },
      {
        name: 'an SELinux type other than spc_t',
        code: composeService('security_opt:\n  - label:type:svirt_apache_t'),
      },
      {
        name: 'unrelated security options',
        code: composeService('security_opt:\n  - no-new-privileges:true'),
      },
    ],
    reject: [
      {
        name: 'apparmor:unconfined',
        code: composeService('security_opt:\n  - apparmor:unconfined'),
        lines: [5],
        messageIncludes: 'service "app" in compose.yaml runs without AppArmor (unconfined)',
        severity: 'high',
      },
      {
        name: 'apparmor=unconfined',
        code: composeService('security_opt:\n  - apparmor=unconfined'),
        lines: [5],
        messageIncludes: 'without AppArmor',
      },
      {
        name: 'label:disable',
        code: composeService('security_opt:\n  - label:disable'),
        lines: [5],
        messageIncludes: 'service "app" in compose.yaml runs with SELinux separation disabled',
        severity: 'high',
      },
      {
        name: 'label=disable',
        code: composeService('security_opt:\n  - label=disable'),
        lines: [5],
        messageIncludes: 'SELinux separation disabled',
      },
      {
        name: 'the spc_t SELinux type',
        code: composeService('security_opt:\n  - label=type:spc_t'),
        lines: [5],
        messageIncludes: 'SELinux separation disabled',
      },
      {
        name: 'both AppArmor and SELinux, one finding each',
        code: composeService(
          'security_opt:\n  - no-new-privileges:true\n  - apparmor:unconfined\n  - label:disable',
        ),
        lines: [6, 7],
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'no profile', code: k8sDeployment('') },
      {
        name: 'appArmorProfile RuntimeDefault',
        code: k8sDeployment('securityContext:\n  appArmorProfile:\n    type: RuntimeDefault'),
      },
      {
        name: 'a container appArmorProfile overriding a pod-level Unconfined',
        code: k8sDeployment(
          'securityContext:\n  appArmorProfile:\n    type: RuntimeDefault',
          'securityContext:\n  appArmorProfile:\n    type: Unconfined',
        ),
      },
      {
        name: 'the AppArmor annotation set to runtime/default',
        code: annotated('        container.apparmor.security.beta.kubernetes.io/app: runtime/default'),
      },
      {
        name: 'an unconfined annotation naming another container',
        code: annotated('        container.apparmor.security.beta.kubernetes.io/sidecar: unconfined'),
      },
      {
        name: 'seLinuxOptions with the container_t type',
        code: k8sDeployment('securityContext:\n  seLinuxOptions:\n    type: container_t'),
      },
      {
        name: 'seLinuxOptions with a level only',
        code: k8sDeployment('', 'securityContext:\n  seLinuxOptions:\n    level: "s0:c123,c456"'),
      },
    ],
    reject: [
      {
        name: 'appArmorProfile Unconfined on the container',
        code: k8sDeployment('securityContext:\n  appArmorProfile:\n    type: Unconfined'),
        lines: [14],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml runs without AppArmor (unconfined)',
        severity: 'high',
      },
      {
        name: 'appArmorProfile Unconfined at pod level',
        code: k8sDeployment('', 'securityContext:\n  appArmorProfile:\n    type: Unconfined'),
        lines: [14],
        messageIncludes: 'without AppArmor',
      },
      {
        name: 'the AppArmor annotation in the pod template set to unconfined',
        code: annotated('        container.apparmor.security.beta.kubernetes.io/app: unconfined'),
        lines: [9],
        messageIncludes: 'without AppArmor',
      },
      {
        name: 'seLinuxOptions type spc_t on the container',
        code: k8sDeployment('securityContext:\n  seLinuxOptions:\n    type: spc_t'),
        lines: [14],
        messageIncludes: 'SELinux separation disabled',
        severity: 'high',
      },
      {
        name: 'seLinuxOptions type spc_t at pod level',
        code: k8sDeployment('', 'securityContext:\n  seLinuxOptions:\n    type: spc_t'),
        lines: [14],
        messageIncludes: 'SELinux separation disabled',
      },
      {
        name: 'AppArmor and SELinux both disabled, one finding each',
        code: k8sDeployment(
          'securityContext:\n  appArmorProfile:\n    type: Unconfined\n  seLinuxOptions:\n    type: spc_t',
        ),
        lines: [14, 16],
      },
    ],
  },
});

describe('D04.mac-disabled: regressions', () => {
  // The kubelet reads AppArmor annotations from the Pod only; a Deployment's own metadata is not copied to
  // its pods, so an annotation there has no effect (whether or not the pod template has annotations).
  it("ignores an AppArmor annotation on the Deployment's own metadata", async () => {
    const code = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/app:1.0
`;
    const findings = await findingsFor(rule, 'kubernetes', code);
    expect(findings.map((f) => f.message)).toEqual([]);
  });
});
