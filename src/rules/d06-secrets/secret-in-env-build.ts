// D06: an ENV or ARG of a Dockerfile holds a literal secret, by its name or by its value. ENV values are in
// the image's configuration, ARG values in its history; both are in the Dockerfile itself. An image is judged
// by its Config.Env (its history is D06.secret-in-command's). Values are only ever shown masked.
import type { SourceLocation } from '../../core/location.js';
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { BuildSpec, BuildVariable } from '../../subjects/build-spec.js';
import { describeStage, finalImageStages, isInFinalImage } from '../shared/build.js';
import { imageWho } from '../shared/image.js';
import { judgeVariable } from '../shared/image-secrets.js';
import { isPlaceholder, isSecretName, judgeAssignment, mask, secretFormat } from '../shared/secrets.js';

interface Judged {
  variable: BuildVariable;
  reason: string;
  value: string;
}

function judge(variable: BuildVariable): Judged | undefined {
  // `ENV TOKEN=$TOKEN` passes a reference on; what it names is judged where it is defined.
  if (variable.raw === undefined || isPlaceholder(variable.raw)) return undefined;
  const value = variable.value ?? variable.raw;
  // Option lists (`JAVA_OPTS=-XX:MaxRAMPercentage=75`) look random but hold no secret unless named one.
  if (value.trim().startsWith('-') && !isSecretName(variable.name) && secretFormat(value) === undefined)
    return undefined;
  const verdict = judgeAssignment(variable.name, value);
  return verdict ? { variable, reason: verdict.reason, value } : undefined;
}

/** A global ARG reaches the image's history when a stage of the image declares it again. */
function globalReachesImage(spec: BuildSpec, name: string): boolean {
  return finalImageStages(spec).some((stage) =>
    stage.variables.some((variable) => variable.kind === 'arg' && variable.name === name),
  );
}

function describeFound(found: Judged[]): string {
  return found
    .map(({ variable, reason, value }) => `${variable.name} (${reason}; value ${mask(value)})`)
    .join(', ');
}

export default defineRule({
  id: 'D06.secret-in-env',
  title: 'Secret in an environment variable',
  category: 'D06',
  severity: 'high',
  subject: 'build',
  targets: ['dockerfile', 'image'],
  threats: [5, 7],
  cis: ['4.10'],
  related: { hadolint: ['DL3064'], trivy: ['DS-0031'], dockle: ['CIS-DI-0010'] },
  rationale:
    'An ENV value is part of the image configuration: anyone who can pull the image reads it with `docker inspect`, and every container and child process inherits it. An ARG value is recorded in the image history of every RUN that follows it (`docker history --no-trunc`). Both are also written in the Dockerfile, in source control. A secret there is shared with everyone who has the image or the repository, and cannot be rotated without rebuilding.',
  remediation:
    'Pass build secrets as BuildKit secrets, which are mounted for one RUN and never stored:\n  RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n  docker build --secret id=npm_token,env=NPM_TOKEN .\nPass runtime secrets when the container starts, as files (compose `secrets:`, Kubernetes Secret volumes), and keep only a reference in the image: `ENV DB_PASSWORD_FILE=/run/secrets/db_password`. Rotate any secret that was committed.',
  references: [
    'https://docs.docker.com/build/building/secrets/',
    'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
    'https://docs.docker.com/compose/how-tos/use-secrets/',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM node:24-slim\nENV DB_PASSWORD=Tr0ub4dor-and-3\nARG NPM_TOKEN=npm_0123456789abcdefghijABCDEFGHIJ012345\n',
      good: 'FROM node:24-slim\nENV DB_PASSWORD_FILE=/run/secrets/db_password\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n',
    },
    {
      target: 'image',
      bad: 'config:\n  Env: [PATH=/usr/local/bin:/usr/bin:/bin, DB_PASSWORD=Tr0ub4dor-and-3]\n',
      good: 'config:\n  Env: [PATH=/usr/local/bin:/usr/bin:/bin, DB_PASSWORD_FILE=/run/secrets/db_password]\n',
    },
  ],
  checkImage(image) {
    const violations: Violation[] = [];
    for (const { value: variable, at } of image.env) {
      const reason = judgeVariable(variable.name, variable.value);
      if (reason === undefined) continue;
      violations.push({
        message: `${imageWho(image)} sets ${variable.name} in its Config.Env to a literal secret (${reason}; value ${mask(variable.value)}): anyone who can pull the image reads it with docker inspect, and every process of its containers inherits it`,
        location: at,
        evidence: `${variable.name}=${mask(variable.value)}`,
      });
    }
    return violations;
  },
  check(spec) {
    const violations: Violation[] = [];
    const report = (found: Judged[], where: string, inImage: boolean, at: SourceLocation): void => {
      const kind = found[0]!.variable.kind === 'env' ? 'ENV' : 'ARG';
      const stays =
        kind === 'ENV'
          ? 'anyone with the image reads it with docker inspect'
          : 'it is recorded in the image history';
      violations.push({
        message: `${kind} in ${where} of ${spec.path} holds a literal secret: ${describeFound(found)}; ${inImage ? stays : 'the stage does not reach the image, but the secret is in the Dockerfile and the build cache'}`,
        location: at,
        evidence: `${kind} ${found.map(({ variable, value }) => `${variable.name}=${mask(value)}`).join(' ')}`,
        severity: inImage ? 'high' : 'medium',
      });
    };
    const byInstruction = (variables: BuildVariable[]): Map<string, Judged[]> => {
      const groups = new Map<string, Judged[]>();
      for (const variable of variables) {
        const judged = judge(variable);
        if (!judged) continue;
        const key = `${variable.at.line}:${variable.at.column}`;
        groups.set(key, [...(groups.get(key) ?? []), judged]);
      }
      return groups;
    };
    for (const found of byInstruction(spec.globalVariables).values()) {
      const inImage = found.some(({ variable }) => globalReachesImage(spec, variable.name));
      report(found, 'the global ARGs', inImage, found[0]!.variable.at);
    }
    for (const stage of spec.stages)
      for (const found of byInstruction(stage.variables).values())
        report(found, describeStage(spec, stage), isInFinalImage(spec, stage), found[0]!.variable.at);
    return violations;
  },
});
