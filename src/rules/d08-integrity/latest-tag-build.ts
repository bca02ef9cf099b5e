// D08: a stage is built FROM an image with no tag or `latest` (and no digest): what the build gets
// changes whenever the tag is pushed. Stage references and `scratch` name no image; a tag built from an
// ARG without a default is unknown, not latest.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { describeImageUse, describeStage, imagesReadFrom } from '../shared/build.js';
import { isJudgeable, isLatest } from '../shared/image-tag.js';

export default defineRule({
  id: 'D08.latest-tag',
  title: 'Image tag latest or missing',
  category: 'D08',
  severity: 'medium',
  subject: 'build',
  targets: ['dockerfile'],
  threats: [8],
  cis: [],
  related: { hadolint: ['DL3006', 'DL3007'], trivy: ['DS-0001'], checkov: ['CKV_DOCKER_7'] },
  rationale:
    '`latest` (or no tag, which means latest) names whatever was pushed last. Two builds of the same Dockerfile can start from different images — a new major version, a different distribution, or a compromised push — and nothing in the Dockerfile or its history says which one was used. A version tag states intent; a digest pins the exact bytes.',
  remediation:
    'Name the version you tested, and pin its digest:\n  FROM node:24.11-bookworm-slim@sha256:<digest>\nFind the digest with `docker buildx imagetools inspect node:24.11-bookworm-slim`, and let a bot (Renovate, Dependabot) propose updates.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
    'https://github.com/hadolint/hadolint/wiki/DL3007',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM python\nCOPY app.py /app/\n',
      good: 'FROM python:3.13-slim\nCOPY app.py /app/\n',
    },
  ],
  check(spec) {
    const violations: Violation[] = [];
    for (const stage of spec.stages) {
      if (stage.base.kind !== 'image') continue;
      const image = stage.base.image;
      if (!isJudgeable(image) || !isLatest(image)) continue;
      violations.push({
        message: `${describeStage(spec, stage)} of ${spec.path} is built FROM ${image.raw}${image.tag === undefined ? ', which has no tag and means latest' : ''}: the base changes with every push`,
        location: stage.from.at,
        evidence: `FROM ${stage.from.value}`,
      });
    }
    for (const use of imagesReadFrom(spec)) {
      const image = use.image;
      if (!isJudgeable(image) || !isLatest(image)) continue;
      violations.push({
        message: `${describeImageUse(spec, use)}${image.tag === undefined ? ', which has no tag and means latest' : ''}: what it reads changes with every push`,
        location: use.at,
        evidence: use.evidence,
      });
    }
    return violations;
  },
});
