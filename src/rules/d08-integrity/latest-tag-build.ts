// D08: a stage is built FROM an image with no tag or `latest` (and no digest): what the build gets
// changes whenever the tag is pushed. Stage references and `scratch` name no image; a tag built from an
// ARG without a default is unknown, not latest. An image (checkImage) is judged by the name it was saved or
// exported under: `app:latest` or `app` (low: the bytes read are fixed, the name that reaches them is not).
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { describeImageUse, describeStage, imagesReadFrom } from '../shared/build.js';
import { isJudgeable, isLatest } from '../shared/image-tag.js';
import { imageAt, type ImageSpec } from '../../subjects/image-spec.js';
import { imageWho } from '../shared/image.js';

/**
 * The tag of an image's own reference: `{ tag: undefined }` when it names none (which means latest),
 * undefined when the reference cannot say (none, a digest, an image id). An OCI ref name without `/` or `:`
 * is a tag (`latest`, `1.0`: what skopeo and oras write), not an image name.
 */
function referenceTag(image: ImageSpec): { tag: string | undefined } | undefined {
  const reference = image.reference?.trim() ?? '';
  if (reference === '' || reference.includes('@') || /^(sha256:)?[0-9a-f]{12,64}$/.test(reference))
    return undefined;
  if (image.format === 'oci-layout' && !/[/:]/.test(reference)) return { tag: reference };
  const colon = reference.lastIndexOf(':');
  return { tag: colon > reference.lastIndexOf('/') ? reference.slice(colon + 1) : undefined };
}

export default defineRule({
  id: 'D08.latest-tag',
  title: 'Image tag latest or missing',
  category: 'D08',
  severity: 'medium',
  subject: 'build',
  targets: ['dockerfile', 'image'],
  threats: [8],
  cis: [],
  related: { hadolint: ['DL3006', 'DL3007'], trivy: ['DS-0001'], checkov: ['CKV_DOCKER_7'] },
  rationale:
    '`latest` (or no tag, which means latest) names whatever was pushed last. Two builds of the same Dockerfile can start from different images — a new major version, a different distribution, or a compromised push — and nothing in the Dockerfile or its history says which one was used. A version tag states intent; a digest pins the exact bytes.',
  remediation:
    'Name the version you tested, and pin its digest:\n  FROM node:24.11-bookworm-slim@sha256:<digest>\nFind the digest with `docker buildx imagetools inspect node:24.11-bookworm-slim`, and let a bot (Renovate, Dependabot) propose updates. Tag the images you build with their version or commit (`app:1.4.2`), not only `latest`, and deploy them by digest.',
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
    {
      target: 'image',
      bad: 'repoTags: [registry.example.com/app:latest]\n',
      good: 'repoTags: [registry.example.com/app:1.4.2]\n',
    },
  ],
  checkImage(image) {
    const reference = referenceTag(image);
    if (reference === undefined) return [];
    const { tag } = reference;
    if (tag !== undefined && tag.toLowerCase() !== 'latest') return [];
    return [
      {
        message: `${imageWho(image)} is named ${image.reference!.trim()}${tag === undefined ? ', which has no tag and means latest' : ''}: the tag moves with every push, so the name does not say which build this is, and deploying by it may run another image`,
        location: imageAt(image, 'image', 'reference'),
        evidence: `reference: ${image.reference!.trim()}`,
        severity: 'low',
      },
    ];
  },
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
