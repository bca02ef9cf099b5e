import { k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './kube-system-workload.js';

const pod = (namespace: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\n  namespace: ${namespace}\nspec:\n  containers:\n    - name: tool\n      image: registry.example.com/tool:1.0\n`;

testRule(rule, {
  kubernetes: {
    accept: [
      { name: 'an application namespace', code: k8sDeployment('') },
      { name: 'a namespace merely named like one', code: pod('kube-systems') },
      { name: 'the default namespace (D05.default-namespace)', code: pod('default') },
      {
        name: 'a ConfigMap in kube-system is no workload',
        code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: kube-system\ndata:\n  a: b\n',
      },
    ],
    reject: [
      {
        name: 'kube-system',
        code: pod('kube-system'),
        lines: [8],
        messageIncludes:
          'Pod/tool (namespace kube-system) in manifest.yaml runs in the system namespace kube-system',
        severity: 'medium',
      },
      { name: 'kube-public', code: pod('kube-public'), lines: [8], messageIncludes: 'kube-public' },
      { name: 'kube-node-lease', code: pod('kube-node-lease'), lines: [8] },
      {
        name: 'a DaemonSet',
        code: [
          'apiVersion: apps/v1',
          'kind: DaemonSet',
          'metadata:',
          '  name: agent',
          '  namespace: kube-system',
          'spec:',
          '  template:',
          '    spec:',
          '      containers:',
          '        - name: agent',
          '          image: registry.example.com/agent:1.0',
          '',
        ].join('\n'),
        lines: [10],
        messageIncludes: 'DaemonSet/agent (namespace kube-system)',
      },
    ],
  },
});
