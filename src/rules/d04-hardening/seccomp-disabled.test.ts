import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './seccomp-disabled.js';

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
      { name: "the engine's default profile", code: dockerRun('') },
      { name: 'a custom profile', code: dockerRun('--security-opt seccomp=./profile.json') },
    ],
    reject: [
      {
        name: 'seccomp unconfined',
        code: dockerRun('--security-opt seccomp=unconfined'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh runs without seccomp (unconfined)',
      },
      {
        name: 'seccomp:unconfined on a continuation line',
        code: dockerRun('-d \\\n  --security-opt seccomp:unconfined'),
        lines: [2],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no security_opt (Docker applies its default profile)', code: composeService('') },
      {
        name: 'a custom profile',
        code: composeService('security_opt:\n  - seccomp=./seccomp/strict.json'),
      },
      { name: 'other security options', code: composeService('security_opt:\n  - no-new-privileges:true') },
    ],
    reject: [
      {
        name: 'seccomp:unconfined',
        code: composeService('security_opt:\n  - seccomp:unconfined'),
        lines: [5],
        messageIncludes: 'service "app" in compose.yaml runs without seccomp (unconfined)',
        severity: 'high',
      },
      {
        name: 'seccomp=unconfined',
        code: composeService('security_opt:\n  - seccomp=unconfined'),
        lines: [5],
        severity: 'high',
      },
      {
        name: 'after another option',
        code: composeService('security_opt:\n  - no-new-privileges:true\n  - "seccomp=unconfined"'),
        lines: [6],
      },
      {
        name: 'inherited through extends',
        code: 'services:\n  base:\n    image: x:1\n    security_opt:\n      - seccomp:unconfined\n  app:\n    extends: base\n',
        lines: [5],
        messageIncludes: 'also applies to service "app"',
      },
    ],
  },
  kubernetes: {
    accept: [
      {
        name: 'RuntimeDefault on the container',
        code: k8sDeployment('securityContext:\n  seccompProfile:\n    type: RuntimeDefault'),
      },
      {
        name: 'RuntimeDefault at pod level',
        code: k8sDeployment('', 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault'),
      },
      {
        name: 'a Localhost profile',
        code: k8sDeployment(
          'securityContext:\n  seccompProfile:\n    type: Localhost\n    localhostProfile: profiles/strict.json',
        ),
      },
      {
        name: 'a container RuntimeDefault overriding a pod-level Unconfined',
        code: k8sDeployment(
          'securityContext:\n  seccompProfile:\n    type: RuntimeDefault',
          'securityContext:\n  seccompProfile:\n    type: Unconfined',
        ),
      },
      {
        name: 'the legacy annotation set to runtime/default',
        code: annotated('        seccomp.security.alpha.kubernetes.io/pod: runtime/default'),
      },
    ],
    reject: [
      {
        name: 'no profile (Kubernetes runs Unconfined by default)',
        code: k8sDeployment(''),
        lines: [10],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml sets no seccomp profile',
        severity: 'medium',
      },
      {
        name: 'Unconfined on the container',
        code: k8sDeployment('securityContext:\n  seccompProfile:\n    type: Unconfined'),
        lines: [14],
        messageIncludes: 'runs without seccomp (unconfined)',
        severity: 'high',
      },
      {
        name: 'Unconfined at pod level',
        code: k8sDeployment('', 'securityContext:\n  seccompProfile:\n    type: Unconfined'),
        lines: [14],
        severity: 'high',
      },
      {
        name: 'a container Unconfined overriding a pod-level RuntimeDefault',
        code: k8sDeployment(
          'securityContext:\n  seccompProfile:\n    type: Unconfined',
          'securityContext:\n  seccompProfile:\n    type: RuntimeDefault',
        ),
        lines: [14],
        severity: 'high',
      },
      {
        name: 'the legacy pod annotation set to unconfined',
        code: annotated('        seccomp.security.alpha.kubernetes.io/pod: unconfined'),
        lines: [9],
        messageIncludes: 'runs without seccomp (unconfined)',
        severity: 'high',
      },
    ],
  },
});
