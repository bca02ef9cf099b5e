import { composeService, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './proc-mount-unmasked.js';

testRule(rule, {
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
