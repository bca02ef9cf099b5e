import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './ssh-exposed.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no ports', code: dockerRun('') },
      { name: 'another port', code: dockerRun('-p 127.0.0.1:8080:8080') },
      { name: 'host port 22 is not sshd in the container', code: dockerRun('-p 127.0.0.1:22:8022') },
      { name: 'UDP 22', code: dockerRun('-p 2222:22/udp') },
      { name: 'exposed but not published', code: dockerRun('--expose 22') },
    ],
    reject: [
      {
        name: '-p 2222:22',
        code: dockerRun('-p 2222:22'),
        lines: [1],
        messageIncludes:
          'container "app" in run.sh publishes the SSH port (container port 22 on host port 2222)',
        severity: 'medium',
      },
      {
        name: 'container port 22 on an ephemeral host port',
        code: dockerRun('--publish 22'),
        lines: [1],
        messageIncludes: '(container port 22)',
      },
      { name: 'bound to loopback, still sshd', code: dockerRun('-p 127.0.0.1:2222:22/tcp'), lines: [1] },
      { name: 'on a continuation line', code: dockerRun('-p 8080:8080 \\\n  -p 2222:22'), lines: [2] },
    ],
  },
  compose: {
    accept: [
      { name: 'no ports', code: composeService('') },
      { name: 'another port', code: composeService('ports:\n  - "127.0.0.1:8080:8080"') },
      {
        name: 'host port 22 is not sshd in the container',
        code: composeService('ports:\n  - "127.0.0.1:22:8022"'),
      },
      { name: 'UDP 22', code: composeService('ports:\n  - "2222:22/udp"') },
      { name: 'a range that stops below 22', code: composeService('ports:\n  - "20-21:20-21"') },
      { name: 'exposed but not published', code: composeService('expose:\n  - "22"') },
    ],
    reject: [
      {
        name: '2222:22',
        code: composeService('ports:\n  - "2222:22"'),
        lines: [5],
        messageIncludes:
          'service "app" in compose.yaml publishes the SSH port (container port 22 on host port 2222)',
        severity: 'medium',
      },
      {
        name: 'container port 22 on an ephemeral host port',
        code: composeService('ports:\n  - "22"'),
        lines: [5],
        messageIncludes: '(container port 22)',
      },
      {
        name: 'bound to loopback, still sshd',
        code: composeService('ports:\n  - "127.0.0.1:2222:22"'),
        lines: [5],
      },
      { name: 'a range holding 22', code: composeService('ports:\n  - "20-25:20-25"'), lines: [5] },
      { name: 'explicit tcp', code: composeService('ports:\n  - "2222:22/tcp"'), lines: [5] },
      {
        name: 'long syntax',
        code: composeService('ports:\n  - target: 22\n    published: 2222'),
        lines: [5],
      },
      {
        name: 'only the SSH item',
        code: composeService('ports:\n  - "8080:8080"\n  - "2222:22"'),
        lines: [6],
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'no ports', code: k8sDeployment('') },
      { name: 'containerPort 22 without hostPort', code: k8sDeployment('ports:\n  - containerPort: 22') },
      {
        name: 'another hostPort',
        code: k8sDeployment('ports:\n  - containerPort: 8080\n    hostPort: 8080'),
      },
    ],
    reject: [
      {
        name: 'containerPort 22 on hostPort 2222',
        code: k8sDeployment('ports:\n  - containerPort: 22\n    hostPort: 2222'),
        lines: [14],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml publishes the SSH port',
      },
    ],
  },
});
