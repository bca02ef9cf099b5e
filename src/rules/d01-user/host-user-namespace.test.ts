import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './host-user-namespace.js';

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'not set', code: dockerRun('') },
      { name: 'a Podman mode', code: dockerRun('--userns=keep-id') },
      { name: 'a private namespace', code: dockerRun('--userns private') },
      { name: 'host PID is another rule', code: dockerRun('--pid host') },
    ],
    reject: [
      {
        name: '--userns=host',
        code: dockerRun('--userns=host'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh runs in the host\'s user namespace',
        severity: 'medium',
      },
      { name: '--userns host', code: dockerRun('--userns host'), lines: [1] },
      { name: 'on a continuation line', code: dockerRun('-d \\\n  --userns=host'), lines: [2] },
    ],
  },
  compose: {
    accept: [
      { name: 'not set', code: composeService('') },
      { name: 'a private user namespace', code: composeService('userns_mode: private') },
      { name: 'an empty value', code: composeService('userns_mode: ""') },
      { name: 'host PID is another rule', code: composeService('pid: host') },
    ],
    reject: [
      {
        name: 'userns_mode: host',
        code: composeService('userns_mode: host'),
        lines: [4],
        messageIncludes: 'service "app" in compose.yaml runs in the host\'s user namespace',
        severity: 'medium',
      },
      { name: 'upper case', code: composeService('userns_mode: HOST'), lines: [4] },
      { name: 'quoted', code: composeService('userns_mode: "host"'), lines: [4] },
      { name: 'interpolated default', code: composeService('userns_mode: ${USERNS:-host}'), lines: [4] },
      {
        name: 'inherited through extends, at the base service',
        code: 'services:\n  base:\n    image: x:1\n    userns_mode: host\n  app:\n    extends: base\n',
        lines: [4],
        messageIncludes: 'also applies to service "app"',
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'not set (the platform default)', code: k8sDeployment('') },
      { name: 'hostUsers: false', code: k8sDeployment('', 'hostUsers: false') },
    ],
    reject: [
      {
        name: 'hostUsers: true',
        code: k8sDeployment('', 'hostUsers: true'),
        lines: [12],
        messageIncludes: 'container "app" of Deployment/web (namespace shop)',
      },
      {
        name: 'one finding for every container of the pod',
        code: k8sDeployment(
          '',
          'hostUsers: true\ninitContainers:\n  - name: init\n    image: registry.example.com/init:1.0',
        ),
        lines: [12],
        messageIncludes: '(also applies to ',
      },
    ],
  },
});
