// D08: the image is named by a tag only: the registry can serve different content under it tomorrow.
import { defineRule } from '../../core/rule.js';
import { isJudgeable, isMutable } from '../shared/image-tag.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D08.no-digest',
  title: 'Image not pinned by digest',
  category: 'D08',
  severity: 'low',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [8],
  cis: [],
  related: { checkov: ['CKV_K8S_43'] },
  rationale:
    'Tags are mutable: whoever can push to the repository (its maintainers, a compromised CI job, an attacker with stolen credentials) can move `1.27` to other content, and every host that pulls afterwards runs it. A digest (`@sha256:…`) names the content itself, so the image run is the image reviewed and scanned. Its severity is a setting (noDigestSeverity, low by default); tools such as Renovate or Dependabot keep digests up to date.',
  remediation:
    'Pin the digest next to the tag (`docker buildx imagetools inspect nginx:1.27.3` shows it):\n  compose:    image: nginx:1.27.3@sha256:<digest>\n  Kubernetes: image: nginx:1.27.3@sha256:<digest>\n  docker run: docker run nginx:1.27.3@sha256:<digest>',
  references: [
    'https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier',
  ],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27.3\n',
      good: 'services:\n  web:\n    image: nginx:1.27.3@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\n',
    },
  ],
  check(workload, { settings }) {
    const image = workload.image;
    if (!image || !isJudgeable(image.value) || !isMutable(image.value)) return [];
    return [
      {
        message: `${who(workload)} runs image ${image.value.raw} without a digest: the tag can be moved to other content`,
        location: image.at,
        evidence: image.value.raw,
        severity: settings.noDigestSeverity,
      },
    ];
  },
});
