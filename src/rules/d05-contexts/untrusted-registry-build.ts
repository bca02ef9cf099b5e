// D05: a stage is built FROM an image of a registry outside the allow-list (settings.allowedRegistries).
// Off unless the list is set. The workload rule of the same id judges the images containers run.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { ImageRef } from '../../subjects/image-ref.js';
import type { ImageSpec } from '../../subjects/index.js';
import { parseImageRef } from '../../sources/image-ref/parse.js';
import { describeImageUse, describeStage, imagesReadFrom, inLineOrder } from '../shared/build.js';
import { imageWho } from '../shared/image.js';
import { isJudgeable } from '../shared/image-tag.js';

const DOCKER_HUB = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

function normalize(entry: string): string {
  const text = entry
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/\/+$/, '');
  const [host = '', ...path] = text.split('/');
  return [DOCKER_HUB.has(host) ? 'docker.io' : host, ...path].join('/');
}

/**
 * An entry allows a registry (`ghcr.io`), a path in one (`ghcr.io/acme`, `docker.io/library`), or every
 * subdomain (`*.example.com`).
 */
export function isAllowed(image: ImageRef, allowed: readonly string[]): boolean {
  const registry = normalize(image.registry);
  const full = `${registry}/${image.repository}`;
  return allowed.map(normalize).some((entry) => {
    if (entry.startsWith('*.')) return registry.endsWith(entry.slice(1));
    return entry.includes('/') ? full === entry || full.startsWith(`${entry}/`) : registry === entry;
  });
}

/**
 * The registry reference an image is known by: its `RepoTags[0]` or OCI ref name, else a registry digest.
 * An OCI layout's `org.opencontainers.image.ref.name` is often only a tag (`1.0`, `latest`): that names no
 * repository, so no registry either.
 */
export function imageReference(image: ImageSpec): ImageRef | undefined {
  const candidates = [image.reference, ...(image.repoDigests ?? [])];
  for (const raw of candidates) {
    if (raw === undefined || raw.trim() === '') continue;
    const text = raw.trim();
    if (image.format === 'oci-layout' && raw === image.reference && !/[/:@]/.test(text)) continue;
    const ref = parseImageRef(text);
    if (isJudgeable(ref)) return ref;
  }
  return undefined;
}

export default defineRule({
  id: 'D05.untrusted-registry',
  title: 'Image from a registry outside the allow-list',
  category: 'D05',
  severity: 'medium',
  subject: 'build',
  targets: ['dockerfile', 'image'],
  threats: [8],
  cis: [],
  related: { hadolint: ['DL3026'], kubescape: ['C-0078'] },
  rationale:
    'Where an image comes from decides who can change it. An organisation that mirrors, scans and signs its base images in its own registries loses that control for every stage built FROM somewhere else: an unreviewed public repository, a typo-squatted name, or a registry without the retention and access rules the others have. An image read from an archive is judged by the name it carries (its RepoTags or OCI ref name): the registry it was pulled from or is pushed to.',
  remediation:
    'Build from the approved registries (or mirror the image there first), and pin by digest:\n  FROM registry.example.com/mirror/node:24-bookworm-slim@sha256:<digest>\nThe allow-list is the `allowedRegistries` setting: registries (`ghcr.io`), paths (`docker.io/library`) or domains (`*.example.com`).',
  references: [
    'https://github.com/hadolint/hadolint#configure',
    'https://docs.docker.com/docker-hub/image-library/mirror/',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM quay.io/someone/node:24\n',
      good: 'FROM registry.example.com/mirror/node:24\n',
    },
    {
      target: 'image',
      bad: 'repoTags: ["quay.io/someone/app:1.0"]\n',
      good: 'repoTags: ["registry.example.com/shop/app:1.0"]\n',
    },
  ],
  checkImage(image, context) {
    const allowed = context.settings.allowedRegistries;
    if (allowed === undefined) return [];
    const ref = imageReference(image);
    if (ref === undefined || isAllowed(ref, allowed)) return [];
    const first = ref.raw.split('/')[0]!;
    const explicit = ref.raw.includes('/') && (/[.:]/.test(first) || first === 'localhost');
    const named = explicit ? '' : ' (a name without a registry is a Docker Hub name)';
    return [
      {
        message: `${imageWho(image)} is named ${ref.raw}, from ${ref.registry}${named}, which is not in the allowed registries (${allowed.join(', ') || 'none'})`,
        location: image.at,
        evidence: ref.raw,
      },
    ];
  },
  check(spec, context) {
    const allowed = context.settings.allowedRegistries;
    if (allowed === undefined) return [];
    const violations: Violation[] = [];
    for (const stage of spec.stages) {
      if (stage.base.kind !== 'image' || !isJudgeable(stage.base.image)) continue;
      const image = stage.base.image;
      if (isAllowed(image, allowed)) continue;
      violations.push({
        message: `${describeStage(spec, stage)} of ${spec.path} is built FROM ${image.raw}, from ${image.registry}, which is not in the allowed registries (${allowed.join(', ') || 'none'})`,
        location: stage.from.at,
        evidence: `FROM ${stage.from.value}`,
      });
    }
    for (const use of imagesReadFrom(spec)) {
      if (!isJudgeable(use.image) || isAllowed(use.image, allowed)) continue;
      violations.push({
        message: `${describeImageUse(spec, use)}, from ${use.image.registry}, which is not in the allowed registries (${allowed.join(', ') || 'none'})`,
        location: use.at,
        evidence: use.evidence,
      });
    }
    return inLineOrder(violations);
  },
});
