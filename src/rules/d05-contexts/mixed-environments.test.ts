import { testRule } from '../../../test/rule-tester.js';
import rule from './mixed-environments.js';

/** A compose project "shop" (line 1) with the given services; service bodies as lines under the key. */
function project(...services: [name: string, ...lines: string[]][]): string {
  const lines = ['name: shop', 'services:'];
  for (const [name, ...body] of services)
    lines.push(`  ${name}:`, '    image: registry.example.com/app:1.0', ...body.map((l) => `    ${l}`));
  return `${lines.join('\n')}\n`;
}

/** A Pod in `namespace` with labels (a flow mapping); its container is at line 9. */
function pod(name: string, namespace: string, labels: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    `  labels: ${labels}`,
    'spec:',
    '  containers:',
    '    - name: app',
    '      image: registry.example.com/app:1.0',
    '',
  ].join('\n');
}

const doc = (...parts: string[]): string => parts.join('---\n');

testRule(rule, {
  compose: {
    accept: [
      { name: 'no labels', code: project(['web'], ['db']) },
      {
        name: 'all production',
        code: project(['web', 'labels: { env: production }'], ['db', 'labels: { env: prod }']),
      },
      {
        name: 'production and unlabelled',
        code: project(['web', 'labels: { env: production }'], ['tool']),
      },
      {
        name: 'all non-production',
        code: project(['web', 'labels: { env: test }'], ['db', 'labels: { stage: staging }']),
      },
      {
        name: 'a label key that is not an environment key',
        code: project(['web', 'labels: { env: production }'], ['db', 'labels: { team: test }']),
      },
      {
        name: 'different keys, both production',
        code: project(['web', 'labels: { environment: Production }'], ['db', 'labels: [stage=prod]']),
      },
    ],
    reject: [
      {
        name: 'production and test',
        code: project(['web', 'labels: { env: production }'], ['web-test', 'labels: { env: test }']),
        lines: [6],
        messageIncludes:
          'service "web-test" in compose.yaml (env=test) is deployed in compose project "shop" together with production workloads (service "web")',
        severity: 'medium',
      },
      {
        name: 'production values are case-insensitive',
        code: project(['web', 'labels: { env: PROD }'], ['debug', 'labels: { env: dev }']),
        lines: [6],
      },
      {
        name: 'labels in list form',
        code: project(
          ['web', 'labels:', '  - "environment=production"'],
          ['staging', 'labels:', '  - "environment=staging"'],
        ),
        lines: [7],
        messageIncludes: '(environment=staging)',
      },
      {
        name: 'every non-production service, at its key',
        code: project(
          ['web', 'labels: { stage: dev }'],
          ['api', 'labels: { stage: prod }'],
          ['db', 'labels: { stage: qa }'],
        ),
        lines: [3, 9],
      },
    ],
  },
  kubernetes: {
    accept: [
      {
        name: 'environments in separate namespaces',
        code: doc(
          pod('web', 'shop', '{ env: prod }'),
          pod('web-staging', 'shop-staging', '{ env: staging }'),
        ),
      },
      {
        name: 'all production',
        code: doc(pod('web', 'shop', '{ env: prod }'), pod('db', 'shop', '{ env: production }')),
      },
      {
        name: 'no environment labels',
        code: doc(pod('web', 'shop', '{ app: web }'), pod('db', 'shop', '{ app: db }')),
      },
    ],
    reject: [
      {
        name: 'production and staging in one namespace',
        code: doc(pod('web', 'shop', '{ env: prod }'), pod('web-staging', 'shop', '{ env: staging }')),
        lines: [20],
        messageIncludes:
          'Pod/web-staging (namespace shop) in manifest.yaml (env=staging) is deployed in namespace shop together with production workloads (Pod/web (namespace shop))',
      },
      {
        name: 'pod template labels of a Deployment',
        code: doc(
          pod('web', 'shop', '{ env: prod }'),
          [
            'apiVersion: apps/v1',
            'kind: Deployment',
            'metadata:',
            '  name: loadtest',
            '  namespace: shop',
            'spec:',
            '  template:',
            '    metadata:',
            '      labels: { env: test }',
            '    spec:',
            '      containers:',
            '        - name: locust',
            '          image: registry.example.com/locust:2.0',
            '',
          ].join('\n'),
        ),
        lines: [23],
        messageIncludes: 'Deployment/loadtest (namespace shop)',
      },
    ],
  },
});
