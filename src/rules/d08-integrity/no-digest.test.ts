import { describe, expect, it } from 'vitest';
import {
  composeService,
  dockerRun,
  findingsFor,
  k8sDeployment,
  testRule,
  TEST_SETTINGS,
} from '../../../test/rule-tester.js';
import rule from './no-digest.js';

const image = (reference: string): string => `services:\n  app:\n    image: ${reference}\n`;
const DIGEST = 'sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';

/** A `docker run` of container `app`: `rest` is the image, or flags and then the image (on line 1 unless they continue a line). */
const run = (rest: string): string => `docker run --name app ${rest}\n`;

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'tag and digest', code: run(`registry.example.com/app:1.0@${DIGEST}`) },
      { name: 'digest only', code: run(`nginx@${DIGEST}`) },
      { name: 'a reference left to a variable', code: run('"$IMAGE"') },
    ],
    reject: [
      {
        name: 'a version tag',
        code: dockerRun(''),
        lines: [1],
        messageIncludes:
          'container "app" in run.sh runs image registry.example.com/app:1.0 without a digest: the tag can be moved to other content',
        severity: 'low',
      },
      { name: 'no tag at all', code: run('nginx'), lines: [1] },
      { name: 'on a continuation line', code: dockerRun('-d \\\n  --rm'), lines: [2] },
    ],
  },
  compose: {
    accept: [
      { name: 'tag and digest', code: image(`registry.example.com/app:1.0@${DIGEST}`) },
      { name: 'digest only', code: image(`nginx@${DIGEST}`) },
      { name: 'a reference left to a variable', code: image('registry.example.com/app:${TAG}') },
      { name: 'a build without an image', code: 'services:\n  app:\n    build: .\n' },
    ],
    reject: [
      {
        name: 'a version tag',
        code: composeService(''),
        lines: [3],
        messageIncludes:
          'service "app" in compose.yaml runs image registry.example.com/app:1.0 without a digest: the tag can be moved to other content',
        severity: 'low',
      },
      { name: 'no tag at all', code: image('nginx'), lines: [3] },
      { name: 'a default that resolves', code: image('nginx:${TAG:-1.27}'), lines: [3] },
    ],
  },
  kubernetes: {
    accept: [{ name: 'a digest', code: k8sDeployment('').replace('app:1.0', `app:1.0@${DIGEST}`) }],
    reject: [
      {
        name: 'a tag',
        code: k8sDeployment(''),
        lines: [11],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml runs image registry.example.com/app:1.0 without a digest',
      },
    ],
  },
});

describe('D08.no-digest severity', () => {
  it('is the configured one', async () => {
    const findings = await findingsFor(rule, 'compose', composeService(''), {
      ...TEST_SETTINGS,
      noDigestSeverity: 'medium',
    });
    expect(findings.map((f) => f.severity)).toEqual(['medium']);
  });
});
