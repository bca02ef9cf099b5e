// D06: a secret written as a literal environment value, in the deployment file or an env_file beside it.
import { isSourceLocation, placeOf } from '../../core/location.js';
import { defineRule } from '../../core/rule.js';
import { judgeAssignment, mask } from '../shared/secrets.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D06.secret-in-env',
  title: 'Secret in an environment variable',
  category: 'D06',
  severity: 'high',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [5, 7],
  cis: [],
  related: { 'kube-linter': ['env-var-secret'] },
  rationale:
    'A password, token or key written into a compose file, a manifest, an env_file or a `docker run -e` line is in version control, in CI logs and shell history, in `docker inspect` and the Kubernetes API for anyone who may read the object, and in every copy of them. It cannot be rotated without a redeploy, and it is readable by anyone who gets the file. Values are recognised by the variable name (PASSWORD, TOKEN, API_KEY…) and by their format (private keys, cloud and Git tokens, credentials in URLs, random-looking strings); references such as ${VAR} are fine, and findings show masked values only.',
  remediation:
    'Keep the value out of the file and deliver it as a secret, preferably as a file:\n  compose:    secrets: { db_password: { file: ./db_password.txt } }; service: secrets: [db_password], environment: { DB_PASSWORD_FILE: /run/secrets/db_password }\n  Kubernetes: a Secret mounted as a volume (or env.valueFrom.secretKeyRef)\n  docker run: --env-file from a secret store at deploy time, never -e PASSWORD=…',
  references: [
    'https://docs.docker.com/compose/how-tos/use-secrets/',
    'https://kubernetes.io/docs/concepts/configuration/secret/',
  ],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: S3cure-But-Leaked-42\n',
      good: 'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./db_password.txt\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:1.0\n      env:\n        - name: API_TOKEN\n          value: q8Zr2LmX9vT4kP7wN3bY6cJ1\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:1.0\n      env:\n        - name: API_TOKEN_FILE\n          value: /etc/api/token\n      volumeMounts:\n        - name: token\n          mountPath: /etc/api\n  volumes:\n    - name: token\n      secret: { secretName: api-token }\n',
    },
  ],
  check(workload) {
    return workload.env.flatMap((variable) => {
      if (variable.from !== 'literal') return [];
      // Judged on what the file holds: `${DB_PASSWORD}` filled in by the scanning shell is not in the file.
      const verdict = judgeAssignment(variable.name, variable.written ?? variable.value);
      if (!verdict || variable.value === undefined) return [];
      // A variable from another file (an env_file) names it; an engine's variables have no file.
      const inFile =
        isSourceLocation(variable.at) && placeOf(variable.at) !== placeOf(workload.at)
          ? ` (from ${variable.at.path})`
          : '';
      return [
        {
          message: `${who(workload)} sets ${variable.name} to a literal secret${inFile}: ${verdict.reason}`,
          location: variable.at,
          evidence: `${variable.name}=${mask(variable.value)}`,
        },
      ];
    });
  },
});
