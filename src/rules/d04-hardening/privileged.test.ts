import { composeService, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './privileged.js';

testRule(rule, {
  compose: {
    accept: [composeService(''), composeService('privileged: false'), composeService('privileged: "false"')],
    reject: [
      { code: composeService('privileged: true'), lines: [4], messageIncludes: 'service "app"' },
      { name: 'interpolated', code: composeService('privileged: ${PRIV:-true}'), lines: [4] },
      {
        name: 'inherited through extends',
        code: 'services:\n  base:\n    image: x:1\n    privileged: true\n  app:\n    extends: base\n',
        lines: [4],
        messageIncludes: 'also applies to service "app"',
      },
    ],
  },
  kubernetes: {
    accept: [k8sDeployment(''), k8sDeployment('securityContext:\n  privileged: false')],
    reject: [
      {
        code: k8sDeployment('securityContext:\n  privileged: true'),
        lines: [13],
        messageIncludes: 'container "app" of Deployment/web',
        severity: 'critical',
      },
    ],
  },
});
