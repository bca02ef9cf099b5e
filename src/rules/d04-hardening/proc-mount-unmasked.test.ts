import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './proc-mount-unmasked.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'not set', code: dockerRun('') },
      {
        name: 'other security options',
        code: dockerRun('--security-opt no-new-privileges --security-opt seccomp=default.json'),
      },
      {
        name: 'the unconfined seccomp profile is another rule',
        code: dockerRun('--security-opt seccomp=unconfined'),
      },
    ],
    reject: [
      {
        name: '--security-opt systempaths=unconfined',
        code: dockerRun('--security-opt systempaths=unconfined'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh mounts /proc unmasked',
        severity: 'high',
      },
      { name: '--security-opt=…', code: dockerRun('--security-opt=systempaths=unconfined'), lines: [1] },
      {
        name: 'among other options, on its line',
        code: dockerRun('--security-opt no-new-privileges \\\n  --security-opt systempaths=unconfined'),
        lines: [2],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'not set', code: composeService('') },
      {
        name: 'other security options',
        code: composeService('security_opt:\n  - no-new-privileges:true\n  - seccomp=default.json'),
      },
      {
        name: 'systempaths with another value',
        code: composeService('security_opt:\n  - systempaths=default'),
      },
    ],
    reject: [
      {
        name: 'systempaths=unconfined',
        code: composeService('security_opt:\n  - systempaths=unconfined'),
        lines: [5],
        messageIncludes: 'service "app" in compose.yaml mounts /proc unmasked',
        severity: 'high',
      },
      {
        name: 'colon separator',
        code: composeService('security_opt:\n  - systempaths:unconfined'),
        lines: [5],
      },
      { name: 'upper case', code: composeService('security_opt:\n  - systempaths=UNCONFINED'), lines: [5] },
      {
        name: 'among other options',
        code: composeService('security_opt:\n  - no-new-privileges:true\n  - systempaths=unconfined'),
        lines: [6],
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'not set', code: k8sDeployment('') },
      { name: 'Default', code: k8sDeployment('securityContext:\n  procMount: Default', 'hostUsers: false') },
    ],
    reject: [
      {
        name: 'Unmasked',
        code: k8sDeployment('securityContext:\n  procMount: Unmasked', 'hostUsers: false'),
        lines: [13],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml mounts /proc unmasked',
      },
    ],
  },
});
