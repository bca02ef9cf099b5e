import { k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './no-network-policy.js';

/** A Deployment `name` in namespace shop whose pods carry `labels` (a flow mapping); its container at line 13. */
function labelled(name: string, labels: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    'spec:',
    '  template:',
    '    metadata:',
    `      labels: ${labels}`,
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: registry.example.com/app:1.0',
    '',
  ].join('\n');
}

function policy(name: string, selector: string, namespace = 'shop'): string {
  return [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    `  podSelector: ${selector}`,
    '  policyTypes: [Ingress]',
    '',
  ].join('\n');
}

const doc = (...parts: string[]): string => parts.join('---\n');

testRule(rule, {
  kubernetes: {
    accept: [
      {
        name: 'a default-deny policy (empty podSelector)',
        code: doc(k8sDeployment(''), policy('deny', '{}')),
      },
      {
        name: 'a policy matching the pod labels',
        code: doc(labelled('web', '{ app: web }'), policy('web', '{ matchLabels: { app: web } }')),
      },
      {
        name: 'matchLabels is a subset of the pod labels',
        code: doc(
          labelled('web', '{ app: web, tier: frontend, version: "2" }'),
          policy('frontend', '{ matchLabels: { tier: frontend } }'),
        ),
      },
      {
        name: 'every Deployment selected by some policy',
        code: doc(
          labelled('web', '{ app: web }'),
          labelled('db', '{ app: db }'),
          policy('web', '{ matchLabels: { app: web } }'),
          policy('db', '{ matchLabels: { app: db } }'),
        ),
      },
      { name: 'the policy may come first', code: doc(policy('deny', '{}'), k8sDeployment('')) },
      {
        name: 'matchExpressions In selecting the pod',
        code: doc(
          labelled('web', '{ app: web }'),
          policy('web', '{ matchExpressions: [{ key: app, operator: In, values: [web, api] }] }'),
        ),
      },
      {
        name: 'matchExpressions Exists selecting the pod',
        code: doc(
          labelled('web', '{ app: web }'),
          policy('any-app', '{ matchExpressions: [{ key: app, operator: Exists }] }'),
        ),
      },
      {
        name: 'a namespace with only a ConfigMap',
        code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\ndata:\n  a: b\n',
      },
    ],
    reject: [
      {
        name: 'matchExpressions that leave the pod out',
        code: doc(
          labelled('web', '{ app: web }'),
          policy('not-web', '{ matchExpressions: [{ key: app, operator: NotIn, values: [web] }] }'),
        ),
        lines: [12],
        messageIncludes: 'Deployment/web',
      },
      {
        name: 'a Deployment and no policy',
        code: k8sDeployment(''),
        lines: [10],
        messageIncludes:
          'Deployment/web (namespace shop) in manifest.yaml is selected by no NetworkPolicy: namespace shop has none',
        severity: 'medium',
      },
      {
        name: 'a policy in another namespace does not count',
        code: doc(k8sDeployment(''), policy('deny', '{}', 'other')),
        lines: [10],
      },
      {
        name: 'a policy that selects other pods',
        code: doc(labelled('web', '{ app: web }'), policy('db-only', '{ matchLabels: { app: db } }')),
        lines: [12],
        messageIncludes: 'is selected by none of the NetworkPolicies of namespace shop (db-only)',
      },
      {
        name: 'many policies that select other pods: five named, the rest counted',
        code: doc(
          labelled('web', '{ app: web }'),
          ...[1, 2, 3, 4, 5, 6, 7].map((i) => policy(`only-${i}`, `{ matchLabels: { app: app${i} } }`)),
        ),
        lines: [12],
        messageIncludes:
          'is selected by none of the NetworkPolicies of namespace shop (only-1, only-2, only-3, only-4, only-5 and 2 more)',
      },
      {
        name: 'matchLabels asking for more labels than the pod has',
        code: doc(
          labelled('web', '{ app: web }'),
          policy('strict', '{ matchLabels: { app: web, tier: frontend } }'),
        ),
        lines: [12],
      },
      {
        name: 'a different value for the same key',
        code: doc(labelled('web', '{ app: web }'), policy('api', '{ matchLabels: { app: api } }')),
        lines: [12],
      },
      {
        name: 'only the Deployment no policy selects',
        code: doc(
          labelled('web', '{ app: web }'),
          labelled('db', '{ app: db }'),
          policy('web', '{ matchLabels: { app: web } }'),
        ),
        lines: [26],
        messageIncludes: 'Deployment/db (namespace shop)',
      },
      {
        name: 'one finding per object, not per container',
        code: k8sDeployment('', 'initContainers:\n  - name: init\n    image: registry.example.com/init:1.0'),
        lines: [10],
      },
      {
        name: 'a Pod in the default namespace',
        code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\nspec:\n  containers:\n    - name: tool\n      image: registry.example.com/tool:1.0\n',
        lines: [7],
        messageIncludes:
          'Pod/tool in manifest.yaml is selected by no NetworkPolicy: namespace default has none',
      },
    ],
  },
});
