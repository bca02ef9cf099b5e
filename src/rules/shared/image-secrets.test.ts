import { describe, expect, it } from 'vitest';
import {
  assignmentsOf,
  conclusiveSecretName,
  historyEvidence,
  isDependencyFixture,
  parseHistoryStep,
  secretsInFile,
  secretsInHistoryStep,
} from './image-secrets.js';
import { secretFileKind, secretFormat } from './secrets.js';

const pem = (type: string): string => `-----BEGIN ${type}-----\nAAAAfakeKEYbody0123\n-----END ${type}-----\n`;

describe('parseHistoryStep', () => {
  it.each([
    ['RUN /bin/sh -c apk add curl # buildkit', 'RUN', [], 'apk add curl'],
    [
      'RUN |2 NPM_TOKEN=abc VERSION=1 /bin/sh -c npm ci # buildkit',
      'RUN',
      [
        { name: 'NPM_TOKEN', value: 'abc' },
        { name: 'VERSION', value: '1' },
      ],
      'npm ci',
    ],
    ['|1 TOKEN=abc /bin/sh -c make', 'RUN', [{ name: 'TOKEN', value: 'abc' }], 'make'],
    ['/bin/sh -c #(nop)  ENV A=b', 'ENV', [], 'A=b'],
    ['/bin/sh -c #(nop) ADD file:0123 in / ', 'ADD', [], 'file:0123 in /'],
    ['ARG NPM_TOKEN', 'ARG', [], 'NPM_TOKEN'],
    ['RUN ["/bin/sh","-c","npm ci"]', 'RUN', [], 'npm ci'],
    ['RUN ["npm","ci"]', 'RUN', [], 'npm ci'],
    ['Imported from -', 'RUN', [], 'Imported from -'],
  ])('reads %j', (createdBy, keyword, args, body) =>
    expect(parseHistoryStep(createdBy)).toEqual({ keyword, args, body }),
  );
});

describe('assignmentsOf', () => {
  it('reads NAME=value pairs, quoted or escaped, and the legacy form', () => {
    expect(assignmentsOf('A=1 B="two words" C=\'x y\' D=a\\ b')).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: 'two words' },
      { name: 'C', value: 'x y' },
      { name: 'D', value: 'a b' },
    ]);
    expect(assignmentsOf('DB_PASSWORD hunter2 hunter3')).toEqual([
      { name: 'DB_PASSWORD', value: 'hunter2 hunter3' },
    ]);
    expect(assignmentsOf('NPM_TOKEN')).toEqual([]);
  });
});

describe('secretsInHistoryStep', () => {
  it('skips the ENV values Config.Env still holds, not the ones overwritten later', () => {
    const step = parseHistoryStep('ENV DB_PASSWORD=Tr0ub4dor-and-3');
    expect(secretsInHistoryStep(step, new Set(['DB_PASSWORD=Tr0ub4dor-and-3']))).toEqual([]);
    expect(secretsInHistoryStep(step, new Set())).toEqual([
      {
        description: 'ENV DB_PASSWORD=Tr****-3 (its name says it holds a secret)',
        value: 'Tr0ub4dor-and-3',
      },
    ]);
  });
  it('gives a format found in a script its value, for masking', () => {
    const [secret] = secretsInHistoryStep(
      parseHistoryStep('RUN /bin/sh -c echo AKIAIOSFODNN7EXAMPLE > /k # buildkit'),
      new Set(),
    );
    expect(secret).toEqual({ description: 'an AWS access key (AK****LE)', value: 'AKIAIOSFODNN7EXAMPLE' });
  });
});

describe('historyEvidence', () => {
  it('masks the values it is given and the command-line secrets, on one line', () => {
    const evidence = historyEvidence(
      'RUN |1 SEED=q8Zr2LmX9vT4kP7wQ1e5 /bin/sh -c app --password=Tr0ub4dor-and-3 \\\n  && make # buildkit',
      ['q8Zr2LmX9vT4kP7wQ1e5'],
    );
    expect(evidence).toBe('RUN |1 SEED=q8****e5 /bin/sh -c app --password=Tr****-3 \\ ⏎ && make');
  });
});

describe('secretsInFile', () => {
  it('finds private keys, not certificates', () => {
    expect(secretsInFile('/etc/tls/a.pem', pem('CERTIFICATE'))).toEqual([]);
    expect(secretsInFile('/etc/tls/a.pem', pem('EC PRIVATE KEY'))).toEqual([
      { label: 'private key', evidence: '-----BEGIN EC PRIVATE KEY----- ****' },
    ]);
    expect(secretsInFile('/k.key', pem('ENCRYPTED PRIVATE KEY'))[0]!.label).toBe('private key (encrypted)');
  });
  it.each([
    ['/app/.env', 'DB_PASSWORD="Tr0ub4dor-and-3"\n', 'DB_PASSWORD=Tr****-3'],
    ['/app/.env', 'export API_KEY=4f9a7c1e2b8d6a3f0e5c9b7a\n', 'API_KEY=4f****7a'],
    ['/root/.npmrc', '//registry.npmjs.org/:_authToken=0a1b2c3d-4e5f-6a7b\n', '_authToken=0a****7b'],
    ['/root/.pypirc', '[pypi]\npassword = Tr0ub4dor-and-3\n', 'password=Tr****-3'],
    ['/app/config.json', '{\n  "db": { "password": "Tr0ub4dor-and-3" },\n', 'password=Tr****-3'],
    ['/app/secrets.yaml', 'db:\n  password: Tr0ub4dor-and-3\n', 'password=Tr****-3'],
    ['/root/.netrc', 'machine x login ci password Tr0ub4dor-and-3\n', 'password Tr****-3'],
    ['/root/.pgpass', 'db:5432:app:app:Tr0ub4dor-and-3\n', 'db:5432:app:app:Tr****-3'],
    ['/etc/.htpasswd', 'admin:$apr1$salt$hash\n', 'admin:****'],
    [
      '/root/.git-credentials',
      'https://ci:Tr0ub4dor-and-3@git.example.com\n',
      'https://ci:Tr****-3@git.example.com',
    ],
    [
      '/root/.docker/config.json',
      '{"auths":{"r.example.com":{"auth":"Y2k6VHIwdWI0ZG9yLWFuZC0z"}}}',
      'auths.r.example.com.auth: Y2****0z',
    ],
  ])('finds the secret of %s', (path, text, evidence) =>
    expect(secretsInFile(path, text).map((s) => s.evidence)).toEqual([evidence]),
  );
  it.each([
    ['/app/.env', 'NODE_ENV=production\nPORT=3000\nJAVA_OPTS=-Xmx512m -XX:MaxRAMPercentage=75\n'],
    ['/root/.npmrc', 'registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n'],
    ['/app/secrets.yaml', 'db:\n  password_file: /run/secrets/db\n  password: "{{ .Values.password }}"\n'],
    ['/app/config.json', '{ "password": "", "token": null, "auth": { "type": "oauth" } }\n'],
    ['/root/.docker/config.json', '{"auths":{"r.example.com":{}},"credsStore":"desktop"}'],
    ['/app/secrets.yaml', '# password: Tr0ub4dor-and-3\n'],
  ])('finds none in %s %j', (path, text) => expect(secretsInFile(path, text)).toEqual([]));
});

describe('names', () => {
  it('knows the names that hold a credential whatever they contain', () => {
    expect(conclusiveSecretName('/root/.ssh/id_ed25519')).toBe('private key');
    expect(conclusiveSecretName('/home/app/.aws/credentials')).toBe('AWS credentials');
    expect(conclusiveSecretName('/etc/tls/server.pem')).toBeUndefined();
    expect(conclusiveSecretName('/app/.env')).toBeUndefined();
  });
  it('keeps the file kinds the Dockerfile rule used', () => {
    expect(secretFileKind('keys/id_rsa')).toBe('a private SSH key');
    expect(secretFileKind('/root/.docker/config.json')).toBe('Docker registry credentials');
    expect(secretFileKind('certs/ca.pem')).toBeUndefined();
    expect(secretFileKind('.env.example')).toBeUndefined();
  });
  it('tells dependency test keys from the image own', () => {
    expect(isDependencyFixture('/app/node_modules/x/test/fixtures/k.key')).toBe(true);
    expect(isDependencyFixture('/usr/lib/python3/dist-packages/x/tests/keycert.pem')).toBe(true);
    expect(isDependencyFixture('/app/test/server.key')).toBe(false);
    expect(isDependencyFixture('/app/node_modules/x/server.key')).toBe(false);
  });
});

describe('the formats added for images', () => {
  it.each([
    ['PuTTY-User-Key-File-3: ssh-ed25519', 'PuTTY private key'],
    [`pypi-AgEIcHlwaS5vcmc${'A'.repeat(50)}`, 'PyPI token'],
    [`dckr_pat_${'a1B2'.repeat(7)}`, 'Docker Hub token'],
    [`hvs.${'a1B2'.repeat(6)}`, 'Vault token'],
  ])('takes %j for a %s', (text, kind) => expect(secretFormat(text)).toBe(kind));
});
