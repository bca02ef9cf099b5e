// D08: a stage is built FROM an image without a digest: a tag can be pushed over, so the bytes behind it
// are not fixed. Severity comes from the settings (`noDigestSeverity`).
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { describeImageUse, describeStage, imagesReadFrom } from '../shared/build.js';
import { isJudgeable, isMutable } from '../shared/image-tag.js';

export default defineRule({
  id: 'D08.no-digest',
  title: 'Image not pinned by digest',
  category: 'D08',
  severity: 'low',
  subject: 'build',
  targets: ['dockerfile'],
  threats: [8],
  cis: [],
  related: { checkov: ['CKV_K8S_43'] },
  rationale:
    'A tag is a pointer the registry lets anyone with push rights move: `node:24-slim` today and tomorrow are different images, and a compromised registry account can move it to a malicious one. Only a digest (`@sha256:…`) names exact content, which the engine verifies after pulling, so a digest makes a build reproducible and its base auditable.',
  remediation:
    'Keep the tag for readers and add the digest for the engine:\n  FROM node:24-bookworm-slim@sha256:<digest>\nGet it with `docker buildx imagetools inspect node:24-bookworm-slim` and let Renovate or Dependabot keep it current.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
    'https://docs.docker.com/reference/dockerfile/#from',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM alpine:3.22\n',
      good: 'FROM alpine:3.22@sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4\n',
    },
  ],
  check(spec, context) {
    const violations: Violation[] = [];
    for (const stage of spec.stages) {
      if (stage.base.kind !== 'image') continue;
      const image = stage.base.image;
      if (!isJudgeable(image) || !isMutable(image)) continue;
      violations.push({
        message: `${describeStage(spec, stage)} of ${spec.path} is built FROM ${image.raw} without a digest: the tag can be moved to other content`,
        location: stage.from.at,
        evidence: `FROM ${stage.from.value}`,
        severity: context.settings.noDigestSeverity,
      });
    }
    for (const use of imagesReadFrom(spec)) {
      const image = use.image;
      if (!isJudgeable(image) || !isMutable(image)) continue;
      violations.push({
        message: `${describeImageUse(spec, use)} without a digest: the tag can be moved to other content`,
        location: use.at,
        evidence: use.evidence,
        severity: context.settings.noDigestSeverity,
      });
    }
    return violations;
  },
});
