// D08: a running container's image was never pulled from a registry (its RepoDigests are empty): it was
// built on this host or loaded from a file, so nothing outside the host vouches for its content. An image
// read from an engine (checkImage) is judged the same way; an archive cannot say (repoDigests undefined).
import { defineRule } from '../../core/rule.js';
import { imageAt } from '../../subjects/image-spec.js';
import { engineExample } from '../shared/engine-examples.js';
import { imageWho } from '../shared/image.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D08.no-registry-origin',
  title: 'Image not from a registry',
  category: 'D08',
  severity: 'medium',
  subject: 'workload',
  targets: ['engine', 'image'],
  threats: [8],
  cis: [],
  related: {},
  rationale:
    "Integrity and origin of an image are checked where it comes from: a registry the organisation trusts, a digest, a signature. An image without a repository digest was built on the host or loaded with `docker load`: no registry, CI pipeline or signature stands behind it, and anyone with access to the engine could have made it. (On a developer's machine this is normal; on a server it is not.)",
  remediation:
    'Build images in CI, push them to a trusted registry, and deploy by digest (`registry.example.com/web@sha256:…`) with content trust or signature verification; do not build or `docker load` images on production hosts.',
  references: ['https://docs.docker.com/engine/security/trust/'],
  examples: [
    {
      target: 'engine',
      bad: engineExample({ image: { RepoDigests: [] } }),
      good: engineExample({ image: { RepoDigests: [`registry.example.com/web@sha256:${'b2'.repeat(32)}`] } }),
    },
    {
      // `repoDigests` is what the engine the image was exported from says (a docker save archive holds none).
      target: 'image',
      bad: 'repoDigests: []\n',
      good: `repoDigests: [registry.example.com/web@sha256:${'b2'.repeat(32)}]\n`,
    },
  ],
  checkImage(image) {
    if (image.repoDigests === undefined || image.repoDigests.length > 0) return [];
    return [
      {
        message: `${imageWho(image)} was never pulled from or pushed to a registry (no repository digest): it was built or loaded on the host`,
        location: imageAt(image, 'image', 'RepoDigests'),
        evidence: 'RepoDigests: []',
      },
    ];
  },
  check(workload) {
    const digests = workload.live?.image?.repoDigests;
    if (!digests || digests.value.length > 0) return [];
    return [
      {
        message: `${who(workload)} runs image ${workload.image?.value.raw ?? workload.live?.imageId ?? ''} that was never pulled from a registry (no repository digest): it was built or loaded on the host`,
        location: digests.at,
        evidence: 'RepoDigests: []',
      },
    ];
  },
});
