// D01: the image a Dockerfile builds runs as root. Only the final stage counts; build stages may be root.
import { defineRule } from '../../core/rule.js';
import { effectiveUser, rootStage } from '../shared/build.js';
import { imageUid, imageWho } from '../shared/image.js';
import { isRootUser } from '../shared/workload.js';

export default defineRule({
  id: 'D01.image-root-user',
  title: 'Image runs as root',
  category: 'D01',
  severity: 'high',
  subject: 'build',
  targets: ['dockerfile', 'image'],
  threats: [1, 7],
  cis: ['4.1'],
  related: {
    hadolint: ['DL3002'],
    trivy: ['DS-0002'],
    checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'],
    dockle: ['CIS-DI-0001'],
  },
  rationale:
    'A process that runs as root in the container is root on the host if it escapes, and can rewrite the whole image filesystem. The guide asks that the application never run as root.',
  remediation:
    'Create an unprivileged user and switch to it at the end of the final stage:\n  RUN addgroup -S app && adduser -S -G app -u 10001 app\n  USER 10001:10001\nA `FROM scratch` image can use a numeric user directly: `USER 65532:65532`.',
  references: ['https://docs.docker.com/reference/dockerfile/#user'],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER root\n',
      good: 'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001\n',
    },
    {
      target: 'image',
      bad: 'config:\n  User: ""\n',
      good: 'config:\n  User: "10001:10001"\n',
    },
  ],
  checkImage(image) {
    const user = image.user?.value.trim() ?? '';
    const at = image.user?.at ?? { ...image.at, object: 'config', field: 'Config.User' };
    if (user === '' || isRootUser(user))
      return [
        {
          message: `${imageWho(image)} runs as root: ${user === '' ? 'its config sets no User' : `Config.User is "${user}"`}`,
          location: at,
          evidence: `User: ${JSON.stringify(user)}`,
        },
      ];
    // A name is root when the image's own /etc/passwd gives it UID 0.
    if (imageUid(image, user) === 0)
      return [
        {
          message: `${imageWho(image)} runs as "${user}", which its /etc/passwd maps to UID 0 (root)`,
          location: at,
          evidence: `User: ${JSON.stringify(user)}`,
        },
      ];
    return [];
  },
  check(spec) {
    const final = spec.stages[spec.finalStage];
    if (!final) return [];
    const user = effectiveUser(spec, spec.finalStage);
    if (user) {
      if (!isRootUser(user.value)) return [];
      return [
        {
          message: `the final stage of ${spec.path} switches to root (USER ${user.value})`,
          location: user.at,
          evidence: `USER ${user.value}`,
        },
      ];
    }
    const base = rootStage(spec, spec.finalStage);
    const baseText =
      base?.base.kind === 'image'
        ? `root unless its base image ${base.base.image.raw} sets a non-root USER`
        : 'root (FROM scratch without USER)';
    return [
      {
        message: `the final stage of ${spec.path} has no USER instruction: the image runs as ${baseText}`,
        location: final.from.at,
        evidence: `FROM ${final.from.value}`,
      },
    ];
  },
});
