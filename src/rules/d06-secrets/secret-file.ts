// D06: COPY or ADD puts a credential file into a stage: private keys, `.env`, `.npmrc`, cloud and registry
// credentials. A file in a stage that ends in the image is in a layer for good, whatever a later RUN
// deletes; `COPY --from=<stage>` of such a file, or of the directory it was copied to, brings it along.
import posix from 'node:path/posix';
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { BuildCopy, BuildSpec, BuildStage } from '../../subjects/build-spec.js';
import { describeStage, finalImageStages } from '../shared/build.js';
import { instructionEvidence } from '../shared/command-secrets.js';

interface SecretFileKind {
  what: string;
  matches(name: string, path: string): boolean;
}

const EXAMPLE_SUFFIX = /\.(example|sample|template|tpl|dist|defaults?|schema|pub)$/;

/** Credential files by name (lower-cased base name) or by where they sit (`.aws/credentials`). */
const SECRET_FILES: SecretFileKind[] = [
  { what: 'a private SSH key', matches: (name) => /^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/.test(name) },
  {
    what: 'a PEM file that may hold a private key',
    matches: (name) =>
      name.endsWith('.pem') && !/(cert|chain|bundle|public|pub\b|^ca[-_.]|[-_]ca\.pem$|^trust)/.test(name),
  },
  {
    what: 'a private key',
    matches: (name) =>
      name.endsWith('.key') && !/(pub|gpg|pgp|asc|signing-key|archive-key|keyring)/.test(name),
  },
  { what: 'a PKCS#12 key store', matches: (name) => /\.(p12|pfx)$/.test(name) },
  { what: 'a Java key store', matches: (name) => /\.(jks|keystore)$/.test(name) },
  {
    what: 'a dotenv file',
    matches: (name) => /^\.env(\.[a-z0-9_.-]+)?$/.test(name) && !EXAMPLE_SUFFIX.test(name),
  },
  { what: 'npm credentials', matches: (name) => name === '.npmrc' },
  { what: 'PyPI credentials', matches: (name) => name === '.pypirc' },
  { what: 'netrc credentials', matches: (name) => name === '.netrc' || name === '_netrc' },
  { what: 'git credentials', matches: (name) => name === '.git-credentials' },
  { what: 'an htpasswd file', matches: (name) => name === '.htpasswd' },
  { what: 'PostgreSQL credentials', matches: (name) => name === '.pgpass' },
  { what: 'a Vault token', matches: (name) => name === '.vault-token' },
  { what: 'S3 credentials', matches: (name) => name === '.s3cfg' },
  {
    what: 'Docker registry credentials',
    matches: (name, path) => name === '.dockercfg' || /(^|\/)\.docker\/config\.json$/.test(path),
  },
  {
    what: 'cloud credentials',
    matches: (name) => name === 'credentials.json' || /^client_secret.*\.json$/.test(name),
  },
  { what: 'AWS credentials', matches: (_name, path) => /(^|\/)\.aws\/credentials$/.test(path) },
  { what: 'a kubeconfig', matches: (_name, path) => /(^|\/)\.kube\/config$/.test(path) },
  {
    what: 'a credentials directory',
    matches: (name) => ['.ssh', '.aws', '.gnupg', '.docker', '.kube'].includes(name),
  },
  {
    what: 'a file in an .ssh directory',
    matches: (name, path) =>
      /(^|\/)\.ssh\/[^/]+$/.test(path) && !/^(known_hosts|config|authorized_keys2?|.*\.pub)$/.test(name),
  },
];

function kindOf(path: string): string | undefined {
  const clean = path.replace(/\/+$/, '').replace(/^~(?=\/)/, '');
  const name = posix.basename(clean).toLowerCase();
  if (name === '' || name === '.' || name === '..') return undefined;
  return SECRET_FILES.find((kind) => kind.matches(name, clean.toLowerCase()))?.what;
}

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
      const what = kindOf(source) ?? (target === undefined ? undefined : kindOf(target));
      if (what) found.push({ copy, stage, what, name: source, ...(target === undefined ? {} : { target }) });
    }
    if (copy.heredoc) {
      const what = kindOf(copy.destination);
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
  targets: ['dockerfile'],
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
  ],
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
