import { composeService, testRule } from '../../../test/rule-tester.js';
import rule from './host-uts.js';

testRule(rule, {
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
