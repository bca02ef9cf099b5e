// D08: the image is named by `latest` or by no tag at all: what runs is whatever was pushed last.
import { defineRule } from '../../core/rule.js';
import { isJudgeable, isLatest } from '../shared/image-tag.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D08.latest-tag',
  title: 'Image tag latest or missing',
  category: 'D08',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [8],
  cis: [],
  related: { trivy: ['KSV-0013'], checkov: ['CKV_K8S_14'] },
  rationale:
    '`latest` (which is what a reference without a tag means) moves with every push: two hosts, or the same host before and after a restart, run different code, a rollback has nothing to go back to, and an image pushed by an attacker is picked up silently. A version tag says what is meant to run; a digest guarantees it.',
  remediation:
    'Name a version, better also the digest:\n  compose:    image: nginx:1.27.3@sha256:<digest>\n  Kubernetes: image: nginx:1.27.3@sha256:<digest>\n  docker run: docker run nginx:1.27.3@sha256:<digest>',
  references: ['https://docs.docker.com/reference/cli/docker/image/tag/'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx\n',
      good: 'services:\n  web:\n    image: nginx:1.27.3\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n',
    },
  ],
  check(workload) {
    const image = workload.image;
    if (!image || !isJudgeable(image.value) || !isLatest(image.value)) return [];
    return [
      {
        message:
          image.value.tag === undefined
            ? `${who(workload)} runs image ${image.value.raw} with no tag, which means latest`
            : `${who(workload)} runs image ${image.value.raw} by the moving tag latest`,
        location: image.at,
        evidence: image.value.raw,
      },
    ];
  },
});
