import { testImageRule } from '../../../test/rule-tester.js';
import rule from './no-base-annotation.js';

const DIGEST = `sha256:${'b2'.repeat(32)}`;
const labels = (entries: Record<string, string>): string =>
  `config:\n  Labels:\n${Object.entries(entries)
    .map(([key, value]) => `    ${key}: "${value}"\n`)
    .join('')}`;

testImageRule(rule, {
  accept: [
    {
      name: 'base name and digest',
      code: labels({
        'org.opencontainers.image.base.name': 'docker.io/library/alpine:3.22',
        'org.opencontainers.image.base.digest': DIGEST,
      }),
    },
    {
      name: 'base name and digest in an OCI layout',
      code: `${labels({
        'org.opencontainers.image.base.name': 'gcr.io/distroless/static:nonroot',
        'org.opencontainers.image.base.digest': DIGEST,
      })}format: oci-layout\n`,
    },
    {
      name: 'a base digest alone identifies the bytes',
      code: labels({ 'org.opencontainers.image.base.digest': DIGEST }),
    },
  ],
  reject: [
    {
      name: 'no labels at all',
      code: 'config: { User: "10001" }\n',
      objects: ['config Config.Labels'],
      messageIncludes: 'does not say what it was built on',
      severity: 'low',
    },
    {
      name: 'other OCI labels but no base',
      code: labels({ 'org.opencontainers.image.source': 'https://github.com/example/app' }),
      objects: ['config Config.Labels'],
      messageIncludes: 'no org.opencontainers.image.base.name or org.opencontainers.image.base.digest label',
    },
    {
      name: 'empty base labels',
      code: labels({ 'org.opencontainers.image.base.name': ' ', 'org.opencontainers.image.base.digest': '' }),
      objects: ['config Config.Labels'],
      messageIncludes: 'does not say what it was built on',
    },
    {
      name: 'a base name without its digest',
      code: labels({ 'org.opencontainers.image.base.name': 'docker.io/library/alpine:3.22' }),
      objects: ['config Config.Labels'],
      messageIncludes: 'names its base docker.io/library/alpine:3.22 but not its digest',
      severity: 'low',
    },
  ],
});
