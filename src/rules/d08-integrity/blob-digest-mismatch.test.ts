import { describe, expect, it } from 'vitest';
import { TEST_NOW, TEST_SETTINGS, testImageRule } from '../../../test/rule-tester.js';
import { readExample } from '../../../test/image-example.js';
import type { ImageLocation } from '../../core/location.js';
import rule from './blob-digest-mismatch.js';

const TWO_LAYERS = 'layers:\n  - /etc/hostname: "app\\n"\n  - /app/main.js: "run()\\n"\n';

testImageRule(rule, {
  accept: [
    { name: 'a docker archive whose blobs all match', code: TWO_LAYERS },
    { name: 'an OCI layout whose blobs all match', code: `${TWO_LAYERS}format: oci-layout\n` },
  ],
  reject: [
    {
      name: 'a swapped layer in a docker archive',
      code: `${TWO_LAYERS}tampered: [1]\n`,
      objects: ['layer 1'],
      messageIncludes: 'layer 1 does not match its digest',
      severity: 'critical',
    },
    {
      name: 'two swapped layers: one finding each',
      code: `${TWO_LAYERS}tampered: [0, 1]\n`,
      objects: ['layer 0', 'layer 1'],
      messageIncludes: "the config's diff_id is",
    },
    {
      name: 'a swapped layer in an OCI layout',
      code: `${TWO_LAYERS}format: oci-layout\ntampered: [0]\n`,
      objects: ['layer 0'],
      messageIncludes: 'tampered with or corrupted',
      severity: 'critical',
    },
  ],
});

describe("D08.blob-digest-mismatch: the reader's mismatch entries", () => {
  it('makes one finding per blob, names the config and manifests as findings do, and keeps every problem', async () => {
    const image = await readExample(TWO_LAYERS);
    image.mismatches = [
      { object: 'the image config', message: 'the image config does not match its digest' },
      { object: 'layer 1', message: 'layer 1 is 10 bytes, the manifest says 12' },
      { object: 'layer 1', message: 'layer 1 does not match its digest: its bytes hash to sha256:1a2b' },
      { object: 'layer 1', message: 'layer 1 is 10 bytes, the manifest says 12' },
      {
        object: 'image manifest sha256:9f8e',
        message: 'image manifest sha256:9f8e is 5 bytes, its descriptor says 6',
      },
    ];
    const violations = rule.check(image, { now: TEST_NOW, settings: TEST_SETTINGS });
    expect(violations.map((v) => (v.location as ImageLocation).object)).toEqual([
      'config',
      'layer 1',
      'manifest sha256:9f8e',
    ]);
    expect(violations[1]!.evidence).toBe(
      'layer 1 is 10 bytes, the manifest says 12; layer 1 does not match its digest: its bytes hash to sha256:1a2b',
    );
    expect(violations[0]!.message).toBe(
      'image example/image:1 (images/app.tar): config does not match its digest (the image config does not match its digest): it was tampered with or corrupted after it was built, and is not the content any signature or scan vouched for',
    );
  });
});
