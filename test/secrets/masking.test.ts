// No output shows a secret: findings about secrets carry masked values only, in every format.
// Runs the bundled CLI (`npm run build` first).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { makeTempDir } from '../temp-dir.js';

function tempDir(files: Record<string, string>): string {
  const dir = makeTempDir('dt10-secrets');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('secrets in deployment files (D06 workload and ConfigMap rules)', () => {
  const secrets = {
    composeMapping: 'S3cure-But-Leaked-42',
    composeList: 'Ab12Cd34Ef56Gh78Ij90',
    composeUrl: 'Url-Pa55-Leaked-13',
    envFile: 'Mail-Pa55-Leaked-77',
    kubernetesEnv: 'q8Zr2LmX9vT4kP7wN3bY6cJ1',
    configMapEntry: 'Cm-Pa55-Leaked-99',
    configMapFileLine: 'Props-Pa55-Leaked-31',
    configMapToken: 'ghp_0123456789abcdefghijABCDEFGHIJ012345',
  };
  const dir = tempDir({
    'compose.yaml': [
      'services:',
      '  api:',
      '    image: registry.example.com/api:1.0',
      '    env_file: app.env',
      '    environment:',
      `      DB_PASSWORD: ${secrets.composeMapping}`,
      `      DATABASE_URL: postgres://app:${secrets.composeUrl}@db:5432/app`,
      '  worker:',
      '    image: registry.example.com/worker:1.0',
      '    environment:',
      `      - API_KEY=${secrets.composeList}`,
      '',
    ].join('\n'),
    'app.env': `LOG_LEVEL=info\nSMTP_PASSWORD=${secrets.envFile}\n`,
    'k8s/app.yaml': [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      '  namespace: shop',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/api:1.0',
      '      env:',
      '        - name: API_TOKEN',
      `          value: ${secrets.kubernetesEnv}`,
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: api-config',
      '  namespace: shop',
      'data:',
      `  DB_PASSWORD: ${secrets.configMapEntry}`,
      `  GIT_SETTING: ${secrets.configMapToken}`,
      '  app.properties: |',
      '    server.port=8080',
      `    db.password=${secrets.configMapFileLine}`,
      '',
    ].join('\n'),
  });

  const json = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none']);
  const text = runCli(['scan', dir, '--format', 'text', '--fail-on', 'none']);

  it('reports every one of them', () => {
    const report = JSON.parse(json.stdout) as { findings: { ruleId: string }[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    const ruleIds = report.findings.map((f) => f.ruleId);
    expect(ruleIds.filter((id) => id === 'D06.secret-in-env')).toHaveLength(5);
    expect(ruleIds.filter((id) => id === 'D06.secret-in-configmap')).toHaveLength(3);
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
