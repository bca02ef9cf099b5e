import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './latest-tag.js';

const image = (reference: string): string => `services:\n  app:\n    image: ${reference}\n`;
const DIGEST = 'sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';

/** A `docker run` of container `app`: `rest` is the image, or flags and then the image (on line 1 unless they continue a line). */
const run = (rest: string): string => `docker run --name app ${rest}\n`;

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'a version tag', code: dockerRun('') },
      { name: 'a Docker Hub image with a version tag', code: run('nginx:1.27') },
      { name: 'a digest without a tag', code: run(`nginx@${DIGEST}`) },
      { name: 'latest held still by a digest', code: run(`nginx:latest@${DIGEST}`) },
      { name: 'a reference left to a variable', code: run('"$IMAGE"') },
    ],
    reject: [
      {
        name: 'no tag',
        code: run('nginx'),
        lines: [1],
        messageIncludes: 'container "app" in run.sh runs image nginx with no tag, which means latest',
        severity: 'medium',
      },
      {
        name: 'latest',
        code: run('nginx:latest'),
        lines: [1],
        messageIncludes: 'runs image nginx:latest by the moving tag latest',
      },
      { name: 'on a continuation line', code: run('-d \\\n  localhost:5000/app'), lines: [2] },
    ],
  },
  compose: {
    accept: [
      { name: 'a version tag', code: composeService('') },
      { name: 'a digest without a tag', code: image(`nginx@${DIGEST}`) },
      { name: 'latest held still by a digest', code: image(`nginx:latest@${DIGEST}`) },
      { name: 'a registry with a port and a tag', code: image('localhost:5000/app:2.1') },
      { name: 'a reference left to a variable', code: image('${IMAGE}') },
      { name: 'a tag left to a variable', code: image('nginx:${TAG}') },
      { name: 'a build without an image', code: 'services:\n  app:\n    build: .\n' },
      { name: 'a tag merely containing latest', code: image('nginx:latest-alpine') },
    ],
    reject: [
      {
        name: 'no tag',
        code: image('nginx'),
        lines: [3],
        messageIncludes: 'service "app" in compose.yaml runs image nginx with no tag, which means latest',
        severity: 'medium',
      },
      {
        name: 'latest',
        code: image('nginx:latest'),
        lines: [3],
        messageIncludes: 'runs image nginx:latest by the moving tag latest',
      },
      { name: 'LATEST', code: image('nginx:LATEST'), lines: [3] },
      { name: 'a registry with a port and no tag', code: image('localhost:5000/app'), lines: [3] },
      { name: 'a default that resolves to latest', code: image('nginx:${TAG:-latest}'), lines: [3] },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'a version tag', code: k8sDeployment('') },
      {
        name: 'a digest',
        code: k8sDeployment('', `initContainers:\n  - name: init\n    image: busybox@${DIGEST}`),
      },
    ],
    reject: [
      {
        name: 'no tag, in an init container',
        code: k8sDeployment('', 'initContainers:\n  - name: init\n    image: busybox'),
        lines: [14],
        messageIncludes:
          'init container "init" of Deployment/web (namespace shop) in manifest.yaml runs image busybox with no tag',
      },
    ],
  },
});
