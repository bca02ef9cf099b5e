import { expect, it } from 'vitest';
import {
  composeService,
  dockerRun,
  findingsFor,
  k8sDeployment,
  testRule,
} from '../../../test/rule-tester.js';
import rule from './no-pids-limit.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: '--pids-limit', code: dockerRun('--pids-limit 100') },
      { name: '--pids-limit=200', code: dockerRun('--pids-limit=200') },
    ],
    reject: [
      {
        name: 'no PIDs limit',
        code: dockerRun(''),
        lines: [1],
        messageIncludes: 'container "app" in run.sh has no PIDs limit',
      },
      {
        name: '--pids-limit -1, on a continuation line',
        code: dockerRun('-d \\\n  --pids-limit -1'),
        lines: [2],
        messageIncludes: 'which means unlimited',
      },
    ],
  },
  compose: {
    accept: [
      { name: 'pids_limit', code: composeService('pids_limit: 100') },
      {
        name: 'deploy.resources.limits.pids',
        code: composeService('deploy:\n  resources:\n    limits:\n      pids: 200'),
      },
      { name: 'interpolated', code: composeService('pids_limit: ${PIDS:-200}') },
    ],
    reject: [
      {
        name: 'no limit, at the service',
        code: composeService('mem_limit: 512m\ncpus: "1"'),
        lines: [2],
        messageIncludes: 'service "app" in compose.yaml has no PIDs limit',
        severity: 'medium',
      },
      {
        name: 'pids_limit: -1 means unlimited, at that line',
        code: composeService('mem_limit: 512m\npids_limit: -1'),
        lines: [5],
        messageIncludes: 'sets its PIDs limit to -1, which means unlimited',
      },
      {
        name: 'pids_limit: 0 means unlimited',
        code: composeService('pids_limit: 0'),
        lines: [4],
        messageIncludes: 'sets its PIDs limit to 0, which means unlimited',
      },
      {
        name: 'any negative pids_limit means unlimited',
        code: composeService('pids_limit: -10'),
        lines: [4],
        messageIncludes: 'sets its PIDs limit to -10, which means unlimited',
      },
      {
        name: 'deploy.resources.limits.pids: -1',
        code: composeService('deploy:\n  resources:\n    limits:\n      pids: -1'),
        lines: [7],
      },
      {
        name: 'ulimits nproc is not a PIDs limit',
        code: composeService('ulimits:\n  nproc: 65535'),
        lines: [2],
      },
    ],
  },
});

it('D07.no-pids-limit reports nothing for a Kubernetes container: a manifest cannot set a PIDs limit', async () => {
  expect(await findingsFor(rule, 'kubernetes', k8sDeployment(''))).toEqual([]);
  expect(
    await findingsFor(
      rule,
      'kubernetes',
      k8sDeployment('resources:\n  limits:\n    memory: 512Mi\n    cpu: 500m'),
    ),
  ).toEqual([]);
});
