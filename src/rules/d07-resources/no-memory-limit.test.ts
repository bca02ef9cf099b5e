import { describe, expect, it } from 'vitest';
import {
  composeService,
  dockerRun,
  findingsFor,
  k8sDeployment,
  testRule,
} from '../../../test/rule-tester.js';
import rule from './no-memory-limit.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: '-m', code: dockerRun('-m 256m') },
      { name: '--memory=1g', code: dockerRun('--memory=1g') },
      { name: 'in a flag group', code: dockerRun('-dm512m') },
    ],
    reject: [
      {
        name: 'no memory limit',
        code: dockerRun('--cpus 1'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh has no memory limit',
      },
      {
        name: '--memory 0, on a continuation line',
        code: dockerRun('-d \\\n  --memory 0'),
        lines: [2],
        messageIncludes: 'which means unlimited',
      },
      { name: 'a reservation is not a limit', code: dockerRun('--memory-reservation 128m'), lines: [1] },
    ],
  },
  compose: {
    accept: [
      { name: 'mem_limit', code: composeService('mem_limit: 512m') },
      { name: 'mem_limit in bytes', code: composeService('mem_limit: 536870912') },
      {
        name: 'deploy.resources.limits.memory',
        code: composeService('deploy:\n  resources:\n    limits:\n      memory: 512M'),
      },
      { name: 'interpolated', code: composeService('mem_limit: ${APP_MEMORY:-256m}') },
      { name: 'a fraction of a gigabyte', code: composeService('mem_limit: 0.5g') },
    ],
    reject: [
      {
        name: 'no limit, at the service',
        code: composeService(''),
        lines: [2],
        messageIncludes: 'service "app" in compose.yaml has no memory limit',
        severity: 'medium',
      },
      {
        name: 'only a reservation',
        code: composeService('deploy:\n  resources:\n    reservations:\n      memory: 256M'),
        lines: [2],
      },
      { name: 'only a CPU limit', code: composeService('cpus: "0.5"'), lines: [2] },
      {
        name: 'mem_limit: 0 means unlimited, at that line',
        code: composeService('cpus: "1"\nmem_limit: 0'),
        lines: [5],
        messageIncludes: 'sets its memory limit to 0, which means unlimited',
      },
      {
        name: 'mem_limit: -1 means unlimited',
        code: composeService('mem_limit: -1'),
        lines: [4],
        messageIncludes: 'which means unlimited',
      },
      {
        name: 'deploy.resources.limits.memory: 0',
        code: composeService('deploy:\n  resources:\n    limits:\n      memory: "0"'),
        lines: [7],
      },
      {
        name: 'each service',
        code: 'services:\n  web:\n    image: x:1\n    mem_limit: 256m\n  worker:\n    image: y:1\n  cache:\n    image: z:1\n',
        lines: [5, 7],
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'limits.memory', code: k8sDeployment('resources:\n  limits:\n    memory: 512Mi') },
      {
        name: 'requests and limits',
        code: k8sDeployment(
          'resources:\n  requests:\n    memory: 256Mi\n  limits:\n    memory: 512Mi\n    cpu: 500m',
        ),
      },
    ],
    reject: [
      {
        name: 'no resources, at the container',
        code: k8sDeployment(''),
        lines: [10],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml has no memory limit',
      },
      {
        name: 'requests only',
        code: k8sDeployment('resources:\n  requests:\n    memory: 256Mi\n    cpu: 100m'),
        lines: [10],
      },
      { name: 'a CPU limit only', code: k8sDeployment('resources:\n  limits:\n    cpu: "1"'), lines: [10] },
      {
        name: 'a zero limit',
        code: k8sDeployment('resources:\n  limits:\n    memory: "0"'),
        lines: [14],
        messageIncludes: 'which means unlimited',
      },
    ],
  },
});

// Known bug of the compose source (src/sources/compose/load.ts, ServiceResolver.merge): this case states the
// correct behaviour and fails until the source is fixed.
describe('D07.no-memory-limit, compose: `extends` merges `deploy` recursively', () => {
  it('keeps the inherited deploy.resources.limits when the extending service sets reservations', async () => {
    const code = [
      'services:',
      '  base:',
      '    image: x:1',
      '    deploy:',
      '      resources:',
      '        limits:',
      '          memory: 512M',
      '  app:',
      '    extends: base',
      '    deploy:',
      '      resources:',
      '        reservations:',
      '          memory: 256M',
      '',
    ].join('\n');
    const findings = await findingsFor(rule, 'compose', code);
    // Compose merges mappings recursively: app has limits.memory 512M and reservations.memory 256M.
    expect(findings.map((f) => f.message)).toEqual([]);
  });
});
