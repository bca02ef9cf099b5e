import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './privileged.js';

testRule(rule, {
  'docker-run': {
    accept: [dockerRun(''), dockerRun('--privileged=false'), dockerRun('--cap-add NET_ADMIN')],
    reject: [
      {
        code: dockerRun('--privileged'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh runs privileged',
        severity: 'critical',
      },
      { name: '--privileged=true', code: dockerRun('--privileged=true'), lines: [1] },
      { name: 'on a continuation line', code: dockerRun('-d \\\n  --privileged'), lines: [2] },
      {
        name: 'sudo, podman and $(…), one finding each',
        code: 'sudo docker run --privileged a:1\nid=$(podman create --privileged b:1)\n',
        lines: [1, 2],
      },
    ],
  },
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
