// D05: a stage is built FROM an image of a registry outside the allow-list (settings.allowedRegistries).
// Off unless the list is set. The workload rule of the same id judges the images containers run.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { ImageRef } from '../../subjects/image-ref.js';
import { describeImageUse, describeStage, imagesReadFrom, inLineOrder } from '../shared/build.js';
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

export default defineRule({
  id: 'D05.untrusted-registry',
  title: 'Image from a registry outside the allow-list',
  category: 'D05',
  severity: 'medium',
  subject: 'build',
  targets: ['dockerfile'],
  threats: [8],
  cis: [],
  related: { hadolint: ['DL3026'], kubescape: ['C-0078'] },
  rationale:
    'Where an image comes from decides who can change it. An organisation that mirrors, scans and signs its base images in its own registries loses that control for every stage built FROM somewhere else: an unreviewed public repository, a typo-squatted name, or a registry without the retention and access rules the others have.',
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
  ],
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
