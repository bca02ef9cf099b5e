import { k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './default-namespace.js';

const pod = (metadata: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\n${metadata}spec:\n  containers:\n    - name: tool\n      image: registry.example.com/tool:1.0\n`;

testRule(rule, {
  kubernetes: {
    accept: [
      { name: 'a namespace of its own', code: k8sDeployment('') },
      { name: 'a Pod in a named namespace', code: pod('  namespace: tools\n') },
      {
        name: 'objects that are not workloads',
        code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{ port: 80 }]\n',
      },
    ],
    reject: [
      {
        name: 'no namespace',
        code: pod(''),
        lines: [7],
        messageIncludes:
          'Pod/tool in manifest.yaml runs in the default namespace (metadata.namespace is default or unset)',
        severity: 'low',
      },
      { name: 'namespace: default', code: pod('  namespace: default\n'), lines: [8] },
      {
        name: 'one finding per object',
        code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n    - name: sidecar\n      image: registry.example.com/sidecar:1.0\n',
        lines: [7],
      },
      {
        name: 'only the objects in default',
        code: `${k8sDeployment('')}---\n${pod('')}`,
        lines: [19],
      },
    ],
  },
});
