import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './workload-root-user.js';

/** A Pod `web`: container `app` sets runAsUser 0 at line 10, the pod sets runAsUser 1000 at line 12. */
const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
      securityContext:
        runAsUser: 0
  securityContext:
    runAsUser: 1000
`;

const withInit = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com/migrate:1.0
      containers:
        - name: app
          image: registry.example.com/app:1.0
          securityContext:
            runAsUser: 10001
`;

const cronJob = (containerSecurity: string): string => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: backup
              image: registry.example.com/backup:1.0
${containerSecurity}`;

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'a numeric user', code: dockerRun('-u 10001') },
      { name: 'user and group', code: dockerRun('--user=10001:10001') },
      { name: 'a user name', code: dockerRun('--user app') },
      { name: 'a user in a combined flag group', code: dockerRun('-itu 10001') },
      { name: 'a variable, unknown until the script runs', code: dockerRun('--user "$APP_UID"') },
    ],
    reject: [
      {
        name: 'user root',
        code: dockerRun('-u root'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh runs as root (user root)',
        severity: 'high',
      },
      { name: '--user=0', code: dockerRun('--user=0'), lines: [1], severity: 'high' },
      { name: 'user 0:0, reported once', code: dockerRun('-u 0:0'), lines: [1], severity: 'high' },
      {
        name: 'no user',
        code: dockerRun('-d'),
        lines: [1],
        messageIncludes: 'sets no user',
        severity: 'medium',
      },
      {
        name: 'the root group with a non-root user',
        code: dockerRun('-u 1000:0'),
        lines: [1],
        messageIncludes: 'root as its primary group (group 0)',
        severity: 'medium',
      },
      {
        name: 'root on a continuation line',
        code: 'docker run --name app \\\n  -d \\\n  --user root \\\n  registry.example.com/app:1.0\n',
        lines: [3],
        severity: 'high',
      },
      {
        name: 'one finding per run line',
        code: 'docker run -u 1000 a:1\nsudo docker run -u root b:1\npodman run c:1\n',
        lines: [2, 3],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'a numeric user', code: composeService('user: "10001"') },
      { name: 'a numeric user written as a YAML number', code: composeService('user: 10001') },
      { name: 'user and group', code: composeService('user: "10001:10001"') },
      { name: 'a user name', code: composeService('user: app') },
      { name: 'a user name with a group name', code: composeService('user: app:app') },
      { name: 'an interpolated non-root user', code: composeService('user: "${APP_UID:-10001}"') },
      {
        name: 'a user inherited through extends',
        code: 'services:\n  base:\n    image: x:1\n    user: "10001"\n  app:\n    extends: base\n',
      },
    ],
    reject: [
      {
        name: 'user root',
        code: composeService('user: root'),
        lines: [4],
        messageIncludes: 'service "app" in compose.yaml runs as root (user root)',
        severity: 'high',
      },
      { name: 'user "0"', code: composeService('user: "0"'), lines: [4], severity: 'high' },
      { name: 'user 0 as a YAML number', code: composeService('user: 0'), lines: [4], severity: 'high' },
      {
        name: 'user "0:0" (reported once, as root)',
        code: composeService('user: "0:0"'),
        lines: [4],
        messageIncludes: 'runs as root (user 0:0)',
        severity: 'high',
      },
      { name: 'user root:root', code: composeService('user: root:root'), lines: [4], severity: 'high' },
      {
        name: 'an interpolated root default',
        code: composeService('user: "${APP_UID:-0}"'),
        lines: [4],
        severity: 'high',
      },
      {
        name: 'no user',
        code: composeService(''),
        lines: [2],
        messageIncludes: 'sets no user',
        severity: 'medium',
      },
      {
        name: 'the root group with a non-root user',
        code: composeService('user: "1000:0"'),
        lines: [4],
        messageIncludes: 'root as its primary group (group 0)',
        severity: 'medium',
      },
      {
        name: 'the root group by name',
        code: composeService('user: app:root'),
        lines: [4],
        messageIncludes: 'group root',
        severity: 'medium',
      },
      {
        name: 'one finding per service',
        code: 'services:\n  web:\n    image: x:1\n    user: root\n  worker:\n    image: y:1\n    user: "1000"\n  db:\n    image: z:1\n',
        lines: [4, 8],
      },
      {
        name: 'root inherited through extends',
        code: 'services:\n  base:\n    image: x:1\n    user: root\n  app:\n    extends: base\n',
        lines: [4],
        messageIncludes: 'also applies to service "app"',
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'runAsUser on the container', code: k8sDeployment('securityContext:\n  runAsUser: 10001') },
      {
        name: 'runAsNonRoot on the container',
        code: k8sDeployment('securityContext:\n  runAsNonRoot: true'),
      },
      {
        name: 'runAsNonRoot true at pod level, inherited',
        code: k8sDeployment('', 'securityContext:\n  runAsNonRoot: true'),
      },
      {
        name: 'runAsUser 1000 at pod level, inherited',
        code: k8sDeployment('', 'securityContext:\n  runAsUser: 1000'),
      },
      {
        name: 'user, group and runAsNonRoot together',
        code: k8sDeployment(
          'securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\n  runAsGroup: 10001',
        ),
      },
      {
        name: 'a container runAsUser overriding a pod-level root user',
        code: k8sDeployment('securityContext:\n  runAsUser: 10001', 'securityContext:\n  runAsUser: 0'),
      },
      {
        name: 'a CronJob with runAsUser set',
        code: cronJob('              securityContext:\n                runAsUser: 10001\n'),
      },
    ],
    reject: [
      {
        name: 'runAsUser 0 on the container',
        code: k8sDeployment('securityContext:\n  runAsUser: 0'),
        lines: [13],
        messageIncludes: 'container "app" of Deployment/web (namespace shop) in manifest.yaml runs as root',
        severity: 'high',
      },
      {
        name: 'no user anywhere (reported at the container name)',
        code: k8sDeployment(''),
        lines: [10],
        messageIncludes: 'sets no user',
        severity: 'medium',
      },
      {
        name: 'a container runAsUser 0 overriding a pod-level 1000',
        code: k8sDeployment('securityContext:\n  runAsUser: 0', 'securityContext:\n  runAsUser: 1000'),
        lines: [13],
        severity: 'high',
      },
      {
        name: 'runAsUser 0 at pod level, inherited',
        code: k8sDeployment('', 'securityContext:\n  runAsUser: 0'),
        lines: [13],
        severity: 'high',
      },
      {
        name: 'a container runAsUser 0 in a Pod overriding a pod-level 1000',
        code: pod,
        lines: [10],
        messageIncludes: 'container "app" of Pod/web in manifest.yaml',
      },
      {
        name: 'runAsGroup 0 with a non-root user',
        code: k8sDeployment('securityContext:\n  runAsUser: 10001\n  runAsGroup: 0'),
        lines: [14],
        messageIncludes: 'root as its primary group (group 0)',
        severity: 'medium',
      },
      {
        name: 'runAsGroup 0 at pod level with runAsNonRoot',
        code: k8sDeployment('securityContext:\n  runAsNonRoot: true', 'securityContext:\n  runAsGroup: 0'),
        lines: [15],
        severity: 'medium',
      },
      {
        name: 'runAsNonRoot false and no user (reported at runAsNonRoot)',
        code: k8sDeployment('securityContext:\n  runAsNonRoot: false'),
        lines: [13],
        severity: 'medium',
      },
      {
        name: 'a container runAsNonRoot false overriding the pod-level true',
        code: k8sDeployment(
          'securityContext:\n  runAsNonRoot: false',
          'securityContext:\n  runAsNonRoot: true',
        ),
        lines: [13],
        severity: 'medium',
      },
      {
        name: 'an init container without a user',
        code: withInit,
        lines: [9],
        messageIncludes: 'init container "migrate" of Deployment/web',
        severity: 'medium',
      },
      {
        name: 'a CronJob container without a user',
        code: cronJob(''),
        lines: [13],
        messageIncludes: 'container "backup" of CronJob/backup',
        severity: 'medium',
      },
      {
        name: 'a CronJob container running as root',
        code: cronJob('              securityContext:\n                runAsUser: 0\n'),
        lines: [16],
        severity: 'high',
      },
    ],
  },
});
