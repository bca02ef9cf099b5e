// D06: a ConfigMap holding a secret: stored unencrypted and readable by whoever may read configuration.
import { placeOf, type Location } from '../../core/location.js';
import { defineRule } from '../../core/rule.js';
import type { ConfigMap } from '../../subjects/deployment.js';
import { judgeAssignment, mask } from '../shared/secrets.js';

interface SecretEntry {
  /** The data key, or `key: name` for a setting inside a file-like value. */
  name: string;
  value: string;
  reason: string;
  at: Location;
}

/** `password = x`, `password: x`, `export TOKEN="x"`: a setting on one line of a config file held in a value. */
const SETTING_LINE =
  /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*["']?([^"'\s#]+)["']?\s*(?:#.*)?$/;

/** Each data entry is judged as `key=value`; a multi-line value (a config file) line by line too. */
function secretEntries(configMap: ConfigMap): SecretEntry[] {
  return configMap.data.flatMap((entry): SecretEntry[] => {
    const whole = judgeAssignment(entry.key, entry.value);
    if (whole && !entry.value.includes('\n'))
      return [{ name: entry.key, value: entry.value, reason: whole.reason, at: entry.at }];
    const found: SecretEntry[] = [];
    for (const line of entry.value.split('\n')) {
      const setting = SETTING_LINE.exec(line);
      const verdict = setting && judgeAssignment(setting[1]!, setting[2]!);
      if (setting && verdict)
        found.push({
          name: `${entry.key}: ${setting[1]}`,
          value: setting[2]!,
          reason: verdict.reason,
          at: entry.at,
        });
    }
    // A key or certificate spans lines: judged whole, it is one secret however it is laid out.
    if (found.length === 0 && whole)
      found.push({ name: entry.key, value: entry.value, reason: whole.reason, at: entry.at });
    return found;
  });
}

export default defineRule({
  id: 'D06.secret-in-configmap',
  title: 'Secret in a ConfigMap',
  category: 'D06',
  severity: 'high',
  subject: 'deployment',
  targets: ['kubernetes'],
  threats: [3, 5],
  cis: [],
  related: {},
  rationale:
    'ConfigMaps are for configuration: they are not encrypted at rest even where Secrets are, RBAC usually lets far more people and controllers read them, they are printed by `kubectl describe`, and their manifests live in version control. A password, token or key in one is as good as published. Entries are recognised by their key (PASSWORD, TOKEN, API_KEY…), by the format of the value (private keys, cloud and Git tokens, credentials in URLs), and inside file-like values line by line; findings show masked values only.',
  remediation:
    'Move the value to a Secret (created from a secret manager, not committed) and mount it as a file:\n  Kubernetes: kind: Secret, metadata: { name: app-credentials }, stringData: { db-password: … } kept out of git\n              (External Secrets, Sealed Secrets or SOPS); volumes: [{ name: creds, secret: { secretName: app-credentials } }]',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/configmap/',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  ],
  examples: [
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: shop\ndata:\n  DB_HOST: db.shop.svc\n  DB_PASSWORD: S3cure-But-Leaked-42\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: shop\ndata:\n  DB_HOST: db.shop.svc\n  DB_PASSWORD_FILE: /run/secrets/db/password\n',
    },
  ],
  check(deployment) {
    return deployment.configMaps.flatMap((configMap) =>
      secretEntries(configMap).map((entry) => ({
        message: `ConfigMap "${configMap.name}"${configMap.namespace === 'default' ? '' : ` (namespace ${configMap.namespace})`} in ${placeOf(entry.at)} holds a secret in ${entry.name}: ${entry.reason}`,
        location: entry.at,
        evidence: `${entry.name}=${mask(entry.value)}`,
      })),
    );
  },
});
