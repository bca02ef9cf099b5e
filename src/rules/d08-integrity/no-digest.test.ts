import { describe, expect, it } from 'vitest';
import {
  composeService,
  findingsFor,
  k8sDeployment,
  testRule,
  TEST_SETTINGS,
} from '../../../test/rule-tester.js';
import rule from './no-digest.js';

const image = (reference: string): string => `services:\n  app:\n    image: ${reference}\n`;
const DIGEST = 'sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';

testRule(rule, {
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
