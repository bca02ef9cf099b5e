// D06: a secret delivered to the process as an environment variable rather than as a file.
import { defineRule, type Violation } from '../../core/rule.js';
import type { Workload } from '../../subjects/workload.js';
import { isPlaceholder, isSecretName } from '../shared/secrets.js';
import { who } from '../shared/workload.js';

/** Secrets the container receives as environment variables (`envFrom: secretRef`, podman `type=env`). */
function secretsAsEnvironment(workload: Workload): Workload['secrets'] {
  return workload.secrets.filter((secret) => secret.delivery === 'environment');
}

/** `${DB_PASSWORD}`, `$DB_PASSWORD`, `${DB_PASSWORD:?required}`: a reference left for deploy time. */
function isReference(value: string): boolean {
  return value.includes('$') && isPlaceholder(value);
}

export default defineRule({
  id: 'D06.secret-as-env-var',
  title: 'Secret passed as an environment variable',
  category: 'D06',
  severity: 'low',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run'],
  threats: [5],
  cis: [],
  related: { checkov: ['CKV_K8S_35'] },
  rationale:
    'Even when the secret itself is kept out of the file, handing it to the process as an environment variable spreads it: every child process inherits it, crash reporters and debug pages dump the environment, `docker inspect` and /proc/<pid>/environ show it, and it cannot be rotated without a restart. Mounted as a file (Docker and Kubernetes secrets in /run/secrets or a volume) it is readable only where the application opens it. Reported: Kubernetes env.valueFrom.secretKeyRef and envFrom.secretRef, and in compose or on a `docker run` line a variable whose name says it holds a secret and whose value is taken from the shell or .env at deploy time (`DB_PASSWORD: ${DB_PASSWORD}`, a bare `- DB_PASSWORD`, `-e DB_PASSWORD`). Literal values are D06.secret-in-env.',
  remediation:
    'Mount the secret as a file and point the application at it (many images read `<NAME>_FILE`):\n  compose:    secrets: [db_password]; environment: { DB_PASSWORD_FILE: /run/secrets/db_password }\n  Kubernetes: volumes: [{ name: db, secret: { secretName: db } }], volumeMounts: [{ name: db, mountPath: /run/secrets/db, readOnly: true }]',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
    'https://docs.docker.com/compose/how-tos/use-secrets/',
  ],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n',
      good: 'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./db_password.txt\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:1.0\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: { name: db, key: password }\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:1.0\n      volumeMounts:\n        - name: db\n          mountPath: /run/secrets/db\n          readOnly: true\n  volumes:\n    - name: db\n      secret: { secretName: db }\n',
    },
  ],
  check(workload) {
    const violations: Violation[] = [];
    for (const variable of workload.env) {
      if (variable.from === 'secret') {
        violations.push({
          message: `${who(workload)} receives a Secret as the environment variable ${variable.name}`,
          location: variable.at,
          evidence: `${variable.name} (secretKeyRef)`,
        });
      } else if (
        workload.origin !== 'kubernetes' &&
        isSecretName(variable.name) &&
        (variable.from === 'host' || isReference(variable.written ?? variable.value ?? ''))
      ) {
        violations.push({
          message: `${who(workload)} passes ${variable.name} from the deploying shell${workload.origin === 'compose' ? ' or .env' : ''} as an environment variable`,
          location: variable.at,
          evidence: variable.value === undefined ? variable.name : `${variable.name}=${variable.value}`,
        });
      }
    }
    for (const secret of secretsAsEnvironment(workload))
      violations.push({
        message: `${who(workload)} receives secret "${secret.value}" as environment variables rather than as a file`,
        location: secret.at,
        evidence: secret.value,
      });
    return violations;
  },
});
