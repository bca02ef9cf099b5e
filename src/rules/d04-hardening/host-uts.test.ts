import { composeService, dockerRun, testRule } from '../../../test/rule-tester.js';
import rule from './host-uts.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no --uts', code: dockerRun('') },
      { name: 'a host name of its own', code: dockerRun('--hostname host') },
    ],
    reject: [
      {
        name: '--uts host',
        code: dockerRun('--uts host'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh shares the host\'s UTS namespace',
      },
      { name: '--uts=host on a continuation line', code: dockerRun('-d \\\n  --uts=host'), lines: [2] },
    ],
  },
  compose: {
    accept: [
      { name: 'uts unset', code: composeService('') },
      { name: 'other namespaces shared', code: composeService('pid: host\nipc: host') },
    ],
    reject: [
      {
        code: composeService('uts: host'),
        lines: [4],
        messageIncludes: `service "app" in compose.yaml shares the host's UTS namespace`,
        severity: 'medium',
      },
      { name: 'after other keys', code: composeService('hostname: app\nuts: host'), lines: [5] },
    ],
  },
});
