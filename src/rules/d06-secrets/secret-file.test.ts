import { describe, expect, it } from 'vitest';
import { imageFindingsFor, testImageRule, testRule } from '../../../test/rule-tester.js';
import rule from './secret-file.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const copy = (line: string): string => df('FROM node:24-slim', 'WORKDIR /app', line);

/** An image of these layers, bottom first (JSON is YAML): each maps a path to its content or entry. */
const image = (...layers: Record<string, unknown>[]): string => JSON.stringify({ layers });
/** A fake PEM block: short bodies, so that no secret scanner takes the repository's tests for keys. */
const pem = (type: string, body = 'AAAAfakeKEYbody0123'): string =>
  `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;
const OPENSSH = pem('OPENSSH PRIVATE KEY');
const CERTIFICATE = pem('CERTIFICATE', 'MIIBfakeCERTbody');

testRule(rule, {
  dockerfile: {
    accept: [
      { name: 'application files', code: copy('COPY package.json package-lock.json src/ ./') },
      { name: 'a public SSH key', code: copy('COPY id_rsa.pub /root/.ssh/authorized_keys') },
      { name: 'known_hosts into .ssh', code: copy('COPY known_hosts /root/.ssh/known_hosts') },
      { name: 'a CA certificate in PEM', code: copy('COPY certs/ca.pem /usr/local/share/ca-certificates/') },
      { name: 'a certificate chain', code: copy('COPY fullchain.pem cert.pem /etc/nginx/tls/') },
      { name: 'a repository signing key', code: copy('COPY nodesource.gpg.key /tmp/') },
      { name: 'an example env file', code: copy('COPY .env.example .env.sample ./') },
      { name: 'a URL (the remote rules judge it)', code: copy('ADD https://example.com/.env /tmp/x') },
      {
        name: 'a secret mount instead',
        code: copy('RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci'),
      },
      {
        name: 'a build-stage secret not carried by COPY --from',
        code: df(
          'FROM node:24 AS build',
          'WORKDIR /src',
          'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
          'FROM node:24-slim',
          'COPY --from=build /src/dist /app/dist',
        ),
      },
      { name: 'environment.ts is not a dotenv file', code: copy('COPY environment.ts config.env.ts ./') },
    ],
    reject: [
      {
        name: 'a private SSH key',
        code: copy('COPY id_rsa /root/.ssh/id_rsa'),
        lines: [3],
        messageIncludes: 'id_rsa (a private SSH key)',
        severity: 'high',
      },
      { name: 'id_ed25519', code: copy('COPY keys/id_ed25519 /root/.ssh/'), lines: [3] },
      { name: 'a key renamed on the way', code: copy('COPY deploy_key /root/.ssh/id_rsa'), lines: [3] },
      {
        name: 'anything into .ssh but public files',
        code: copy('COPY deploy-key /home/app/.ssh/'),
        lines: [3],
        messageIncludes: '.ssh directory',
      },
      { name: 'the whole .ssh directory', code: copy('COPY .ssh /root/.ssh'), lines: [3] },
      {
        name: 'a .pem key',
        code: copy('COPY tls/server-key.pem /etc/tls/'),
        lines: [3],
        messageIncludes: 'PEM',
      },
      {
        name: 'a .key file',
        code: copy('COPY server.key /etc/nginx/'),
        lines: [3],
        messageIncludes: 'a private key',
      },
      { name: 'a .p12 key store', code: copy('COPY signing.p12 /opt/'), lines: [3] },
      { name: 'a dotenv file', code: copy('COPY .env ./'), lines: [3], messageIncludes: 'dotenv' },
      { name: 'a production dotenv file', code: copy('COPY .env.production ./.env'), lines: [3] },
      {
        name: '.npmrc',
        code: copy('COPY .npmrc package.json ./'),
        lines: [3],
        messageIncludes: '.npmrc (npm credentials)',
      },
      { name: '.npmrc by destination', code: copy('COPY npmrc /root/.npmrc'), lines: [3] },
      { name: '.pypirc', code: copy('COPY .pypirc /root/'), lines: [3] },
      { name: 'credentials.json', code: copy('COPY config/credentials.json /app/config/'), lines: [3] },
      {
        name: 'a docker config.json',
        code: copy('COPY .docker/config.json /root/.docker/config.json'),
        lines: [3],
      },
      {
        name: 'docker config.json by destination',
        code: copy('COPY registry-auth.json /root/.docker/config.json'),
        lines: [3],
      },
      { name: 'AWS credentials', code: copy('COPY .aws/credentials /root/.aws/credentials'), lines: [3] },
      { name: 'the .aws directory', code: copy('COPY .aws /root/.aws'), lines: [3] },
      { name: '.git-credentials', code: copy('COPY .git-credentials /root/'), lines: [3] },
      { name: '.netrc with ADD', code: copy('ADD .netrc /root/.netrc'), lines: [3] },
      { name: 'a kubeconfig', code: copy('COPY .kube/config /root/.kube/config'), lines: [3] },
      { name: 'a glob of keys', code: copy('COPY *.pem /etc/tls/'), lines: [3] },
      {
        name: 'lower-case copy with --chown',
        code: df('FROM node:24-slim', 'copy --chown=app .env /app/'),
        lines: [2],
      },
      { name: 'the exec form', code: copy('COPY ["id_rsa", "/root/.ssh/"]'), lines: [3] },
      {
        name: 'inline content written to .npmrc',
        code: df(
          'FROM node:24-slim',
          'COPY <<EOF /root/.npmrc',
          '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
          'EOF',
        ),
        lines: [2],
      },
      {
        name: 'one finding per COPY, naming every file',
        code: copy('COPY .env id_rsa ./'),
        lines: [3],
        messageIncludes: '.env (a dotenv file), id_rsa (a private SSH key)',
      },
      {
        name: 'COPY --from=builder of a secret file into the final stage',
        code: df(
          'FROM node:24 AS builder',
          'RUN npm ci',
          'FROM node:24-slim',
          'COPY --from=builder /src/.env /app/.env',
        ),
        lines: [4],
        severity: 'high',
      },
      {
        name: 'a build-stage secret carried by COPY --from of its directory',
        code: df(
          'FROM node:24 AS build',
          'WORKDIR /src',
          'COPY .npmrc package.json ./',
          'RUN npm ci',
          'FROM node:24-slim',
          'COPY --from=build /src /app',
        ),
        lines: [3],
        severity: 'high',
        messageIncludes: 'COPY --from=build at line 6 carries it into the image',
      },
      {
        name: 'a build-stage secret carried by a glob',
        code: df(
          'FROM node:24 AS build',
          'COPY id_rsa /src/keys/',
          'FROM node:24-slim',
          'COPY --from=build /src/* /app/',
        ),
        lines: [2],
        severity: 'high',
      },
      {
        name: 'a build-stage secret that stays there: medium',
        code: df(
          'FROM node:24 AS build',
          'WORKDIR /src',
          'COPY .npmrc package.json ./',
          'RUN npm ci && npm run build',
          'FROM node:24-slim',
          'COPY --from=build /src/dist /app/dist',
        ),
        lines: [3],
        severity: 'medium',
        messageIncludes: 'stays in the build cache',
      },
      {
        name: 'in a stage the final stage is built FROM',
        code: df('FROM node:24-slim AS base', 'COPY .env /app/', 'FROM base'),
        lines: [2],
        severity: 'high',
      },
      {
        name: 'a continuation',
        code: df('FROM node:24-slim', 'COPY package.json \\', '     .env \\', '     /app/'),
        lines: [2],
      },
    ],
  },
});

testImageRule(rule, {
  accept: [
    { name: 'an image without credential files', code: image({ '/app/server.js': 'listen(8080)\n' }) },
    {
      name: 'a certificate in a .pem file: a public certificate is not a secret',
      code: image({ '/etc/tls/server.pem': CERTIFICATE, '/etc/tls/server.crt': CERTIFICATE }),
    },
    {
      name: 'a public SSH key',
      code: image({ '/root/.ssh/id_rsa.pub': 'ssh-ed25519 AAAAfake ci@example\n' }),
    },
    {
      name: 'a dotenv file with settings only',
      code: image({ '/app/.env': 'NODE_ENV=production\nPORT=3000\n' }),
    },
    {
      name: 'an .npmrc with a registry and a token reference',
      code: image({
        '/app/.npmrc':
          'registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
      }),
    },
    {
      name: 'a Docker config.json that uses a credential store',
      code: image({
        '/root/.docker/config.json': '{"auths":{"registry.example.com":{}},"credsStore":"desktop"}',
      }),
    },
    {
      name: 'a .pypirc without a password',
      code: image({ '/root/.pypirc': '[distutils]\nindex-servers = pypi\n[pypi]\nusername = __token__\n' }),
    },
    {
      name: '/etc/shadow (account rules judge it)',
      code: image({ '/etc/shadow': 'root:$6$saltsalt$0123456789abcdefghijABCDEFGHIJ:19000:0:99999:7:::\n' }),
    },
    {
      name: 'a key deleted in a later layer (D06.secret-in-deleted-layer reports it)',
      code: image({ '/root/.ssh/id_rsa': OPENSSH }, { '/root/.ssh/id_rsa': { deleted: true } }),
    },
    {
      name: 'a secret-named file too large to be read is not judged by its name alone',
      code: image({ '/app/.env': { size: 1_100_000 } }),
    },
    {
      name: 'a test key a dependency ships',
      code: image({ '/app/node_modules/agent-base/test/fixtures/server.key': pem('RSA PRIVATE KEY') }),
    },
    {
      name: 'a YAML file that names its secrets by reference',
      code: image({
        '/app/secrets.yaml':
          'db:\n  password_file: /run/secrets/db\n  password: ${DB_PASSWORD}\n  token: !vault |\n',
      }),
    },
  ],
  reject: [
    {
      name: 'a private SSH key',
      code: image({ '/root/.ssh/id_rsa': OPENSSH }),
      objects: ['file /root/.ssh/id_rsa'],
      messageIncludes: '/root/.ssh/id_rsa (private key, added in layer 0) holds a secret (private key)',
      severity: 'high',
    },
    {
      name: 'a .pem file holding a private key',
      code: image({ '/etc/tls/server.pem': `${CERTIFICATE}${pem('RSA PRIVATE KEY')}` }),
      objects: ['file /etc/tls/server.pem'],
      messageIncludes: '(private key,',
    },
    {
      name: 'a .key file holding an encrypted key',
      code: image({ '/etc/nginx/server.key': pem('ENCRYPTED PRIVATE KEY') }),
      objects: ['file /etc/nginx/server.key'],
      messageIncludes: 'private key (encrypted)',
    },
    {
      name: 'a dotenv file with a password',
      code: image({ '/app/.env': 'NODE_ENV=production\nDB_PASSWORD=Tr0ub4dor-and-3\n' }),
      objects: ['file /app/.env'],
      messageIncludes: '(dotenv file, added in layer 0) holds a secret (DB_PASSWORD value)',
    },
    {
      name: 'a dotenv file with a random token under an ordinary name',
      code: image({ '/app/.env.production': 'SESSION_SEED=q8Zr2LmX9vT4kP7wQ1e5\n' }),
      objects: ['file /app/.env.production'],
    },
    {
      name: 'an .npmrc with a token',
      code: image({
        '/root/.npmrc': '//registry.npmjs.org/:_authToken=0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\n',
      }),
      objects: ['file /root/.npmrc'],
      messageIncludes: 'npm credentials',
    },
    {
      name: 'a .pypirc with a password',
      code: image({ '/root/.pypirc': '[pypi]\nusername = deploy\npassword = Tr0ub4dor-and-3\n' }),
      objects: ['file /root/.pypirc'],
      messageIncludes: 'PyPI credentials',
    },
    {
      name: 'a Docker config.json with auths',
      code: image({
        '/root/.docker/config.json': JSON.stringify({
          auths: { 'registry.example.com': { auth: 'Y2k6VHIwdWI0ZG9yLWFuZC0z' } },
        }),
      }),
      objects: ['file /root/.docker/config.json'],
      messageIncludes: 'registry credentials for registry.example.com',
    },
    {
      name: 'a cloud service account key',
      code: image({
        '/app/credentials.json': JSON.stringify(
          { type: 'service_account', private_key_id: '0123abcd', private_key: pem('PRIVATE KEY') },
          null,
          2,
        ),
      }),
      objects: ['file /app/credentials.json'],
      messageIncludes: 'holds a secret (private key)',
    },
    {
      name: 'AWS credentials',
      code: image({
        '/root/.aws/credentials':
          '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
      }),
      objects: ['file /root/.aws/credentials'],
      messageIncludes: '2 secrets (AWS access key, aws_secret_access_key value)',
    },
    {
      name: 'git credentials',
      code: image({ '/root/.git-credentials': 'https://ci:Git-T0ken-99@git.example.com\n' }),
      objects: ['file /root/.git-credentials'],
      messageIncludes: 'credentials in a URL',
    },
    {
      name: 'an SSH host key: medium',
      code: image({ '/etc/ssh/ssh_host_ed25519_key': OPENSSH }),
      objects: ['file /etc/ssh/ssh_host_ed25519_key'],
      messageIncludes: 'shares this host key',
      severity: 'medium',
    },
    {
      name: 'the version a later layer wrote',
      code: image(
        { '/app/.env': 'PORT=3000\n' },
        { '/app/.env': 'PORT=3000\nAPI_KEY=4f9a7c1e2b8d6a3f0e5c9b7a\n' },
      ),
      objects: ['file /app/.env'],
      messageIncludes: 'added in layer 1',
    },
    {
      name: 'every secret file, in path order',
      code: image({ '/root/.ssh/id_ed25519': OPENSSH, '/app/.env': 'API_TOKEN=4f9a7c1e2b8d6a3f0e5c9b7a\n' }),
      objects: ['file /app/.env', 'file /root/.ssh/id_ed25519'],
    },
  ],
});

describe('D06.secret-file: masking in images', () => {
  it('never shows a secret of a file in full', async () => {
    const secrets = [
      'AAAAfakeKEYbody0123',
      'Tr0ub4dor-and-3',
      '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
      'Y2k6VHIwdWI0ZG9yLWFuZC0z',
      'AKIAIOSFODNN7EXAMPLE',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'Git-T0ken-99',
      'S3cretPassw0rd',
    ];
    const findings = await imageFindingsFor(
      rule,
      image({
        '/root/.ssh/id_rsa': OPENSSH,
        '/app/.env': `DB_PASSWORD=${secrets[1]}\n`,
        '/root/.npmrc': `//registry.npmjs.org/:_authToken=${secrets[2]}\n`,
        '/root/.docker/config.json': JSON.stringify({ auths: { 'r.example.com': { auth: secrets[3] } } }),
        '/root/.aws/credentials': `[default]\naws_access_key_id=${secrets[4]}\naws_secret_access_key=${secrets[5]}\n`,
        '/root/.git-credentials': `https://ci:${secrets[6]}@git.example.com\n`,
        '/root/.pgpass': `db.example.com:5432:app:app:${secrets[7]}\n`,
      }),
    );
    expect(findings).toHaveLength(7);
    const text = JSON.stringify(findings);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
