// D06: `docker login` without a credential helper writes the registry password, base64-encoded, into
// ~/.docker/config.json: anyone who reads that file (a backup, a mounted home, a leaked image layer) can push.
import { defineRule, type Violation } from '../../core/rule.js';

export default defineRule({
  id: 'D06.docker-config-plaintext',
  title: 'Registry credentials in plaintext in ~/.docker/config.json',
  category: 'D06',
  severity: 'high',
  subject: 'host',
  targets: ['host'],
  threats: [5, 8],
  cis: [],
  related: {},
  rationale:
    "Without a credential helper, `docker login` stores `auth` — the user name and password (or token), merely base64-encoded — in the user's ~/.docker/config.json. Whoever reads the file can pull private images and push poisoned ones under that account: backups, home directories mounted into containers, and `COPY . .` of a home all carry it. Read for every home directory of /etc/passwd and /root. High without any helper; medium when a helper is set but old plaintext entries remain from before it. Values are shown masked.",
  remediation:
    'Use a credential helper (`docker-credential-pass`, `-secretservice`, `-osxkeychain`, `-ecr-login`, `-gcloud`) and log in again:\n  docker logout REGISTRY\n  set "credsStore": "pass" (or a `credHelpers` entry for the registry) in ~/.docker/config.json\n  docker login REGISTRY\nthen rotate the password or token that was in the file. In CI, pass short-lived tokens with `--password-stdin` and remove the config after the job.',
  references: [
    'https://docs.docker.com/reference/cli/docker/login/#credential-stores',
    'https://github.com/docker/docker-credential-helpers',
  ],
  examples: [
    {
      target: 'host',
      bad: '/root/.docker/config.json: "{\\n  \\"auths\\": {\\n    \\"registry.example.com\\": {\\n      \\"auth\\": \\"ZGVwbG95OnMzY3JldC1wYXNzd29yZA==\\"\\n    }\\n  }\\n}\\n"\n',
      good: '/root/.docker/config.json: "{\\n  \\"auths\\": {\\n    \\"registry.example.com\\": {}\\n  },\\n  \\"credsStore\\": \\"pass\\"\\n}\\n"\n',
    },
  ],
  check(host) {
    const violations: Violation[] = [];
    for (const config of host.access.dockerConfigs ?? []) {
      for (const entry of config.plaintext) {
        const { registry, masked, field } = entry.value;
        const helper = config.credHelpers.includes(registry)
          ? `credHelpers sends ${registry} to a helper`
          : config.credsStore !== undefined
            ? `credsStore is "${config.credsStore}"`
            : undefined;
        violations.push({
          message:
            helper === undefined
              ? `${config.user}'s Docker config holds the credentials for ${registry} in plaintext (\`${field}\`), with no credential helper`
              : `${config.user}'s Docker config still holds plaintext credentials for ${registry} (\`${field}\`) although ${helper}: an entry from before the helper`,
          location: entry.at,
          evidence: `"${field}": "${masked}"`,
          ...(helper !== undefined ? { severity: 'medium' as const } : {}),
        });
      }
    }
    return violations;
  },
});
