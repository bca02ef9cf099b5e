import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './host-network.js';

/** A Pod with two containers sharing the pod's `hostNetwork: true` (line 6). */
const twoContainers = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: true
  containers:
    - name: app
      image: registry.example.com/app:1.0
    - name: sidecar
      image: registry.example.com/sidecar:1.0
`;

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'the default network', code: dockerRun('') },
      { name: 'the bridge', code: dockerRun('--network bridge') },
      { name: 'no network', code: dockerRun('--net=none') },
      { name: "another container's network", code: dockerRun('--network container:db') },
      { name: 'a network called host-net', code: dockerRun('--network host-net') },
    ],
    reject: [
      {
        name: '--network host',
        code: dockerRun('--network host'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh uses the host network',
        severity: 'high',
      },
      { name: 'the hidden alias --net=host', code: dockerRun('--net=host'), lines: [1] },
      { name: 'on a continuation line', code: dockerRun('-d \\\n  --network=host'), lines: [2] },
    ],
  },
  compose: {
    accept: [
      { name: 'the default network', code: composeService('') },
      { name: 'network_mode bridge', code: composeService('network_mode: bridge') },
      { name: 'network_mode none', code: composeService('network_mode: none') },
      { name: "another service's network", code: composeService('network_mode: "service:db"') },
      { name: 'user-defined networks', code: composeService('networks:\n  - front') },
      {
        name: 'a network called host-net',
        code: composeService('networks:\n  - host-net') + 'networks:\n  host-net: {}\n',
      },
    ],
    reject: [
      {
        name: 'network_mode host',
        code: composeService('network_mode: host'),
        lines: [4],
        messageIncludes: 'service "app" in compose.yaml uses the host network',
        severity: 'high',
      },
      { name: 'network_mode "host" quoted', code: composeService('network_mode: "host"'), lines: [4] },
      {
        name: 'an interpolated default',
        code: composeService('network_mode: "${NETWORK_MODE:-host}"'),
        lines: [4],
      },
      {
        name: 'only the service that uses it',
        code: 'services:\n  web:\n    image: x:1\n  agent:\n    image: y:1\n    network_mode: host\n',
        lines: [6],
        messageIncludes: 'service "agent"',
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'no hostNetwork', code: k8sDeployment('') },
      { name: 'hostNetwork false', code: k8sDeployment('', 'hostNetwork: false') },
      {
        name: 'a container hostPort without hostNetwork',
        code: k8sDeployment('ports:\n  - containerPort: 8080\n    hostPort: 8080'),
      },
    ],
    reject: [
      {
        name: 'hostNetwork true at pod level',
        code: k8sDeployment('', 'hostNetwork: true'),
        lines: [12],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml uses the host network',
        severity: 'high',
      },
      {
        name: 'hostNetwork true after the containers',
        code: k8sDeployment(
          'securityContext:\n  runAsUser: 10001',
          'dnsPolicy: ClusterFirstWithHostNet\nhostNetwork: true',
        ),
        lines: [15],
      },
      {
        name: 'every container of a host-network Pod, once',
        code: twoContainers,
        lines: [6],
        messageIncludes: 'also applies to',
      },
    ],
  },
});
