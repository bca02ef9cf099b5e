import { describe, expect, it } from 'vitest';
import { TEST_NOW, TEST_SETTINGS, testImageRule } from '../../../test/rule-tester.js';
import { readExample } from '../../../test/image-example.js';
import rule from './no-registry-origin.js';

const DIGEST = `sha256:${'b2'.repeat(32)}`;

// `repoDigests` in an example is what the engine an image was exported from reports (ImageName.repoDigests);
// a docker save archive or OCI layout read alone carries none, and then nothing is known.
testImageRule(rule, {
  accept: [
    { name: 'a repository digest', code: `repoDigests: ["registry.example.com/web@${DIGEST}"]\n` },
    { name: 'an archive read alone: unknown', code: 'config: { User: "10001" }\n' },
    { name: 'an OCI layout read alone: unknown', code: 'format: oci-layout\n' },
  ],
  reject: [
    {
      name: 'an engine image with no repository digest',
      code: 'repoDigests: []\n',
      objects: ['image RepoDigests'],
      messageIncludes: 'was never pulled from or pushed to a registry (no repository digest)',
      severity: 'medium',
    },
  ],
});

describe('D08.no-registry-origin: images', () => {
  it('tells an unknown origin (undefined) from a known local one (empty)', async () => {
    const image = await readExample('config: { User: "10001" }\n');
    expect(image.repoDigests).toBeUndefined();
    const context = { now: TEST_NOW, settings: TEST_SETTINGS };
    expect(rule.checkImage!(image, context)).toEqual([]);
    expect(rule.checkImage!({ ...image, repoDigests: [] }, context)).toEqual([
      {
        message:
          'image example/image:1 (images/app.tar) was never pulled from or pushed to a registry (no repository digest): it was built or loaded on the host',
        location: {
          image: 'images/app.tar',
          archive: 'images/app.tar',
          object: 'image',
          field: 'RepoDigests',
        },
        evidence: 'RepoDigests: []',
      },
    ]);
  });
});
