import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './host-ipc.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no --ipc', code: dockerRun('') },
      { name: 'a private IPC namespace', code: dockerRun('--ipc private') },
    ],
    reject: [
      {
        name: '--ipc host',
        code: dockerRun('--ipc host'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh shares the host\'s IPC namespace',
      },
      { name: '--ipc=host on a continuation line', code: dockerRun('-d \\\n  --ipc=host'), lines: [2] },
    ],
  },
  compose: {
    accept: [
      { name: 'ipc unset', code: composeService('') },
      { name: 'shareable', code: composeService('ipc: shareable') },
      { name: 'private', code: composeService('ipc: private') },
      { name: 'another service', code: composeService('ipc: "service:db"') },
    ],
    reject: [
      {
        code: composeService('ipc: host'),
        lines: [4],
        messageIncludes: `service "app" in compose.yaml shares the host's IPC namespace`,
        severity: 'high',
      },
      { name: 'upper case', code: composeService('ipc: HOST'), lines: [4] },
      {
        name: 'after other keys',
        code: composeService('pid: host\nipc: host'),
        lines: [5],
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'hostIPC unset', code: k8sDeployment('') },
      { name: 'hostIPC false', code: k8sDeployment('', 'hostIPC: false') },
      { name: 'hostPID does not count', code: k8sDeployment('', 'hostPID: true') },
    ],
    reject: [
      {
        code: k8sDeployment('', 'hostIPC: true'),
        lines: [12],
        messageIncludes: `container "app" of Deployment/web (namespace shop) in manifest.yaml shares the host's IPC namespace`,
      },
      {
        name: 'pod-level setting after a container body',
        code: k8sDeployment('ports:\n  - containerPort: 8080', 'hostNetwork: false\nhostIPC: true'),
        lines: [15],
      },
    ],
  },
});
