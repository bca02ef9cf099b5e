// D06: COPY or ADD puts a credential file into a stage: private keys, `.env`, `.npmrc`, cloud and registry
// credentials. A file in a stage that ends in the image is in a layer for good, whatever a later RUN
// deletes; `COPY --from=<stage>` of such a file, or of the directory it was copied to, brings it along. An
// image is judged by what its final filesystem holds: the files whose contents were read (key and
// credential names) that hold a private key, a token or a secret value; a name alone is not enough (a
// `.pem` may be a public certificate). Deleted files are D06.secret-in-deleted-layer's.
import posix from 'node:path/posix';
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { BuildCopy, BuildSpec, BuildStage } from '../../subjects/build-spec.js';
import { describeStage, finalImageStages } from '../shared/build.js';
import { instructionEvidence } from '../shared/command-secrets.js';
import { imageWho } from '../shared/image.js';
import {
  describeSecretFile,
  fileEvidence,
  finalFilesWithContent,
  isDependencyFixture,
  isSshHostKey,
  isSystemFile,
  secretsInFile,
  summarizeSecrets,
} from '../shared/image-secrets.js';
import { secretFileKind } from '../shared/secrets.js';
import { fileAt } from '../../subjects/image-spec.js';

/** Where a copied source lands: into the destination directory, or as the destination file. */
function targetOf(copy: BuildCopy, source: string, workdir: string | undefined): string | undefined {
  const intoDirectory = copy.destination.endsWith('/') || copy.sources.length > 1;
  const destination = intoDirectory
    ? posix.join(copy.destination, posix.basename(source.replace(/\/+$/, '')))
    : copy.destination;
  if (destination.startsWith('/')) return posix.normalize(destination);
  return workdir === undefined ? undefined : posix.join(workdir, destination);
}

interface SecretCopy {
  copy: BuildCopy;
  stage: BuildStage;
  what: string;
  /** The name shown in messages: the source, or the destination for inline content. */
  name: string;
  /** The absolute path it lands at, when the WORKDIR is known. */
  target?: string;
}

/** The WORKDIR in effect at each COPY/ADD of a stage (undefined when it holds a variable). */
function workdirs(spec: BuildSpec): Map<BuildCopy, string | undefined> {
  const result = new Map<BuildCopy, string | undefined>();
  const atEnd = new Map<number, string | undefined>();
  for (const stage of spec.stages) {
    let workdir: string | undefined = stage.base.kind === 'stage' ? atEnd.get(stage.base.stageIndex) : '/';
    // The source lists a stage's COPY and ADD in the order of its instructions.
    let next = 0;
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'WORKDIR') {
        const path = instruction.text.trim().replace(/^["']|["']$/g, '');
        if (path.includes('$')) workdir = undefined;
        else if (path.startsWith('/')) workdir = posix.normalize(path);
        else if (workdir !== undefined) workdir = posix.join(workdir, path);
      } else if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        const copy = stage.copies[next++];
        if (copy) result.set(copy, workdir);
      }
    }
    atEnd.set(stage.index, workdir);
  }
  return result;
}

function secretCopies(stage: BuildStage, dirs: Map<BuildCopy, string | undefined>): SecretCopy[] {
  const found: SecretCopy[] = [];
  for (const copy of stage.copies) {
    const workdir = dirs.get(copy);
    const sources = copy.heredoc
      ? []
      : copy.sources.filter((s) => !/^([a-z][a-z0-9+.-]*:\/\/|git@)/i.test(s));
    for (const source of sources) {
      const target = targetOf(copy, source, workdir);
      const what = secretFileKind(source) ?? (target === undefined ? undefined : secretFileKind(target));
      if (what) found.push({ copy, stage, what, name: source, ...(target === undefined ? {} : { target }) });
    }
    if (copy.heredoc) {
      const what = secretFileKind(copy.destination);
      if (what) found.push({ copy, stage, what, name: `inline content written to ${copy.destination}` });
    }
  }
  return found;
}

/** True when a `COPY --from` source path takes in `target` (the path itself or a directory above it). */
function covers(source: string, target: string): boolean {
  const path = posix.normalize(posix.join('/', source)).replace(/\/+$/, '') || '/';
  if (path === '/' || target === path || target.startsWith(`${path}/`)) return true;
  if (!/[*?[]/.test(path)) return false;
  const pattern = new RegExp(
    `^${path
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}(/|$)`,
  );
  return pattern.test(target);
}

export default defineRule({
  id: 'D06.secret-file',
  title: 'Credential file copied into the image',
  category: 'D06',
  severity: 'high',
  subject: 'build',
  targets: ['dockerfile', 'image'],
  threats: [5, 7],
  cis: ['4.10'],
  related: {},
  rationale:
    'Every COPY and ADD makes a layer, and a layer is never edited: a private key, `.env`, `.npmrc` or cloud credential copied in stays extractable from the image by anyone who can pull it (`docker save`, then untar), even when a later RUN deletes it. In a build stage that does not reach the image the file still sits in the build cache and on the build machine, and a `COPY --from` of its directory carries it into the image.',
  remediation:
    'Mount credentials for the RUN that needs them instead of copying them:\n  RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n  RUN --mount=type=ssh git clone git@github.com:example/private.git\n  docker build --secret id=npmrc,src=$HOME/.npmrc --ssh default .\nList credential files in `.dockerignore` (`.env`, `*.pem`, `*.key`, `.npmrc`, `.ssh/`), and give runtime secrets to the container as files when it starts (compose `secrets:`, Kubernetes Secret volumes). Rotate any credential that was in an image.',
  references: [
    'https://docs.docker.com/build/building/secrets/',
    'https://docs.docker.com/build/concepts/context/#dockerignore-files',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM node:24-slim\nWORKDIR /app\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci\n',
      good: 'FROM node:24-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
    },
    {
      target: 'image',
      bad: 'layers:\n  - /app/.npmrc: "//registry.npmjs.org/:_authToken=npm_0123456789abcdefghijABCDEFGHIJ012345\\n"\n',
      good: 'layers:\n  - /app/.npmrc: "registry=https://registry.npmjs.org/\\n"\n',
    },
  ],
  checkImage(image) {
    const violations: Violation[] = [];
    for (const { file, text, truncated } of finalFilesWithContent(image)) {
      if (isSystemFile(file.path) || isDependencyFixture(file.path)) continue;
      const secrets = secretsInFile(file.path, text);
      if (secrets.length === 0) continue;
      const what = describeSecretFile(file.path, secrets);
      const hostKey = isSshHostKey(file.path);
      violations.push({
        message: `${imageWho(image)}: ${file.path} (${what}, added in layer ${file.layer}) holds ${summarizeSecrets(secrets)}${truncated ? ' (its content was read in part)' : ''}: ${hostKey ? 'every container of the image shares this host key, and anyone who can pull the image can impersonate them' : 'anyone who can pull the image can extract it'}`,
        location: fileAt(image, file.path),
        evidence: fileEvidence(secrets),
        ...(hostKey ? { severity: 'medium' as const } : {}),
      });
    }
    return violations;
  },
  check(spec) {
    const chain = finalImageStages(spec);
    const dirs = workdirs(spec);
    const byStage = new Map(spec.stages.map((stage) => [stage, secretCopies(stage, dirs)]));
    // Secret files of build stages that a stage of the image copies in with `COPY --from`.
    const carried = new Map<BuildCopy, BuildCopy>();
    for (const stage of chain) {
      for (const copy of stage.copies) {
        if (copy.from === undefined) continue;
        const source = spec.stages.find((s) => s.name === copy.from || String(s.index) === copy.from);
        if (!source) continue;
        const sourceChain = [source];
        for (let s = source; s.base.kind === 'stage';) {
          s = spec.stages[s.base.stageIndex]!;
          if (sourceChain.includes(s)) break;
          sourceChain.push(s);
        }
        for (const found of sourceChain.flatMap((s) => byStage.get(s) ?? [])) {
          const target = found.target;
          if (
            target !== undefined &&
            copy.sources.some((path) => covers(path, target)) &&
            !carried.has(found.copy)
          )
            carried.set(found.copy, copy);
        }
      }
    }
    const violations: Violation[] = [];
    for (const [stage, found] of byStage) {
      const byCopy = new Map<BuildCopy, SecretCopy[]>();
      for (const item of found) byCopy.set(item.copy, [...(byCopy.get(item.copy) ?? []), item]);
      for (const [copy, items] of byCopy) {
        const into = carried.get(copy);
        const inImage = chain.includes(stage) || into !== undefined;
        const what = items.map((item) => `${item.name} (${item.what})`).join(', ');
        const consequence = chain.includes(stage)
          ? 'a layer of the image keeps it even if a later RUN deletes it'
          : into !== undefined
            ? `COPY --from=${into.from ?? ''} at line ${into.at.line} carries it into the image`
            : 'the stage does not reach the image, but the file stays in the build cache';
        violations.push({
          message: `${copy.keyword} in ${describeStage(spec, stage)} of ${spec.path} copies ${what}: ${consequence}`,
          location: copy.at,
          evidence: instructionEvidence(
            copy.keyword,
            `${copy.from === undefined ? '' : `--from=${copy.from} `}${copy.heredoc ? '<<…' : copy.sources.join(' ')} ${copy.destination}`,
          ),
          severity: inImage ? 'high' : 'medium',
        });
      }
    }
    return violations;
  },
});
