import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './host-pid.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no --pid', code: dockerRun('') },
      { name: "another container's PID namespace", code: dockerRun('--pid container:db') },
    ],
    reject: [
      {
        name: '--pid host',
        code: dockerRun('--pid host'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh shares the host\'s PID namespace',
      },
      { name: '--pid=host on a continuation line', code: dockerRun('-d \\\n  --pid=host'), lines: [2] },
    ],
  },
  compose: {
    accept: [
      { name: 'pid unset', code: composeService('') },
      { name: 'another container', code: composeService('pid: "container:db"') },
      { name: 'another service', code: composeService('pid: "service:db"') },
    ],
    reject: [
      {
        code: composeService('pid: host'),
        lines: [4],
        messageIncludes: `service "app" in compose.yaml shares the host's PID namespace`,
        severity: 'high',
      },
      { name: 'quoted', code: composeService('pid: "host"'), lines: [4] },
      { name: 'interpolated', code: composeService('pid: ${PID_MODE:-host}'), lines: [4] },
      {
        name: 'after other keys',
        code: composeService('read_only: true\nuser: "1000"\npid: host'),
        lines: [6],
      },
      {
        name: 'inherited through extends',
        code: 'services:\n  base:\n    image: x:1\n    pid: host\n  app:\n    extends: base\n',
        lines: [4],
        messageIncludes: 'also applies to service "app"',
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'hostPID unset', code: k8sDeployment('') },
      { name: 'hostPID false', code: k8sDeployment('', 'hostPID: false') },
      {
        name: 'hostIPC does not count',
        code: k8sDeployment('securityContext:\n  runAsNonRoot: true', 'hostIPC: true'),
      },
    ],
    reject: [
      {
        code: k8sDeployment('', 'hostPID: true'),
        lines: [12],
        messageIncludes: `container "app" of Deployment/web (namespace shop) in manifest.yaml shares the host's PID namespace`,
      },
      {
        name: 'pod-level setting after a container body',
        code: k8sDeployment('securityContext:\n  runAsNonRoot: true', 'hostPID: true'),
        lines: [14],
      },
      {
        name: 'every container of the pod',
        code: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostPID: true
  initContainers:
    - name: init
      image: busybox:1.36
  containers:
    - name: app
      image: registry.example.com/app:1.0
`,
        lines: [6],
        messageIncludes: 'also applies to container "app" of Pod/debug',
      },
    ],
  },
});
