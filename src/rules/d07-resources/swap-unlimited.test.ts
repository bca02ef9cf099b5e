import { composeService, dockerRun, testRule } from '../../../test/rule-tester.js';
import rule from './swap-unlimited.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no limits', code: dockerRun('') },
      { name: 'memory only: swap defaults to the same amount again', code: dockerRun('--memory 1g') },
      { name: 'swap equal to memory (none)', code: dockerRun('-m 512m --memory-swap 512m') },
      { name: 'swap bounded', code: dockerRun('--memory 1g --memory-swap 2g') },
      {
        name: 'unlimited swap without a memory limit (D07.no-memory-limit)',
        code: dockerRun('--memory-swap -1'),
      },
    ],
    reject: [
      {
        name: '--memory-swap -1',
        code: dockerRun('--memory 1g --memory-swap -1'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh limits memory to 1g but allows unlimited swap',
        severity: 'low',
      },
      {
        name: '--memory-swap=-1 on a continuation line',
        code: dockerRun('-m 512m \\\n  --memory-swap=-1'),
        lines: [2],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no limits', code: composeService('') },
      {
        name: 'memory only: swap defaults to the same amount again',
        code: composeService('mem_limit: 512m'),
      },
      { name: 'swap equal to memory (none)', code: composeService('mem_limit: 512m\nmemswap_limit: 512m') },
      { name: 'swap bounded', code: composeService('mem_limit: 512m\nmemswap_limit: 1g') },
      {
        name: 'unlimited swap without a memory limit (D07.no-memory-limit)',
        code: composeService('memswap_limit: -1'),
      },
      { name: 'a memory limit of 0 is none', code: composeService('mem_limit: 0\nmemswap_limit: -1') },
    ],
    reject: [
      {
        name: 'memswap_limit -1',
        code: composeService('mem_limit: 512m\nmemswap_limit: -1'),
        lines: [5],
        messageIncludes: 'service "app" in compose.yaml limits memory to 512m but allows unlimited swap',
        severity: 'low',
      },
      {
        name: 'quoted, with the limit under deploy',
        code: composeService('memswap_limit: "-1"\ndeploy:\n  resources:\n    limits:\n      memory: 256M'),
        lines: [4],
      },
    ],
  },
});
