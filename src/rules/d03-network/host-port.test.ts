import { k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './host-port.js';

testRule(rule, {
  kubernetes: {
    accept: [
      { name: 'no ports', code: k8sDeployment('') },
      { name: 'containerPort only', code: k8sDeployment('ports:\n  - containerPort: 8080\n    name: http') },
      {
        name: 'hostPort 0 means none',
        code: k8sDeployment('ports:\n  - containerPort: 8080\n    hostPort: 0'),
      },
      { name: 'hostNetwork is another rule', code: k8sDeployment('', 'hostNetwork: true') },
    ],
    reject: [
      {
        name: 'hostPort 8080',
        code: k8sDeployment('ports:\n  - containerPort: 8080\n    hostPort: 8080'),
        lines: [14],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml binds host port 8080 on its node (→ 8080/tcp)',
        severity: 'medium',
      },
      {
        name: 'with a hostIP',
        code: k8sDeployment('ports:\n  - containerPort: 8080\n    hostPort: 8080\n    hostIP: 127.0.0.1'),
        lines: [14],
      },
      {
        name: 'one finding per hostPort, at the hostPort line',
        code: k8sDeployment(
          'ports:\n  - containerPort: 8080\n    hostPort: 8080\n  - containerPort: 9090\n  - hostPort: 9443\n    containerPort: 443',
        ),
        lines: [14, 16],
      },
      {
        name: 'an init container',
        code: k8sDeployment(
          '',
          'initContainers:\n  - name: init\n    image: registry.example.com/init:1.0\n    ports:\n      - containerPort: 53\n        hostPort: 5353\n        protocol: UDP',
        ),
        lines: [17],
        messageIncludes: 'init container "init"',
      },
    ],
  },
});
