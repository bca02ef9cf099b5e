// D08: a blob of an image (a layer, the config, a manifest) is not what its digest or size says it is.
// Content-addressed storage means the name is the hash: a mismatch is tampering or corruption, and the
// bytes that would run are not the ones that were built, pushed or signed.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { imageAt } from '../../subjects/image-spec.js';
import { imageWho } from '../shared/image.js';

/** The reader names the config `the image config` and a manifest `image manifest 1a2b…`: objects as findings name them. */
function objectName(object: string): string {
  if (object === 'the image config') return 'config';
  return object.replace(/^image manifest\b/, 'manifest');
}

export default defineRule({
  id: 'D08.blob-digest-mismatch',
  title: 'Image blob does not match its digest',
  category: 'D08',
  severity: 'critical',
  subject: 'image',
  targets: ['image'],
  threats: [8],
  cis: [],
  related: {},
  rationale:
    'Every layer, config and manifest of an image is named by the sha256 of its bytes, and every signature, scan result and approval is about that digest. A blob whose bytes hash to something else, or whose size differs from its descriptor, was altered or damaged after it was named: a swapped layer can carry anything, and nothing that vouched for the image vouches for these bytes.',
  remediation:
    'Do not load or run the image. Fetch it again from the registry by digest (`docker pull registry.example.com/app@sha256:…` or `skopeo copy docker://…@sha256:… oci-archive:app.tar`), verify its signature (`cosign verify`), and find out how the copy was changed: the storage or transfer that produced it is not trustworthy.',
  references: [
    'https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests',
    'https://github.com/opencontainers/image-spec/blob/main/config.md#layer-diffid',
  ],
  examples: [
    {
      target: 'image',
      bad: 'layers:\n  - /etc/hostname: "app\\n"\ntampered: [0]\n',
      good: 'layers:\n  - /etc/hostname: "app\\n"\n',
    },
  ],
  check(image) {
    // The reader may report one blob twice (its size and its digest): one finding per blob.
    const byObject = new Map<string, string[]>();
    for (const mismatch of image.mismatches) {
      const object = objectName(mismatch.object);
      const messages = byObject.get(object) ?? [];
      if (!messages.includes(mismatch.message)) messages.push(mismatch.message);
      byObject.set(object, messages);
    }
    const violations: Violation[] = [];
    for (const [object, messages] of byObject)
      violations.push({
        message: `${imageWho(image)}: ${object} does not match its digest (${messages.join('; ')}): it was tampered with or corrupted after it was built, and is not the content any signature or scan vouched for`,
        location: imageAt(image, object),
        evidence: messages.join('; '),
      });
    return violations;
  },
});
