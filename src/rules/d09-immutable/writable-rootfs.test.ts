import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './writable-rootfs.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: '--read-only', code: dockerRun('--read-only') },
      { name: '--read-only=true with a tmpfs', code: dockerRun('--read-only=true --tmpfs /tmp') },
    ],
    reject: [
      {
        name: 'no --read-only',
        code: dockerRun(''),
        lines: [1],
        messageIncludes: 'container "app" in run.sh does not make its root filesystem read-only',
      },
      {
        name: '--read-only=false, on a continuation line',
        code: dockerRun('-d \\\n  --read-only=false'),
        lines: [2],
        messageIncludes: 'sets its root filesystem writable',
      },
    ],
  },
  compose: {
    accept: [
      { name: 'read_only: true', code: composeService('read_only: true') },
      { name: 'read_only: "true" (a string)', code: composeService('read_only: "true"') },
      { name: 'with a tmpfs for /tmp', code: composeService('read_only: true\ntmpfs:\n  - /tmp') },
      { name: 'interpolated', code: composeService('read_only: ${READ_ONLY:-true}') },
    ],
    reject: [
      {
        name: 'unset, at the service',
        code: composeService(''),
        lines: [2],
        messageIncludes: 'service "app" in compose.yaml does not make its root filesystem read-only',
        severity: 'medium',
      },
      {
        name: 'read_only: false, at that line',
        code: composeService('user: "1000"\nread_only: false'),
        lines: [5],
        messageIncludes: 'service "app" in compose.yaml sets its root filesystem writable',
      },
      { name: 'read_only: "false" (a string)', code: composeService('read_only: "false"'), lines: [4] },
      {
        name: 'each service',
        code: 'services:\n  web:\n    image: x:1\n    read_only: true\n  worker:\n    image: y:1\n    read_only: false\n  cache:\n    image: z:1\n',
        lines: [7, 8],
      },
    ],
  },
  kubernetes: {
    accept: [
      {
        name: 'readOnlyRootFilesystem: true',
        code: k8sDeployment('securityContext:\n  readOnlyRootFilesystem: true'),
      },
      {
        name: 'with an emptyDir for /tmp',
        code: k8sDeployment(
          'securityContext:\n  readOnlyRootFilesystem: true\nvolumeMounts:\n  - name: tmp\n    mountPath: /tmp',
          'volumes:\n  - name: tmp\n    emptyDir: {}',
        ),
      },
    ],
    reject: [
      {
        name: 'unset, at the container',
        code: k8sDeployment(''),
        lines: [10],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml does not make its root filesystem read-only',
      },
      {
        name: 'a securityContext without it',
        code: k8sDeployment('securityContext:\n  runAsNonRoot: true'),
        lines: [10],
      },
      {
        name: 'readOnlyRootFilesystem: false, at that line',
        code: k8sDeployment('securityContext:\n  runAsNonRoot: true\n  readOnlyRootFilesystem: false'),
        lines: [14],
        messageIncludes: 'sets its root filesystem writable',
      },
      {
        name: 'every container is judged on its own',
        code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: migrate
      image: registry.example.com/migrate:1.0
  containers:
    - name: app
      image: registry.example.com/app:1.0
      securityContext:
        readOnlyRootFilesystem: true
    - name: sidecar
      image: registry.example.com/sidecar:1.0
`,
        lines: [7, 14],
      },
    ],
  },
});
