// D06: a RUN carries a literal secret on its command line: `--password=…`, `mysql -p…`, `curl -u user:pass`,
// an Authorization header, a token in a URL or in a known token format; or an ADD fetches a URL with
// credentials in it. Both are stored in the image history and in the Dockerfile. An image is judged by its
// history: every step's `created_by` (RUN lines, the build arguments BuildKit writes before them, ARG and
// ENV values, ADD URLs). Only masked values are ever shown.
import type { SourceLocation } from '../../core/location.js';
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { imageAt } from '../../subjects/image-spec.js';
import { describeStage, inLineOrder, isInFinalImage } from '../shared/build.js';
import { type CommandSecret, instructionEvidence, secretsInScript } from '../shared/command-secrets.js';
import { imageWho } from '../shared/image.js';
import { historyEvidence, parseHistoryStep, secretsInHistoryStep } from '../shared/image-secrets.js';
import { mask } from '../shared/secrets.js';
import { runPipelines, scriptOf } from '../shared/shell.js';

export default defineRule({
  id: 'D06.secret-in-command',
  title: 'Secret on a RUN or ADD line',
  category: 'D06',
  severity: 'high',
  subject: 'build',
  targets: ['dockerfile', 'image'],
  threats: [5, 7],
  cis: ['4.10'],
  related: {},
  rationale:
    'The text of every RUN is recorded in the image history (`docker history --no-trunc`), which anyone who can pull the image reads, and it is in the Dockerfile in source control. A password, token or key written on the command line is therefore published with the image, and it cannot be rotated without rebuilding and re-pushing. Deleting a file the command wrote later does not help either: the earlier layer keeps it.',
  remediation:
    'Mount the secret for the one RUN that needs it, from a BuildKit secret:\n  RUN --mount=type=secret,id=registry_token,env=TOKEN \\\n      curl -fsSL -H "Authorization: Bearer $TOKEN" -o /tmp/pkg.tgz https://pkgs.example.com/pkg.tgz\n  docker build --secret id=registry_token,env=REGISTRY_TOKEN .\nFor git and SSH use `RUN --mount=type=ssh`. Rotate the secret that was written in the Dockerfile.',
  references: [
    'https://docs.docker.com/build/building/secrets/',
    'https://docs.docker.com/reference/dockerfile/#run---mounttypesecret',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM alpine:3.22\nRUN wget --header="Authorization: Bearer 4f9a7c1e2b8d6a3f0e5c9b7a" -O /tmp/tool.tgz https://pkgs.example.com/tool.tgz\n',
      good: 'FROM alpine:3.22\nRUN --mount=type=secret,id=pkgs_token,env=PKGS_TOKEN \\\n    wget --header="Authorization: Bearer $PKGS_TOKEN" -O /tmp/tool.tgz https://pkgs.example.com/tool.tgz\n',
    },
    {
      target: 'image',
      bad: 'history:\n  - "RUN |1 NPM_TOKEN=npm_0123456789abcdefghijABCDEFGHIJ012345 /bin/sh -c npm ci # buildkit"\n',
      good: 'history:\n  - "RUN /bin/sh -c npm ci # buildkit"\n',
    },
  ],
  checkImage(image) {
    const skipEnv = new Set(image.env.map(({ value }) => `${value.name}=${value.value}`));
    const steps = image.history.map((entry) => ({
      entry,
      secrets: secretsInHistoryStep(parseHistoryStep(entry.createdBy), skipEnv),
    }));
    // A build argument is written before every RUN that follows its ARG: each value is reported once, at
    // the first step that shows it, with the number of later steps that show it again.
    const stepsWith = new Map<string, number>();
    for (const { secrets } of steps)
      for (const value of new Set(secrets.map((secret) => secret.value)))
        if (value !== undefined) stepsWith.set(value, (stepsWith.get(value) ?? 0) + 1);
    const reported = new Set<string>();
    const violations: Violation[] = [];
    for (const { entry, secrets } of steps) {
      const fresh = secrets.filter((secret) => secret.value === undefined || !reported.has(secret.value));
      if (fresh.length === 0) continue;
      const values = secrets.flatMap((secret) => (secret.value === undefined ? [] : [secret.value]));
      for (const value of values) reported.add(value);
      const what = fresh.map((secret) => secret.description).join(', ');
      const later = Math.max(
        0,
        ...fresh.map((secret) => (secret.value === undefined ? 0 : (stepsWith.get(secret.value) ?? 1) - 1)),
      );
      const keyword = parseHistoryStep(entry.createdBy).keyword;
      violations.push({
        message: `${imageWho(image)}: its history step ${entry.index} (${keyword}) has a literal secret: ${what}; anyone who can pull the image reads it with docker history --no-trunc${later > 0 ? `, and ${later} later step${later === 1 ? ' shows' : 's show'} it again` : ''}`,
        location: imageAt(image, 'config', `history[${entry.index}].created_by`),
        evidence: historyEvidence(entry.createdBy, values),
      });
    }
    return violations;
  },
  check(spec) {
    const violations: Violation[] = [];
    for (const stage of spec.stages) {
      const inImage = isInFinalImage(spec, stage);
      const report = (
        keyword: 'RUN' | 'ADD',
        text: string,
        secrets: CommandSecret[],
        at: SourceLocation,
      ): void => {
        const what = secrets
          .map(({ reason, value }) => (value === undefined ? reason : `${reason} (${mask(value)})`))
          .join(', ');
        violations.push({
          message: `${keyword} in ${describeStage(spec, stage)} of ${spec.path} has a literal secret on its line: ${what}; ${inImage ? 'the image history records it' : 'the stage does not reach the image, but the secret is in the Dockerfile and the build cache'}`,
          location: at,
          evidence: instructionEvidence(keyword, text),
          severity: inImage ? 'high' : 'medium',
        });
      };
      for (const run of stage.runs) {
        const secrets = secretsInScript(scriptOf(run), runPipelines(run));
        if (secrets.length > 0) report('RUN', run.command, secrets, run.at);
      }
      for (const copy of stage.copies) {
        const urls = copy.sources.filter((source) => /^[a-z][a-z0-9+.-]*:\/\//i.test(source));
        const secrets = copy.keyword === 'ADD' ? secretsInScript(urls.join(' ')) : [];
        if (secrets.length > 0)
          report('ADD', [...copy.sources, copy.destination].join(' '), secrets, copy.at);
      }
    }
    return inLineOrder(violations);
  },
});
