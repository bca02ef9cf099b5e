import { describe, expect, it } from 'vitest';
import { findingsFor, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './secret-in-configmap.js';

/** A ConfigMap `app-config` in namespace shop; its data entries start at line 7. */
function configMap(data: string, namespace = 'shop'): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: ${namespace}\ndata:\n${data.replace(/^/gm, '  ')}\n`;
}

testRule(rule, {
  kubernetes: {
    accept: [
      { name: 'ordinary settings', code: configMap('LOG_LEVEL: info\nDB_HOST: db.shop.svc\nDB_USER: app') },
      { name: 'a path to a secret', code: configMap('DB_PASSWORD_FILE: /run/secrets/db/password') },
      { name: 'a placeholder', code: configMap('DB_PASSWORD: changeme') },
      { name: 'a token endpoint', code: configMap('TOKEN_URL: https://auth.example.com/token') },
      {
        name: 'a config file without secrets',
        code: configMap(
          'app.properties: |\n  server.port=8080\n  db.user=app\n  db.password.file=/run/secrets/db',
        ),
      },
      { name: 'a workload without ConfigMaps', code: k8sDeployment('') },
      { name: 'an empty ConfigMap', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: empty\n' },
    ],
    reject: [
      {
        name: 'a password by key',
        code: configMap('DB_HOST: db.shop.svc\nDB_PASSWORD: S3cure-But-Leaked-42'),
        lines: [8],
        messageIncludes:
          'ConfigMap "app-config" (namespace shop) in manifest.yaml holds a secret in DB_PASSWORD: its name (DB_PASSWORD) says it holds a secret',
        severity: 'high',
      },
      {
        name: 'a token under an innocent key',
        code: configMap('setting: ghp_0123456789abcdefghijABCDEFGHIJ012345'),
        lines: [7],
        messageIncludes: 'its value holds a secret (GitHub token)',
      },
      {
        name: 'a password inside a properties file, at the key of the file',
        code: configMap('app.properties: |\n  server.port=8080\n  db.password=S3cure-But-Leaked-42'),
        lines: [7],
        messageIncludes: 'holds a secret in app.properties: db.password',
      },
      {
        name: 'a private key',
        code: configMap(
          'tls.key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIEpAIBAAKCAQEA7\n  -----END RSA PRIVATE KEY-----',
        ),
        lines: [7],
        messageIncludes: 'its value holds a secret (private key)',
      },
      {
        name: 'the default namespace is not named',
        code: configMap('API_KEY: abcd1234efgh5678', 'default'),
        lines: [7],
        messageIncludes: 'ConfigMap "app-config" in manifest.yaml holds a secret in API_KEY',
      },
      {
        name: 'each secret entry',
        code: configMap(
          'API_KEY: abcd1234efgh5678\nLOG_LEVEL: debug\nDATABASE_URL: postgres://app:S3cretPass@db/app',
        ),
        lines: [7, 9],
      },
    ],
  },
});

describe('D06.secret-in-configmap evidence', () => {
  it('is masked', async () => {
    const findings = await findingsFor(
      rule,
      'kubernetes',
      configMap('DB_PASSWORD: S3cure-But-Leaked-42\napp.ini: |\n  token = q8Zr2LmX9vT4kP7wN3bY6cJ1'),
    );
    expect(findings.map((f) => f.evidence)).toEqual(['DB_PASSWORD=S3****42', 'app.ini: token=q8****J1']);
    expect(JSON.stringify(findings)).not.toMatch(/S3cure-But-Leaked-42|q8Zr2LmX9vT4kP7wN3bY6cJ1/);
  });
});
