import { composeService, dockerRun, testRule } from '../../../test/rule-tester.js';
import rule from './oom-kill-disabled.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'not set', code: dockerRun('') },
      { name: 'false', code: dockerRun('--oom-kill-disable=false -m 512m') },
      { name: 'false without a memory limit', code: dockerRun('--oom-kill-disable=false') },
    ],
    reject: [
      {
        name: 'disabled without a memory limit: high',
        code: dockerRun('--oom-kill-disable'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh disables the OOM killer and has no memory limit',
        severity: 'high',
      },
      {
        name: 'disabled with --memory 0 (unlimited): high',
        code: dockerRun('--memory 0 --oom-kill-disable'),
        lines: [1],
        severity: 'high',
      },
      {
        name: 'disabled with -m: low',
        code: dockerRun('-m 512m \\\n  --oom-kill-disable'),
        lines: [2],
        messageIncludes: 'at its memory limit (512m) it hangs instead of being restarted',
        severity: 'low',
      },
      {
        name: '--oom-kill-disable=true with --memory=1g: low',
        code: dockerRun('--oom-kill-disable=true --memory=1g'),
        lines: [1],
        severity: 'low',
      },
    ],
  },
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
