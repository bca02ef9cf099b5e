import { composeService, dockerRun, k8sDeployment, testRule } from '../../../test/rule-tester.js';
import rule from './secret-as-env-var.js';

const k8sEnv = (entries: string): string => k8sDeployment(`env:\n${entries.replace(/^/gm, '  ')}`);

testRule(rule, {
  'docker-run': {
    accept: [
      { name: 'no environment', code: dockerRun('') },
      { name: 'a path to the secret file', code: dockerRun('-e DB_PASSWORD_FILE=/run/secrets/db_password') },
      { name: 'an ordinary variable from the host', code: dockerRun('-e NODE_ENV') },
      { name: 'a literal secret (D06.secret-in-env)', code: dockerRun('-e DB_PASSWORD=hunter2hunter2') },
      { name: 'an env file', code: dockerRun('--env-file ./app.env') },
      { name: 'a Podman secret, mounted as a file', code: dockerRun('--secret db_password') },
    ],
    reject: [
      {
        name: '-e DB_PASSWORD',
        code: dockerRun('-e DB_PASSWORD'),
        lines: [1],
        messageIncludes:
          'container "app" in run.sh passes DB_PASSWORD from the deploying shell as an environment variable',
        severity: 'low',
      },
      { name: 'a reference to the shell', code: dockerRun('--env "API_TOKEN=$API_TOKEN"'), lines: [1] },
      { name: 'braced, --env=…', code: dockerRun('--env=DB_PASSWORD=${DB_PASSWORD}'), lines: [1] },
      {
        name: 'a Podman secret delivered as an environment variable (type=env)',
        code: dockerRun('--secret db_password,type=env,target=DB_PASSWORD'),
        lines: [1],
        messageIncludes: 'receives secret "db_password" as environment variables',
      },
      {
        name: 'only the secret names, each on its line',
        code: dockerRun('-e NODE_ENV \\\n  -e GITHUB_TOKEN \\\n  -e PORT=8080 \\\n  -e CLIENT_SECRET'),
        lines: [2, 4],
      },
    ],
  },
  compose: {
    accept: [
      { name: 'no environment', code: composeService('') },
      {
        name: 'a path to the secret file',
        code: composeService(
          'environment:\n  DB_PASSWORD_FILE: /run/secrets/db_password\nsecrets: [db_password]',
        ),
      },
      { name: 'an ordinary reference', code: composeService('environment:\n  APP_PORT: ${PORT}') },
      { name: 'an ordinary variable from the host', code: composeService('environment:\n  - NODE_ENV') },
      {
        name: 'a literal secret (D06.secret-in-env)',
        code: composeService('environment:\n  DB_PASSWORD: S3cure-But-Leaked-42'),
      },
      {
        name: 'compose secrets, as files',
        code: composeService('secrets:\n  - source: db_password\n    target: db'),
      },
    ],
    reject: [
      {
        name: 'a reference to the deploying shell',
        code: composeService('environment:\n  DB_PASSWORD: ${DB_PASSWORD}'),
        lines: [5],
        messageIncludes:
          'service "app" in compose.yaml passes DB_PASSWORD from the deploying shell or .env as an environment variable',
        severity: 'low',
      },
      { name: 'unbraced', code: composeService('environment:\n  API_TOKEN: $API_TOKEN'), lines: [5] },
      {
        name: 'required',
        code: composeService('environment:\n  API_TOKEN: ${API_TOKEN:?required}'),
        lines: [5],
      },
      { name: 'a bare name in list form', code: composeService('environment:\n  - DB_PASSWORD'), lines: [5] },
      {
        name: 'a null value in mapping form',
        code: composeService('environment:\n  DB_PASSWORD:'),
        lines: [5],
      },
      {
        name: 'only the secret names',
        code: composeService(
          'environment:\n  - NODE_ENV\n  - GITHUB_TOKEN\n  - PORT=8080\n  - CLIENT_SECRET=${CLIENT_SECRET}',
        ),
        lines: [6, 8],
      },
    ],
  },
  kubernetes: {
    accept: [
      { name: 'no env', code: k8sDeployment('') },
      { name: 'a literal value', code: k8sEnv('- name: LOG_LEVEL\n  value: info') },
      {
        name: 'a ConfigMap key',
        code: k8sEnv('- name: LOG_LEVEL\n  valueFrom:\n    configMapKeyRef: { name: cfg, key: level }'),
      },
      {
        name: 'a Secret mounted as files',
        code: k8sDeployment(
          'volumeMounts:\n  - name: db\n    mountPath: /run/secrets/db\n    readOnly: true',
          'volumes:\n  - name: db\n    secret:\n      secretName: db',
        ),
      },
      { name: 'envFrom a ConfigMap', code: k8sDeployment('envFrom:\n  - configMapRef:\n      name: cfg') },
    ],
    reject: [
      {
        name: 'a secretKeyRef',
        code: k8sEnv(
          '- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: db\n      key: password',
        ),
        lines: [13],
        messageIncludes:
          'container "app" of Deployment/web (namespace shop) in manifest.yaml receives a Secret as the environment variable DB_PASSWORD',
      },
      {
        name: 'envFrom a Secret',
        code: k8sDeployment('envFrom:\n  - configMapRef:\n      name: cfg\n  - secretRef:\n      name: db'),
        lines: [15],
        messageIncludes: 'receives secret "db" as environment variables rather than as a file',
      },
      {
        name: 'envFrom beside a mounted Secret: only envFrom',
        code: k8sDeployment(
          'volumeMounts:\n  - name: tls\n    mountPath: /tls\nenvFrom:\n  - secretRef:\n      name: api',
          'volumes:\n  - name: tls\n    secret:\n      secretName: tls',
        ),
        lines: [16],
        messageIncludes: 'secret "api"',
      },
    ],
  },
});
