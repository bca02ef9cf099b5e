import { describe, expect, it } from 'vitest';
import { imageFindingsFor, testImageRule } from '../../../test/rule-tester.js';
import rule from './secret-in-deleted-layer.js';

/** An image of these layers, bottom first (JSON is YAML); `{ deleted: true }` makes a whiteout. */
const image = (...layers: Record<string, unknown>[]): string => JSON.stringify({ layers });
const withHistory = (history: string[], ...layers: Record<string, unknown>[]): string =>
  JSON.stringify({ layers, history });
/** A fake PEM block: short bodies, so that no secret scanner takes the repository's tests for keys. */
const pem = (type: string, body = 'AAAAfakeKEYbody0123'): string =>
  `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;
const OPENSSH = pem('OPENSSH PRIVATE KEY');
const CERTIFICATE = pem('CERTIFICATE', 'MIIBfakeCERTbody');
const DELETED = { deleted: true };
const NPMRC = '//registry.npmjs.org/:_authToken=0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\n';

testImageRule(rule, {
  accept: [
    { name: 'a deleted build log', code: image({ '/tmp/build.log': 'ok\n' }, { '/tmp/build.log': DELETED }) },
    {
      name: 'a token written again unchanged by a later layer (the final file is D06.secret-file)',
      code: image({ '/root/.npmrc': NPMRC }, { '/root/.npmrc': NPMRC }),
    },
    {
      name: 'a deleted certificate: a public certificate is not a secret',
      code: image({ '/tmp/ca.pem': CERTIFICATE }, { '/tmp/ca.pem': DELETED }),
    },
    {
      name: 'a deleted dotenv file with settings only',
      code: image({ '/app/.env': 'NODE_ENV=production\n' }, { '/app/.env': DELETED }),
    },
    {
      name: 'a deleted .npmrc that only referenced its token',
      code: image(
        { '/root/.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' },
        { '/root/.npmrc': DELETED },
      ),
    },
    {
      name: 'a secret deleted and written again unchanged (D06.secret-file reports the final file)',
      code: image(
        { '/app/.env': 'API_KEY=4f9a7c1e2b8d6a3f0e5c9b7a\n' },
        { '/app/.env': DELETED },
        { '/app/.env': 'API_KEY=4f9a7c1e2b8d6a3f0e5c9b7a\n' },
      ),
    },
    {
      name: 'a key never deleted (D06.secret-file reports it)',
      code: image({ '/root/.ssh/id_rsa': OPENSSH }),
    },
    {
      name: 'an empty key file',
      code: image({ '/root/.ssh/id_rsa': '' }, { '/root/.ssh/id_rsa': DELETED }),
    },
    {
      name: 'a deleted file whose name says nothing conclusive and whose content was not read',
      code: image({ '/app/server.key.bak': 'x\n' }, { '/app/server.key.bak': DELETED }),
    },
  ],
  reject: [
    {
      name: 'a private SSH key deleted in a later layer',
      code: image({ '/root/.ssh/id_rsa': OPENSSH }, { '/root/.ssh/id_rsa': DELETED }),
      objects: ['file /root/.ssh/id_rsa layer 0'],
      messageIncludes:
        'image example/image:1 (images/app.tar): /root/.ssh/id_rsa (private key) was deleted in layer 1 but is still extractable from layer 0',
      severity: 'critical',
    },
    {
      name: 'the history step that added it',
      code: withHistory(
        [
          'ADD alpine-minirootfs.tar.gz / # buildkit',
          'COPY id_rsa /root/.ssh/id_rsa # buildkit',
          'RUN /bin/sh -c git clone git@github.com:example/app.git /src && rm /root/.ssh/id_rsa # buildkit',
        ],
        { '/etc/hostname': 'app\n' },
        { '/root/.ssh/id_rsa': OPENSSH },
        { '/root/.ssh/id_rsa': DELETED, '/src/README': 'app\n' },
      ),
      objects: ['file /root/.ssh/id_rsa layer 1'],
      messageIncludes:
        'was deleted in layer 2 but is still extractable from layer 1 (added by "COPY id_rsa /root/.ssh/id_rsa")',
    },
    {
      name: 'a whole .ssh directory deleted',
      code: image(
        { '/root/.ssh/id_ed25519': OPENSSH, '/root/.ssh/known_hosts': 'github.com ssh-ed25519 AAAA\n' },
        { '/root/.ssh': DELETED },
      ),
      objects: ['file /root/.ssh/id_ed25519 layer 0'],
    },
    {
      name: 'a directory made opaque',
      code: image(
        { '/root/.aws/credentials': '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n' },
        { '/root/.aws/.wh..wh..opq': '' },
      ),
      objects: ['file /root/.aws/credentials layer 0'],
      messageIncludes: 'AWS access key',
    },
    {
      name: 'a key file under a directory a later layer replaced with a file',
      code: image({ '/root/.ssh/id_rsa': OPENSSH }, { '/root/.ssh': 'not a directory any more\n' }),
      objects: ['file /root/.ssh/id_rsa layer 0'],
      messageIncludes:
        '/root/.ssh/id_rsa (private key) was replaced in layer 1 but its earlier content is still extractable from layer 0',
      severity: 'critical',
    },
    {
      name: 'a key deleted two layers later',
      code: image(
        { '/etc/hostname': 'app\n' },
        { '/app/tls/server.pem': pem('EC PRIVATE KEY') },
        {},
        {
          '/app/tls/server.pem': DELETED,
        },
      ),
      objects: ['file /app/tls/server.pem layer 1'],
      messageIncludes: 'deleted in layer 3 but is still extractable from layer 1',
    },
    {
      name: 'a token a later layer overwrote with a blank file',
      code: image({ '/root/.npmrc': NPMRC }, { '/root/.npmrc': '\n' }),
      objects: ['file /root/.npmrc layer 0'],
      messageIncludes: 'was replaced in layer 1 but its earlier content is still extractable from layer 0',
    },
    {
      name: 'a conclusive name whose content matches no known format: high',
      code: image({ '/root/.vault-token': 'hvs.fake\n' }, { '/root/.vault-token': DELETED }),
      objects: ['file /root/.vault-token layer 0'],
      messageIncludes: '/root/.vault-token (Vault token) was deleted in layer 1',
      severity: 'high',
    },
    {
      name: 'an SSH host key removed at build time: medium',
      code: image({ '/etc/ssh/ssh_host_ed25519_key': OPENSSH }, { '/etc/ssh/ssh_host_ed25519_key': DELETED }),
      objects: ['file /etc/ssh/ssh_host_ed25519_key layer 0'],
      severity: 'medium',
    },
    {
      name: 'every deleted secret, in the order they were deleted',
      code: image(
        { '/root/.npmrc': NPMRC, '/app/.env': 'DB_PASSWORD=Tr0ub4dor-and-3\n' },
        { '/app/.env': DELETED },
        { '/root/.npmrc': DELETED },
      ),
      objects: ['file /app/.env layer 0', 'file /root/.npmrc layer 0'],
    },
    {
      name: 'in an OCI layout',
      code: JSON.stringify({
        layers: [{ '/root/.ssh/id_rsa': OPENSSH }, { '/root/.ssh/id_rsa': DELETED }],
        format: 'oci-layout',
      }),
      objects: ['file /root/.ssh/id_rsa layer 0'],
    },
  ],
});

describe('D06.secret-in-deleted-layer: masking', () => {
  it('never shows a secret in full, in the message, the evidence or the location', async () => {
    const secrets = [
      'AAAAfakeKEYbody0123',
      'Tr0ub4dor-and-3',
      '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
      'AKIAIOSFODNN7EXAMPLE',
      'Git-T0ken-99',
    ];
    const findings = await imageFindingsFor(
      rule,
      withHistory(
        [
          `RUN /bin/sh -c echo "//registry.npmjs.org/:_authToken=${secrets[2]}" > /root/.npmrc # buildkit`,
          'RUN /bin/sh -c npm ci && rm -rf /root/.npmrc /root/.ssh /app/.env /root/.git-credentials # buildkit',
        ],
        {
          '/root/.ssh/id_rsa': OPENSSH,
          '/app/.env': `DB_PASSWORD=${secrets[1]}\nSETTING=${secrets[3]}\n`,
          '/root/.npmrc': `//registry.npmjs.org/:_authToken=${secrets[2]}\n`,
          '/root/.git-credentials': `https://ci:${secrets[4]}@git.example.com\n`,
        },
        {
          '/root/.ssh/id_rsa': DELETED,
          '/app/.env': DELETED,
          '/root/.npmrc': DELETED,
          '/root/.git-credentials': DELETED,
        },
      ),
    );
    expect(findings).toHaveLength(4);
    expect(findings.map((f) => f.message).join('\n')).toContain('added by "RUN /bin/sh -c echo');
    const text = JSON.stringify(findings);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
