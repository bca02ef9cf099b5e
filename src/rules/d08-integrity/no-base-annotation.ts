// D08: the image does not say what it was built on. The OCI annotations `org.opencontainers.image.base.name`
// and `.base.digest` (as config labels) let scanners and bots trace a vulnerable base to every image built
// on it; a name without a digest names a tag that has moved since.
import { defineRule } from '../../core/rule.js';
import { imageAt } from '../../subjects/image-spec.js';
import { imageWho } from '../shared/image.js';

const BASE_NAME = 'org.opencontainers.image.base.name';
const BASE_DIGEST = 'org.opencontainers.image.base.digest';

export default defineRule({
  id: 'D08.no-base-annotation',
  title: 'Image does not name its base image',
  category: 'D08',
  severity: 'low',
  subject: 'image',
  targets: ['image'],
  threats: [8],
  cis: [],
  related: {},
  rationale:
    'When a base image gets a security fix, every image built on it must be rebuilt. The OCI annotations org.opencontainers.image.base.name and org.opencontainers.image.base.digest record which base (and which exact bytes of it) an image was built on; without them the origin of the lower layers is lost once the image leaves the build, and patching by base image cannot be traced. A base name without its digest names a tag that has moved since the build.',
  remediation:
    'Record the base as labels at build time (BuildKit, Dockerfile):\n  ARG BASE=node:24.11-bookworm-slim@sha256:<digest>\n  FROM ${BASE}\n  LABEL org.opencontainers.image.base.name="docker.io/library/node:24.11-bookworm-slim" \\\n        org.opencontainers.image.base.digest="sha256:<digest>"\nor let the build tool add them (ko, Jib and apko do; `docker buildx build --annotation` for manifest annotations).',
  references: [
    'https://github.com/opencontainers/image-spec/blob/main/annotations.md#pre-defined-annotation-keys',
    'https://docs.docker.com/build/metadata/annotations/',
  ],
  examples: [
    {
      target: 'image',
      bad: 'config:\n  Labels: { org.opencontainers.image.version: "1.0" }\n',
      good: 'config:\n  Labels:\n    org.opencontainers.image.base.name: docker.io/library/alpine:3.22\n    org.opencontainers.image.base.digest: "sha256:b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2"\n',
    },
  ],
  check(image) {
    const name = image.labels[BASE_NAME]?.trim() ?? '';
    const digest = image.labels[BASE_DIGEST]?.trim() ?? '';
    const location = imageAt(image, 'config', 'Config.Labels');
    if (name === '' && digest === '')
      return [
        {
          message: `${imageWho(image)} does not say what it was built on: no ${BASE_NAME} or ${BASE_DIGEST} label, so images on a vulnerable base cannot be found and rebuilt`,
          location,
          evidence: `${BASE_NAME}: (none)`,
        },
      ];
    if (digest === '')
      return [
        {
          message: `${imageWho(image)} names its base ${name} but not its digest (${BASE_DIGEST}): the tag may point at other bytes now, so which base was built on cannot be told`,
          location,
          evidence: `${BASE_NAME}: ${name}`,
        },
      ];
    return [];
  },
});
