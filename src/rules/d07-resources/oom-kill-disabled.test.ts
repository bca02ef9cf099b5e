import { composeService, testRule } from '../../../test/rule-tester.js';
import rule from './oom-kill-disabled.js';

testRule(rule, {
  compose: {
    accept: [
      { name: 'not set', code: composeService('') },
      { name: 'false', code: composeService('oom_kill_disable: false\nmem_limit: 512m') },
      { name: 'false without a memory limit', code: composeService('oom_kill_disable: false') },
    ],
    reject: [
      {
        name: 'disabled without a memory limit: high',
        code: composeService('oom_kill_disable: true'),
        lines: [4],
        messageIncludes: 'service "app" in compose.yaml disables the OOM killer and has no memory limit',
        severity: 'high',
      },
      {
        name: 'disabled with a memory limit of 0 (unlimited): high',
        code: composeService('oom_kill_disable: true\nmem_limit: 0'),
        lines: [4],
        severity: 'high',
      },
      {
        name: 'disabled with a memory limit: low',
        code: composeService('mem_limit: 512m\noom_kill_disable: true'),
        lines: [5],
        messageIncludes: 'at its memory limit (512m) it hangs instead of being restarted',
        severity: 'low',
      },
      {
        name: 'a limit under deploy.resources: low',
        code: composeService(
          'oom_kill_disable: "true"\ndeploy:\n  resources:\n    limits:\n      memory: 256M',
        ),
        lines: [4],
        severity: 'low',
      },
    ],
  },
});
