import { describe, expect, it } from 'vitest';
import { evaluate, RuleSet } from '../../core/evaluator.js';
import { DEFAULT_SETTINGS } from '../../core/settings.js';
import { loadText } from '../../scan/load-file.js';
import { subjectsOf } from '../../scan/judge-files.js';
import {
  composeService,
  dockerRun,
  findingsFor,
  k8sDeployment,
  testRule,
} from '../../../test/rule-tester.js';
import rule from './secret-in-env.js';

/** Relative to the directory the tests run in (the repository root), as compose resolves `env_file`. */
const ENV_FILE = 'test/fixtures/secrets/app.env';

const k8sEnv = (entries: string): string => k8sDeployment(`env:\n${entries.replace(/^/gm, '  ')}`);

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no environment', code: dockerRun('') },
      { name: 'ordinary settings', code: dockerRun('-e NODE_ENV=production -e DB_USER=app') },
      { name: 'taken from the host', code: dockerRun('-e DB_PASSWORD') },
      { name: 'a reference to the shell', code: dockerRun('-e "DB_PASSWORD=$DB_PASSWORD"') },
      { name: 'an env file', code: dockerRun('--env-file ./app.env') },
      { name: 'a path to a secret file', code: dockerRun('-e DB_PASSWORD_FILE=/run/secrets/db') },
      { name: 'a placeholder', code: dockerRun('-e DB_PASSWORD=changeme') },
    ],
    reject: [
      {
        name: '-e DB_PASSWORD=…',
        code: dockerRun('-e DB_PASSWORD=hunter2hunter2'),
        lines: [1],
        messageIncludes:
          'container "app" in run.sh sets DB_PASSWORD to a literal secret: its name (DB_PASSWORD) says it holds a secret',
        severity: 'high',
      },
      { name: '--env=API_KEY=…', code: dockerRun('--env=API_KEY=abcd1234efgh5678'), lines: [1] },
      {
        name: 'an AWS key under an innocent name',
        code: dockerRun('-e SETTING=AKIAIOSFODNN7EXAMPLE'),
        lines: [1],
        messageIncludes: 'its value holds a secret (AWS access key)',
      },
      {
        name: 'credentials in a quoted URL',
        code: dockerRun("-e 'DATABASE_URL=postgres://app:S3cretPass@db:5432/app'"),
        lines: [1],
        messageIncludes: 'credentials in a URL',
      },
      {
        name: 'only the secrets, each on its line',
        code: dockerRun(
          '-e NODE_ENV=production \\\n  -e GITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345 \\\n  -e DB_USER=app \\\n  -e DB_PASSWORD=hunter2hunter2',
        ),
        lines: [2, 4],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no environment', code: composeService('') },
      {
        name: 'ordinary settings',
        code: composeService('environment:\n  NODE_ENV: production\n  DB_USER: app\n  DB_HOST: db'),
      },
      {
        name: 'a reference left for deploy time',
        code: composeService('environment:\n  DB_PASSWORD: ${DB_PASSWORD}'),
      },
      {
        name: 'a required reference',
        code: composeService('environment:\n  DB_PASSWORD: ${DB_PASSWORD:?set it}'),
      },
      {
        name: 'a path to a secret file',
        code: composeService('environment:\n  DB_PASSWORD_FILE: /run/secrets/db'),
      },
      { name: 'a placeholder', code: composeService('environment:\n  DB_PASSWORD: changeme') },
      { name: 'empty', code: composeService('environment:\n  DB_PASSWORD: ""') },
      { name: 'taken from the host (list form)', code: composeService('environment:\n  - DB_PASSWORD') },
      {
        name: 'a digest is public',
        code: composeService('environment:\n  IMAGE_DIGEST: sha256:0123456789abcdef0123456789abcdef'),
      },
      {
        name: 'a URL without credentials',
        code: composeService('environment:\n  API_URL: https://api.example.com/v1'),
      },
    ],
    reject: [
      {
        name: 'a password by name',
        code: composeService('environment:\n  DB_PASSWORD: S3cure-But-Leaked-42'),
        lines: [5],
        messageIncludes:
          'service "app" in compose.yaml sets DB_PASSWORD to a literal secret: its name (DB_PASSWORD) says it holds a secret',
        severity: 'high',
      },
      { name: 'list form', code: composeService('environment:\n  - API_KEY=abcd1234efgh5678'), lines: [5] },
      {
        name: 'an AWS key under an innocent name',
        code: composeService('environment:\n  SETTING: AKIAIOSFODNN7EXAMPLE'),
        lines: [5],
        messageIncludes: 'its value holds a secret (AWS access key)',
      },
      {
        name: 'credentials in a URL',
        code: composeService('environment:\n  DATABASE_URL: postgres://app:S3cretPass@db:5432/app'),
        lines: [5],
        messageIncludes: 'credentials in a URL',
      },
      {
        name: 'a random-looking token',
        code: composeService('environment:\n  SESSION_SEED: q8Zr2LmX9vT4kP7wN3bY6cJ1'),
        lines: [5],
        messageIncludes: 'looks like a random token',
      },
      {
        name: 'the literal default of an unset variable',
        code: composeService('environment:\n  DB_PASSWORD: ${DB_PASSWORD:-S3cure-Default-42}'),
        lines: [5],
      },
      {
        name: 'only the secrets, each at its line',
        code: composeService(
          'environment:\n  NODE_ENV: production\n  GITHUB_TOKEN: ghp_0123456789abcdefghijABCDEFGHIJ012345\n  DB_USER: app\n  DB_PASSWORD: hunter2hunter2',
        ),
        lines: [6, 8],
      },
      {
        name: 'an env_file entry, at its line in that file',
        code: composeService(`env_file: ${ENV_FILE}`),
        lines: [3],
        messageIncludes: `sets DB_PASSWORD to a literal secret (from `,
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'no env', code: k8sDeployment('') },
      { name: 'ordinary values', code: k8sEnv('- name: LOG_LEVEL\n  value: info') },
      {
        name: 'a secretKeyRef (D06.secret-as-env-var)',
        code: k8sEnv('- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: { name: db, key: password }'),
      },
      {
        name: 'a path to a mounted secret',
        code: k8sEnv('- name: DB_PASSWORD_FILE\n  value: /etc/db/password'),
      },
      { name: 'a Helm-style placeholder', code: k8sEnv('- name: API_TOKEN\n  value: "{{ .Values.token }}"') },
    ],
    reject: [
      {
        name: 'a literal token, at the env item',
        code: k8sEnv(
          '- name: LOG_LEVEL\n  value: info\n- name: API_TOKEN\n  value: q8Zr2LmX9vT4kP7wN3bY6cJ1',
        ),
        lines: [15],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml sets API_TOKEN to a literal secret',
      },
    ],
  },
});

describe('D06.secret-in-env evidence', () => {
  it('shows the value masked, and the message never shows it', async () => {
    const code = composeService(`environment:\n  DB_PASSWORD: S3cure-But-Leaked-42\nenv_file: ${ENV_FILE}`);
    const findings = await findingsFor(rule, 'compose', code);
    expect(findings.map((f) => f.evidence)).toEqual(['DB_PASSWORD=S3****42', 'DB_PASSWORD=Fi****al']);
    for (const finding of findings) {
      expect(finding.message).not.toContain('S3cure-But-Leaked-42');
      expect(finding.message).not.toContain('Fixture-Pa55word-Not-Real');
    }
  });
});

describe('D06.secret-in-env: values the scanning shell filled in', () => {
  it('judges what the compose file writes, not what the environment of the scan supplies', async () => {
    const compose =
      'services:\n  app:\n    image: registry.example.com/app:1.0\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n';
    const loaded = await loadText('compose.yaml', compose, 'compose', true, {
      environment: { DB_PASSWORD: 'hunter2hunter2-from-the-ci-runner' },
      dotEnvCache: new Map(),
    });
    const workload = loaded.compose[0]!.workloads[0]!;
    expect(workload.env[0]).toMatchObject({ name: 'DB_PASSWORD', written: '${DB_PASSWORD}' });
    const { findings } = evaluate(subjectsOf([loaded]), new RuleSet([rule]), {
      now: new Date(),
      settings: DEFAULT_SETTINGS,
    });
    expect(findings).toEqual([]);
  });
});
