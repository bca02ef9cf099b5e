import { describe, expect, it } from 'vitest';
import { findingsFor, imageFindingsFor, testImageRule, testRule } from '../../../test/rule-tester.js';
import rule from './secret-in-command.js';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const run = (command: string): string => df('FROM alpine:3.22', `RUN ${command}`);
/** An image whose config history is `steps` (JSON is YAML); the first step made its only layer. */
const history = (steps: string[], env?: string[]): string =>
  JSON.stringify({ history: steps, ...(env ? { config: { Env: env } } : {}) });
const at = (...steps: number[]): string[] => steps.map((n) => `config history[${n}].created_by`);
const NPM = 'npm_0123456789abcdefghijABCDEFGHIJ012345';

testRule(rule, {
  dockerfile: {
    accept: [
      {
        name: 'a secret mount read from a file',
        code: run('--mount=type=secret,id=npm,target=/root/.npmrc npm ci'),
      },
      {
        name: 'a secret mount as env',
        code: run(
          '--mount=type=secret,id=tok,env=TOKEN curl -H "Authorization: Bearer $TOKEN" https://x.example.com',
        ),
      },
      { name: 'a password from a file', code: run('mysql -uroot -p"$(cat /run/secrets/db)" -e "select 1"') },
      { name: 'mysql -p prompting', code: run('mysql -u root -p app < schema.sql') },
      {
        name: '--password-stdin from a file',
        code: run('cat /run/secrets/pw | docker login -u ci --password-stdin registry.example.com'),
      },
      { name: '--password-file', code: run('tool --password-file=/run/secrets/pw') },
      { name: 'a curl user without a password', code: run('curl -u deploy https://x.example.com') },
      {
        name: 'a curl user with a reference',
        code: run('curl -u "deploy:${DEPLOY_TOKEN}" https://x.example.com'),
      },
      {
        name: 'a URL with a reference',
        code: run('git clone https://ci:${GIT_TOKEN}@git.example.com/app.git'),
      },
      {
        name: 'a URL with a token parameter reference',
        code: run('curl "https://x.example.com/dl?token=$TOKEN"'),
      },
      { name: 'a plain URL', code: run('curl -fsSLo /tmp/x https://example.com/file?version=1.2') },
      { name: 'a docker build secret spec', code: run('docker build --secret id=npm,src=.npmrc .') },
      { name: 'a boolean option', code: run('tool --no-password --ask-password') },
      { name: 'an ordinary build', code: run('npm ci && npm run build') },
      { name: 'a placeholder', code: run('echo "password=changeme" > /etc/app.conf') },
      { name: 'an ADD of a plain URL', code: df('FROM alpine:3.22', 'ADD https://dl.example.com/x.bin /x') },
      { name: 'a COPY of a local file', code: df('FROM alpine:3.22', 'COPY token.txt.example /x') },
    ],
    reject: [
      {
        name: '--password=',
        code: run('app-cli login --user admin --password=Tr0ub4dor-and-3'),
        lines: [2],
        messageIncludes: 'the --password option (Tr****-3)',
        severity: 'high',
      },
      { name: '--password value', code: run('app-cli login --password Tr0ub4dor-and-3'), lines: [2] },
      {
        name: 'mysql -p<password>',
        code: run('mysql -uroot -phunter2 app < /tmp/seed.sql'),
        lines: [2],
        messageIncludes: 'mysql -p<password>',
      },
      {
        name: 'docker login -p',
        code: run('docker login -u ci -p s3cr3tPassw0rd registry.example.com'),
        lines: [2],
      },
      {
        name: 'curl -u user:pass',
        code: run('curl -u deploy:s3cr3tPassw0rd -O https://x.example.com/a.tgz'),
        lines: [2],
        messageIncludes: 'curl -u user:password',
      },
      {
        name: 'curl --user',
        code: run('curl --user "deploy:s3cr3t pass" https://x.example.com'),
        lines: [2],
      },
      {
        name: 'wget --http-password',
        code: run('wget --http-user=ci --http-password=s3cr3tPassw0rd https://x.example.com/a'),
        lines: [2],
      },
      {
        name: 'an Authorization header',
        code: run('curl -H "Authorization: Bearer 4f9a7c1e2b8d6a3f0e5c9b7a" https://api.example.com'),
        lines: [2],
        messageIncludes: 'Authorization',
      },
      {
        name: 'a GitLab private token header',
        code: run(`curl --header 'PRIVATE-TOKEN: 4f9a7c1e2b8d6a3f0e5c' https://gitlab.example.com/api`),
        lines: [2],
      },
      {
        name: 'credentials in a git URL',
        code: run('git clone https://ci:4f9a7c1e2b8d6a3f@git.example.com/app.git'),
        lines: [2],
        messageIncludes: 'credentials in a URL',
      },
      {
        name: 'a token parameter in a URL',
        code: run('curl -o x.tgz "https://dl.example.com/x.tgz?access_token=4f9a7c1e2b8d6a3f0e5c"'),
        lines: [2],
      },
      {
        name: 'a GitHub token anywhere',
        code: run('git clone https://ghp_0123456789abcdefghijklmnopqrstuvwxyz@github.com/org/repo.git'),
        lines: [2],
      },
      {
        name: 'an npm auth token written to .npmrc',
        code: run(
          'echo "//registry.npmjs.org/:_authToken=npm_0123456789abcdefghijABCDEFGHIJ012345" > ~/.npmrc',
        ),
        lines: [2],
      },
      {
        name: 'npm config set of an auth token',
        code: run('npm config set //registry.example.com/:_authToken 4f9a7c1e2b8d6a3f0e5c'),
        lines: [2],
      },
      {
        name: 'an assignment before the command',
        code: run('NPM_TOKEN=4f9a7c1e2b8d6a3f0e5c npm publish'),
        lines: [2],
      },
      {
        name: 'export of a secret',
        code: run('export GITHUB_TOKEN=4f9a7c1e2b8d6a3f0e5c && make release'),
        lines: [2],
      },
      {
        name: 'a --build-arg secret',
        code: run('docker build --build-arg NPM_TOKEN=4f9a7c1e2b8d6a3f0e5c .'),
        lines: [2],
      },
      {
        name: 'echo piped into docker login',
        code: run("echo 's3cr3tPassw0rd' | docker login -u ci --password-stdin"),
        lines: [2],
        messageIncludes: 'docker',
      },
      {
        name: 'chpasswd',
        code: run('echo "root:Tr0ub4dor-and-3" | chpasswd'),
        lines: [2],
        messageIncludes: 'chpasswd',
      },
      {
        name: 'openssl -passout pass:',
        code: run('openssl genrsa -aes256 -passout pass:Tr0ub4dor-and-3 -out k.pem 4096'),
        lines: [2],
      },
      { name: 'redis-cli -a', code: run('redis-cli -a Tr0ub4dor-and-3 ping'), lines: [2] },
      {
        name: 'sshpass -p across a continuation',
        code: df('FROM alpine:3.22', 'RUN sshpass -p \\', '    Tr0ub4dor-and-3 scp deploy@host:/a /a'),
        lines: [2],
      },
      {
        name: 'lower-case run',
        code: df('FROM alpine:3.22', 'run mysqladmin -uroot -phunter2 status'),
        lines: [2],
      },
      {
        name: 'a heredoc',
        code: df(
          'FROM alpine:3.22',
          'RUN <<EOF',
          'set -e',
          'curl -u deploy:s3cr3tPassw0rd https://x.example.com',
          'EOF',
        ),
        lines: [2],
      },
      {
        name: 'the exec form',
        code: df('FROM alpine:3.22', 'RUN ["mysql", "-uroot", "-phunter2", "-e", "select 1"]'),
        lines: [2],
      },
      {
        name: 'a secret mount does not excuse a literal',
        code: run('--mount=type=secret,id=x curl -u deploy:s3cr3tPassw0rd https://x.example.com'),
        lines: [2],
      },
      {
        name: 'a build stage: medium',
        code: df(
          'FROM alpine:3.22 AS fetch',
          'RUN curl -u deploy:s3cr3tPassw0rd -O https://x.example.com/a',
          'FROM scratch',
        ),
        lines: [2],
        severity: 'medium',
      },
      {
        name: 'an ADD of a URL with credentials',
        code: df('FROM alpine:3.22', 'ADD https://ci:t0k3nValue99@dl.example.com/x.bin /usr/local/bin/x'),
        lines: [2],
        messageIncludes: 'ADD in the final stage',
      },
      {
        name: 'an ADD of a URL with a token parameter',
        code: df(
          'FROM alpine:3.22',
          'ADD --checksum=sha256:0d4c8b1e6f3a92c57e1b0a8d4f6c3e29b7a5d1c0e8f4b2a6d9c3e7f1a5b8d2c4 https://dl.example.com/x.bin?token=4f9a7c1e2b8d6a3f0e5c /x',
        ),
        lines: [2],
      },
      {
        name: 'every such RUN',
        code: df(
          'FROM alpine:3.22',
          'RUN mysql -phunter2',
          'RUN true',
          'RUN curl -u a:b0b0b0b0 https://x.example.com',
        ),
        lines: [2, 4],
      },
    ],
  },
});

describe('D06.secret-in-command: masking', () => {
  it('masks every value in the message and the evidence, however it is quoted or escaped', async () => {
    const secrets = [
      'Tr0ub4dor-and-3',
      's3cr3tPassw0rd',
      'hunter2',
      'pa$$word-with-dollars',
      'q8Zr2LmX9vT4kP7w',
    ];
    const findings = await findingsFor(
      rule,
      'dockerfile',
      df(
        'FROM alpine:3.22',
        `RUN app --password=${secrets[0]} && curl -u ci:${secrets[1]} https://x.example.com`,
        `RUN mysql -uroot -p${secrets[2]}`,
        `RUN app --password='pa$$'"word-with-dollars"`,
        `RUN curl -H "Authorization: Bearer ${secrets[4]}" https://x.example.com`,
      ),
    );
    expect(findings.map((f) => f.location).map((l) => ('line' in l ? l.line : 0))).toEqual([2, 3, 4, 5]);
    const text = JSON.stringify(findings);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

testImageRule(rule, {
  accept: [
    {
      name: 'an ordinary BuildKit history',
      code: history([
        'ADD alpine-minirootfs-3.22.0-x86_64.tar.gz / # buildkit',
        'CMD ["/bin/sh"]',
        'RUN /bin/sh -c apk add --no-cache curl # buildkit',
        'ENV NODE_VERSION=24.1.0',
        'ARG NPM_TOKEN',
        'RUN |1 NPM_TOKEN= /bin/sh -c npm ci # buildkit',
        'COPY . /app # buildkit',
        'USER 10001',
      ]),
    },
    {
      name: 'a secret used through a reference (a secret mount)',
      code: history([
        'RUN /bin/sh -c curl -fsSL -H "Authorization: Bearer $TOKEN" -o /tmp/a.tgz https://pkgs.example.com/a.tgz # buildkit',
      ]),
    },
    {
      name: 'the classic builder',
      code: history([
        '/bin/sh -c #(nop) ADD file:5b7b6e1e2a7c3d4f in / ',
        '/bin/sh -c #(nop)  CMD ["sh"]',
        '/bin/sh -c apk add --no-cache curl',
        '|1 VERSION=1.2.3 /bin/sh -c make install',
      ]),
    },
    {
      name: 'an ENV secret still in Config.Env (D06.secret-in-env reports it)',
      code: history(['ENV DB_PASSWORD=Tr0ub4dor-and-3'], ['DB_PASSWORD=Tr0ub4dor-and-3']),
    },
    { name: 'placeholders', code: history(['ARG DB_PASSWORD=changeme', 'ENV API_KEY=${API_KEY}']) },
    {
      name: 'a checksum and an option list',
      code: history([
        'ENV PYTHON_SHA256=8fb5f9fbc7609fa822cb31549884575db7fd9657cbffb89510b5d7975963a83a',
        'ENV JAVA_OPTS=-XX:MaxRAMPercentage=75',
      ]),
    },
  ],
  reject: [
    {
      name: 'a build argument BuildKit wrote before a RUN',
      code: history([`RUN |1 NPM_TOKEN=${NPM} /bin/sh -c npm ci # buildkit`]),
      objects: at(0),
      messageIncludes: 'the build argument NPM_TOKEN',
      severity: 'high',
    },
    {
      name: 'an ARG default reported once, at its first step',
      code: history([
        'ARG GITHUB_TOKEN=0a1b2c3d4e5f6a7b8c9d',
        'RUN |1 GITHUB_TOKEN=0a1b2c3d4e5f6a7b8c9d /bin/sh -c make # buildkit',
        'RUN |1 GITHUB_TOKEN=0a1b2c3d4e5f6a7b8c9d /bin/sh -c make install # buildkit',
      ]),
      objects: at(0),
      messageIncludes: 'ARG GITHUB_TOKEN',
    },
    {
      name: 'a --password option on a RUN line',
      code: history(['RUN /bin/sh -c app-cli login --password=Tr0ub4dor-and-3 # buildkit']),
      objects: at(0),
      messageIncludes: 'the --password option',
    },
    {
      name: 'curl -u user:password (classic builder)',
      code: history([
        '/bin/sh -c curl -fsSL -u deploy:S3cretPassw0rd -o /tmp/a.tgz https://artifacts.example.com/a.tgz',
      ]),
      objects: at(0),
      messageIncludes: 'curl -u user:password',
    },
    {
      name: 'a token in a URL',
      code: history([
        'RUN /bin/sh -c git clone https://ci:Git-T0ken-99@git.example.com/app.git /src # buildkit',
      ]),
      objects: at(0),
      messageIncludes: 'credentials in a URL',
    },
    {
      name: 'a token parameter of a URL',
      code: history(['RUN /bin/sh -c curl "https://dl.example.com/i.sh?token=4f9a7c1e2b8d6a3f0e5c" | sh']),
      objects: at(0),
      messageIncludes: 'the token parameter',
    },
    {
      name: 'an ENV secret overwritten later: the history keeps it',
      code: history(['ENV DB_PASSWORD=Tr0ub4dor-and-3', 'ENV DB_PASSWORD='], ['DB_PASSWORD=']),
      objects: at(0),
      messageIncludes: 'ENV DB_PASSWORD',
    },
    {
      name: 'a classic-builder ENV',
      code: history(['/bin/sh -c #(nop)  ENV API_KEY=4f9a7c1e2b8d6a3f0e5c9b7a']),
      objects: at(0),
    },
    {
      name: 'an ADD of a URL with credentials',
      code: history(['ADD https://ci:t0k3nValue99@dl.example.com/x.bin /usr/local/bin/x # buildkit']),
      objects: at(0),
    },
    {
      name: 'a known token format in a LABEL',
      code: history([`LABEL ci.token=${NPM}`]),
      objects: at(0),
      messageIncludes: 'npm token',
    },
    {
      name: 'every step with a secret, in order',
      code: history([
        'RUN /bin/sh -c true # buildkit',
        'RUN /bin/sh -c mysql -uroot -phunter2hunter2 -e "select 1" # buildkit',
        'RUN /bin/sh -c true # buildkit',
        "RUN /bin/sh -c echo 'Login-Pa55' | docker login -u ci --password-stdin registry.example.com # buildkit",
      ]),
      objects: at(1, 3),
    },
  ],
});

describe('D06.secret-in-command: masking in image history', () => {
  it('masks every value in the message and the evidence', async () => {
    const secrets = [
      NPM,
      'Tr0ub4dor-and-3',
      's3cr3tPassw0rd',
      'hunter2hunter2',
      'q8Zr2LmX9vT4kP7w',
      'Arg-T0ken-Leaked-13',
      'Env-Pa55-Leaked-11',
    ];
    const findings = await imageFindingsFor(
      rule,
      history(
        [
          `ARG GITHUB_TOKEN=${secrets[5]}`,
          `RUN |2 GITHUB_TOKEN=${secrets[5]} NPM_TOKEN=${secrets[0]} /bin/sh -c npm ci # buildkit`,
          `RUN /bin/sh -c app --password=${secrets[1]} && curl -u ci:${secrets[2]} https://x.example.com # buildkit`,
          `/bin/sh -c mysql -uroot -p${secrets[3]}`,
          `RUN /bin/sh -c curl -H "Authorization: Bearer ${secrets[4]}" https://x.example.com # buildkit`,
          `ENV DB_PASSWORD=${secrets[6]}`,
        ],
        ['DB_PASSWORD='],
      ),
    );
    expect(findings.map((f) => f.location)).toMatchObject(
      [0, 1, 2, 3, 4, 5].map((n) => ({ object: 'config', field: `history[${n}].created_by` })),
    );
    const text = JSON.stringify(findings);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(findings[1]!.evidence).toBe('RUN |2 GITHUB_TOKEN=**** NPM_TOKEN=**** /bin/sh -c npm ci');
  });
});
