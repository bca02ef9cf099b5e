import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './privileged-port.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no ports', code: dockerRun('') },
      { name: 'host port 8080 to container port 80', code: dockerRun('-p 127.0.0.1:8080:80') },
      { name: 'an ephemeral host port for container port 80', code: dockerRun('-p 80') },
      { name: 'the first unprivileged port', code: dockerRun('--publish 1024:1024') },
    ],
    reject: [
      {
        name: 'host port 80',
        code: dockerRun('-p 127.0.0.1:80:8080'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh maps privileged host port 80 (below 1024) to 8080/tcp',
        severity: 'low',
      },
      { name: '--publish=443:443', code: dockerRun('--publish=443:443'), lines: [1] },
      { name: 'UDP', code: dockerRun('-p 53:53/udp'), lines: [1], messageIncludes: '53/udp' },
      {
        name: 'only the privileged one, on its line',
        code: dockerRun('-p 8080:8080 \\\n  -p 127.0.0.1:22:22'),
        lines: [2],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no ports', code: composeService('') },
      {
        name: 'host port 8080 to container port 80',
        code: composeService('ports:\n  - "127.0.0.1:8080:80"'),
      },
      { name: 'an ephemeral host port for container port 80', code: composeService('ports:\n  - "80"') },
      { name: 'the first unprivileged port', code: composeService('ports:\n  - "1024:1024"') },
      { name: 'host port 0 (ephemeral)', code: composeService('ports:\n  - "0:80"') },
      {
        name: 'long syntax, high published port',
        code: composeService('ports:\n  - target: 443\n    published: 8443'),
      },
    ],
    reject: [
      {
        name: 'host port 80',
        code: composeService('ports:\n  - "127.0.0.1:80:8080"'),
        lines: [5],
        messageIncludes:
          'service "app" in compose.yaml maps privileged host port 80 (below 1024) to 8080/tcp',
        severity: 'low',
      },
      { name: 'host port 443 on every interface', code: composeService('ports:\n  - "443:443"'), lines: [5] },
      { name: 'the last privileged port', code: composeService('ports:\n  - "1023:8080"'), lines: [5] },
      {
        name: 'a range that starts below 1024',
        code: composeService('ports:\n  - "1000-1030:1000-1030"'),
        lines: [5],
        messageIncludes: 'host port 1000-1030',
      },
      { name: 'UDP', code: composeService('ports:\n  - "53:53/udp"'), lines: [5], messageIncludes: '53/udp' },
      {
        name: 'long syntax',
        code: composeService('ports:\n  - target: 8080\n    published: 25'),
        lines: [5],
      },
      {
        name: 'only the privileged items',
        code: composeService(
          'ports:\n  - "8080:80"\n  - "127.0.0.1:22:22"\n  - "9000:9000"\n  - "[::1]:443:8443"',
        ),
        lines: [6, 8],
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'no ports', code: k8sDeployment('') },
      { name: 'containerPort 80 without hostPort', code: k8sDeployment('ports:\n  - containerPort: 80') },
      { name: 'hostPort 8080', code: k8sDeployment('ports:\n  - containerPort: 80\n    hostPort: 8080') },
    ],
    reject: [
      {
        name: 'hostPort 80',
        code: k8sDeployment('ports:\n  - containerPort: 8080\n    hostPort: 80'),
        lines: [14],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml maps privileged host port 80',
      },
      {
        name: 'hostPort 53 UDP',
        code: k8sDeployment('ports:\n  - containerPort: 53\n    hostPort: 53\n    protocol: UDP'),
        lines: [14],
        messageIncludes: '53/udp',
      },
    ],
  },
});
