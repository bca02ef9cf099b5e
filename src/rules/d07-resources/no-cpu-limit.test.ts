import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './no-cpu-limit.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: '--cpus', code: dockerRun('--cpus 0.5') },
      { name: '--cpus=2', code: dockerRun('--cpus=2') },
      { name: 'a CFS quota', code: dockerRun('--cpu-quota 50000') },
    ],
    reject: [
      {
        name: 'no CPU limit',
        code: dockerRun('-m 256m'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh has no CPU limit',
      },
      {
        name: '--cpus 0, on a continuation line',
        code: dockerRun('-d \\\n  --cpus 0'),
        lines: [2],
        messageIncludes: 'which means unlimited',
      },
      { name: 'CPU shares are a weight, not a limit', code: dockerRun('-c 512'), lines: [1] },
    ],
  },
  compose: {
    accept: [
      { name: 'cpus', code: composeService('cpus: "0.5"') },
      { name: 'cpus as a number', code: composeService('cpus: 2') },
      {
        name: 'deploy.resources.limits.cpus',
        code: composeService('deploy:\n  resources:\n    limits:\n      cpus: "0.50"'),
      },
      { name: 'cpu_quota', code: composeService('cpu_quota: 50000') },
    ],
    reject: [
      {
        name: 'no limit, at the service',
        code: composeService(''),
        lines: [2],
        messageIncludes: 'service "app" in compose.yaml has no CPU limit',
        severity: 'medium',
      },
      {
        name: 'only a reservation',
        code: composeService('deploy:\n  resources:\n    reservations:\n      cpus: "0.25"'),
        lines: [2],
      },
      { name: 'cpu_shares is a weight, not a limit', code: composeService('cpu_shares: 512'), lines: [2] },
      { name: 'only a memory limit', code: composeService('mem_limit: 512m'), lines: [2] },
      {
        name: 'cpus: 0 means unlimited, at that line',
        code: composeService('mem_limit: 512m\ncpus: 0'),
        lines: [5],
        messageIncludes: 'sets its CPU limit to 0, which means unlimited',
      },
      {
        name: 'deploy.resources.limits.cpus: "0.0"',
        code: composeService('deploy:\n  resources:\n    limits:\n      cpus: "0.0"'),
        lines: [7],
        messageIncludes: 'which means unlimited',
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'limits.cpu', code: k8sDeployment('resources:\n  limits:\n    cpu: 500m') },
      { name: 'whole cores', code: k8sDeployment('resources:\n  limits:\n    cpu: 2') },
    ],
    reject: [
      {
        name: 'no resources, at the container',
        code: k8sDeployment(''),
        lines: [10],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml has no CPU limit',
      },
      {
        name: 'requests only',
        code: k8sDeployment('resources:\n  requests:\n    cpu: 100m'),
        lines: [10],
      },
      {
        name: 'a memory limit only',
        code: k8sDeployment('resources:\n  limits:\n    memory: 512Mi'),
        lines: [10],
      },
      {
        name: 'a zero limit',
        code: k8sDeployment('resources:\n  limits:\n    memory: 512Mi\n    cpu: "0"'),
        lines: [15],
      },
    ],
  },
});
