import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testRule } from '../../../test/rule-tester.js';
import rule, { improperMembers, meetsProperly } from './mixed-tiers-network.js';

/** A compose project "shop" with the given services (body lines under the key) and top-level networks. */
function project(services: [name: string, ...lines: string[]][], networks: string[] = []): string {
  const lines = ['name: shop', 'services:'];
  for (const [name, ...body] of services)
    lines.push(`  ${name}:`, '    image: registry.example.com/app:1.0', ...body.map((l) => `    ${l}`));
  if (networks.length > 0) lines.push('networks:', ...networks.map((n) => `  ${n}: {}`));
  return `${lines.join('\n')}\n`;
}

/** A Deployment in namespace shop whose pods carry `labels`; its container is at line 13 of its document. */
function deployment(name: string, labels: string): string {
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

function policy(name: string, selector: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  podSelector: ${selector}\n`;
}

const doc = (...parts: string[]): string => parts.join('---\n');

const threeTiers = (web: string, api: string, db: string): string =>
  project(
    [
      ['web', 'labels: { tier: frontend }', `networks: ${web}`],
      ['api', 'labels: { tier: backend }', `networks: ${api}`],
      ['db', 'labels: { tier: db }', `networks: ${db}`],
    ],
    ['front', 'back'],
  );

testRule(rule, {
  compose: {
    accept: [
      {
        name: 'the API as the gateway between a front-end and a back-end network',
        code: threeTiers('[front]', '[front, back]', '[back]'),
      },
      {
        name: 'one network per tier',
        code: project(
          [
            ['web', 'labels: { tier: frontend }', 'networks: [front]'],
            ['db', 'labels: { tier: db }', 'networks: [back]'],
          ],
          ['front', 'back'],
        ),
      },
      {
        name: 'two services of one tier on one network',
        code: project([
          ['web', 'labels: { tier: frontend }'],
          ['static', 'labels: { tier: frontend }'],
        ]),
      },
      {
        name: 'a tier value that is not configured',
        code: project([
          ['web', 'labels: { tier: frontend }'],
          ['cache', 'labels: { tier: cache }'],
        ]),
      },
      { name: 'no tier labels', code: project([['web'], ['db']]) },
      {
        name: 'networks in the mapping form, with the gateway',
        code: project(
          [
            ['web', 'labels: { tier: frontend }', 'networks:', '  front: {}'],
            ['api', 'labels: { tier: backend }', 'networks:', '  front: {}', '  back:', '    aliases: [api]'],
          ],
          ['front', 'back'],
        ),
      },
    ],
    reject: [
      {
        name: 'front end and database on the default network',
        code: project([
          ['web', 'labels: { tier: frontend }'],
          ['db', 'labels: { tier: db }'],
        ]),
        lines: [3],
        messageIncludes:
          'network "default" of compose project "shop" joins the tiers frontend (service "web") and db (service "db") with no gateway service between them',
        severity: 'medium',
      },
      {
        name: 'front end and back end on one named network, reported at its declaration',
        code: project(
          [
            ['web', 'labels: { tier: frontend }', 'networks: [app]'],
            ['api', 'labels: { tier: backend }', 'networks: [app]'],
          ],
          ['app'],
        ),
        lines: [12],
        messageIncludes: 'network "app"',
      },
      {
        name: 'the database also on the front-end network',
        code: threeTiers('[front]', '[front, back]', '[front, back]'),
        lines: [16],
        messageIncludes: 'frontend (service "web") and db (service "db")',
      },
      {
        name: 'all three tiers on one network',
        code: threeTiers('[front]', '[front]', '[front]'),
        lines: [16],
        messageIncludes: 'frontend (service "web") and backend (service "api") and db (service "db")',
      },
      {
        name: 'the default network named beside another',
        code: project([
          ['web', 'labels: { tier: frontend }', 'networks: [default]'],
          ['api', 'labels: { tier: backend }', 'networks: [default, back]'],
          ['db', 'labels: { tier: db }', 'networks: [back]'],
          ['admin', 'labels: { tier: db }'],
        ]),
        lines: [6],
        messageIncludes:
          'network "default" of compose project "shop" joins the tiers frontend (service "web") and db (service "admin")',
      },
      {
        name: 'many services of one tier: three named, the rest counted',
        code: project([
          ...[1, 2, 3, 4, 5].map((i): [string, string] => [`web${i}`, 'labels: { tier: frontend }']),
          ['db', 'labels: { tier: db }'],
        ]),
        lines: [3],
        messageIncludes:
          'joins the tiers frontend (service "web1", service "web2", service "web3" and 2 more) and db (service "db")',
      },
      {
        name: 'a network not declared at the top level: at the first member',
        code: project([
          ['web', 'labels: { tier: frontend }', 'networks: [shared]'],
          ['db', 'labels: { tier: db }', 'networks: [shared]'],
        ]),
        lines: [6],
      },
    ],
  },
  kubernetes: {
    accept: [
      {
        name: 'a default-deny policy selects both tiers',
        code: doc(
          deployment('web', '{ tier: frontend }'),
          deployment('db', '{ tier: db }'),
          policy('deny', '{}'),
        ),
      },
      {
        name: 'a policy per tier',
        code: doc(
          deployment('web', '{ tier: frontend }'),
          deployment('db', '{ tier: db }'),
          policy('web', '{ matchLabels: { tier: frontend } }'),
          policy('db', '{ matchLabels: { tier: db } }'),
        ),
      },
      {
        name: 'a single tier',
        code: doc(deployment('web', '{ tier: frontend }'), deployment('web2', '{ tier: frontend }')),
      },
    ],
    reject: [
      {
        name: 'two tiers and no policy: each tier workload',
        code: doc(deployment('web', '{ tier: frontend }'), deployment('db', '{ tier: db }')),
        lines: [12, 26],
        messageIncludes: 'is selected by no NetworkPolicy in namespace shop, which also runs the tiers',
      },
      {
        name: 'only the tier no policy selects',
        code: doc(
          deployment('web', '{ tier: frontend }'),
          deployment('db', '{ tier: db }'),
          policy('db', '{ matchLabels: { tier: db } }'),
        ),
        lines: [12],
        messageIncludes:
          'Deployment/web (namespace shop) in manifest.yaml (tier frontend) is selected by no NetworkPolicy in namespace shop, which also runs the tiers db (Deployment/db (namespace shop))',
      },
      {
        name: "many workloads of one tier: three named in the others' messages, the rest counted",
        code: doc(
          deployment('db', '{ tier: db }'),
          ...[1, 2, 3, 4, 5].map((i) => deployment(`web${i}`, '{ tier: frontend }')),
          policy('web', '{ matchLabels: { tier: frontend } }'),
        ),
        lines: [12],
        messageIncludes:
          'which also runs the tiers frontend (Deployment/web1 (namespace shop), Deployment/web2 (namespace shop), Deployment/web3 (namespace shop) and 2 more)',
      },
    ],
  },
});

describe('improperMembers', () => {
  it('finds the members that meet some other member improperly, as comparing every pair does', () => {
    const tiers = ['frontend', 'backend', 'db'];
    const member = fc
      .record({ rank: fc.integer({ min: 0, max: 2 }), gateway: fc.boolean() })
      .map(({ rank, gateway }) => ({ tier: tiers[rank]!, rank, gateway }));
    fc.assert(
      fc.property(fc.array(member, { maxLength: 12 }), (members) => {
        const pairwise = members.filter((a) => members.some((b) => !meetsProperly(a, b)));
        expect(improperMembers(members)).toEqual(pairwise);
      }),
      { numRuns: 500 },
    );
  });
});
