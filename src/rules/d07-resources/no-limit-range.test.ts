import { k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './no-limit-range.js';

const control = (kind: string, namespace = 'shop'): string =>
  `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: defaults\n  namespace: ${namespace}\nspec: {}\n`;

const doc = (...parts: string[]): string => parts.join('---\n');

testRule(rule, {
  kubernetes: {
    accept: [
      { name: 'a LimitRange', code: doc(k8sDeployment(''), control('LimitRange')) },
      { name: 'a ResourceQuota', code: doc(control('ResourceQuota'), k8sDeployment('')) },
      {
        name: 'a namespace without workloads',
        code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\ndata:\n  a: b\n',
      },
      {
        name: 'a LimitRange in a List',
        code: doc(
          k8sDeployment(''),
          `apiVersion: v1\nkind: List\nitems:\n  - ${control('LimitRange').replace(/\n(?=.)/g, '\n    ')}`,
        ),
      },
    ],
    reject: [
      {
        name: 'no LimitRange or ResourceQuota',
        code: k8sDeployment(''),
        lines: [10],
        messageIncludes:
          'namespace shop has workloads (first: container "app" of Deployment/web (namespace shop) in manifest.yaml) but no LimitRange or ResourceQuota',
        severity: 'low',
      },
      {
        name: 'a LimitRange of another namespace',
        code: doc(k8sDeployment(''), control('LimitRange', 'other')),
        lines: [10],
      },
      {
        name: 'one finding per namespace',
        code: doc(
          k8sDeployment(''),
          'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\n  namespace: shop\nspec:\n  containers:\n    - name: tool\n      image: registry.example.com/tool:1.0\n',
        ),
        lines: [10],
      },
    ],
  },
});
