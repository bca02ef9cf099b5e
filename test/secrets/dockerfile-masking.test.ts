// No output shows a secret written in a Dockerfile: ENV, ARG, RUN and ADD secrets are reported with masked
// values only, and every other rule that quotes a RUN or an ADD (curl | sh, curl -k, remote ADD…) masks
// them too. Runs the bundled CLI (`npm run build` first).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { makeTempDir } from '../temp-dir.js';

const secrets = {
  envByName: 'Env-Pa55-Leaked-11',
  envUrl: 'Url-Pa55-Leaked-12',
  argByName: 'Arg-T0ken-Leaked-13',
  envByFormat: 'AKIAIOSFODNN7EXAMPLE',
  mysql: 'My5ql-Leaked-14',
  curlUser: 'Curl-Pa55-Leaked-15',
  bearer: 'Bearer-T0ken-Leaked-16',
  gitUrl: 'Git-T0ken-Leaked-17',
  loginStdin: 'Login-Pa55-Leaked-18',
  npmrc: 'Npm-T0ken-Leaked-19',
  addUrl: 'Add-T0ken-Leaked-20',
  queryToken: 'Query-T0ken-Leaked-21',
  heredoc: 'Heredoc-Pa55-Leaked-22',
  escaped: 'pa$$-Leaked-23',
};

const dockerfile = [
  'FROM node:24-bookworm-slim',
  `ENV DB_PASSWORD=${secrets.envByName}`,
  `ENV DATABASE_URL=postgres://app:${secrets.envUrl}@db:5432/app`,
  `ARG GITHUB_TOKEN=${secrets.argByName}`,
  `ENV SETTING=${secrets.envByFormat}`,
  `RUN mysql -uroot -p${secrets.mysql} -e "select 1"`,
  `RUN curl -fsSL -u deploy:${secrets.curlUser} -o /tmp/a.tgz https://artifacts.example.com/a.tgz`,
  `RUN curl -fsSL -H "Authorization: Bearer ${secrets.bearer}" https://api.example.com/setup.sh | bash`,
  `RUN git clone https://ci:${secrets.gitUrl}@git.example.com/app.git /src`,
  `RUN echo '${secrets.loginStdin}' | docker login -u ci --password-stdin registry.example.com`,
  `RUN echo "//registry.npmjs.org/:_authToken=${secrets.npmrc}" > /root/.npmrc`,
  `ADD https://ci:${secrets.addUrl}@dl.example.com/tool /usr/local/bin/tool`,
  `RUN curl -k "https://dl.example.com/install.sh?token=${secrets.queryToken}" | sh`,
  'RUN <<EOF',
  'set -e',
  `app-cli login --user admin --password=${secrets.heredoc}`,
  'EOF',
  `RUN app-cli login --password="${secrets.escaped.replaceAll('$', '\\$')}"`,
  'USER 10001',
  '',
].join('\n');

describe('secrets in a Dockerfile', () => {
  const dir = makeTempDir('dt10-secrets-dockerfile');
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  const json = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none']);
  const text = runCli(['scan', dir, '--format', 'text', '--fail-on', 'none']);

  it('reports every one of them', () => {
    const report = JSON.parse(json.stdout) as {
      findings: { ruleId: string; location: { line: number } }[];
      errors: unknown[];
    };
    expect(report.errors).toEqual([]);
    const lines = (ruleId: string): number[] =>
      report.findings.filter((f) => f.ruleId === ruleId).map((f) => f.location.line);
    expect(lines('D06.secret-in-env')).toEqual([2, 3, 4, 5]);
    expect(lines('D06.secret-in-command')).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 18]);
    // Rules about other things that quote the same lines, masked as well.
    expect(lines('D08.curl-pipe-shell')).toEqual([8, 13]);
    expect(lines('D08.tls-verification-disabled')).toEqual([13]);
    expect(lines('D08.remote-add')).toEqual([12]);
  });

  it.each(Object.entries(secrets))(
    'never shows the %s secret, nor most of it, in JSON or text',
    (_, secret) => {
      const middle = secret.slice(2, -2);
      for (const output of [json.stdout, text.stdout, json.stderr, text.stderr]) {
        expect(output).not.toContain(secret);
        expect(output).not.toContain(middle);
      }
    },
  );
});
