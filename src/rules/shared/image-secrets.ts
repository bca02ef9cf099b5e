// What the D06 image rules share: secrets in the text of a file (private keys, known token formats, secret
// assignments, registry auths), an image history step read back into its instruction, and masked evidence
// for both. Detection by name and by value comes from secrets.ts and command-secrets.ts, so an image and
// the Dockerfile it was built from are judged alike.
import type { ImageDeletedFile, ImageFile, ImageSpec } from '../../subjects/index.js';
import { type CommandSecret, maskCommand, secretsInScript } from './command-secrets.js';
import {
  findSecretFormat,
  isPlaceholder,
  isSecretName,
  judgeAssignment,
  mask,
  maskSecretsIn,
  secretFileKind,
  secretFormat,
} from './secrets.js';

/** A secret found in a file's text. */
export interface FileSecret {
  /** What it is, for messages: `private key`, `AWS access key`, `DB_PASSWORD value`. */
  label: string;
  /** How it is shown: masked, never the secret in clear. */
  evidence: string;
}

/** Beyond this many secrets in one file, the rest add nothing to a finding. */
const MAX_FILE_SECRETS = 10;

const PRIVATE_KEY_BLOCK = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/g;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value written in a file that is a literal, not a reference, a placeholder, a nested block or a tag. */
function isLiteral(value: string): boolean {
  return (
    !isPlaceholder(value) &&
    /[A-Za-z0-9]/.test(value) &&
    !/^[!&*|>{[$%]/.test(value) &&
    !/^(ENC\[|vault:|arn:)/i.test(value)
  );
}

function unquote(value: string): string {
  const text = value.trim().replace(/,$/, '').trim();
  const quoted = /^(["'])(.*)\1$/s.exec(text);
  return quoted ? quoted[2]! : text;
}

const JSON_PAIR = /"([A-Za-z_][\w.-]*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/** `name = value`, `name: value`, `"name": "value"`, `export NAME=value`, `//registry/:_authToken=value`. */
function assignmentIn(line: string): { key: string; value: string } | undefined {
  const colon = /^(?:-\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*:(?:\s+|(?=["']))(.+)$/.exec(line);
  const equals = colon ? undefined : /^(?:export\s+)?([^=\s]+?)\s*=\s*(.*)$/.exec(line);
  const match = colon ?? equals;
  if (!match) return undefined;
  const key = match[1]!
    .split(/[^A-Za-z0-9_-]/)
    .filter((part) => part !== '')
    .pop();
  if (key === undefined) return undefined;
  return { key, value: unquote(match[2]!) };
}

/** Registry credentials of a Docker `config.json` (`auths`) or a legacy `.dockercfg`. */
function dockerAuths(text: string, legacy: boolean): FileSecret[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  const auths = legacy ? doc : doc.auths;
  const found: FileSecret[] = [];
  if (!isObject(auths)) return found;
  for (const [registry, entry] of Object.entries(auths)) {
    if (!isObject(entry)) continue;
    for (const field of ['auth', 'password', 'identitytoken', 'registrytoken']) {
      const value = entry[field];
      if (typeof value === 'string' && isLiteral(value))
        found.push({
          label: `registry credentials for ${registry}`,
          evidence: `auths.${registry}.${field}: ${mask(value)}`,
        });
    }
  }
  return found;
}

/** Lines of files whose format says every entry holds a password: `.htpasswd`, `.pgpass`, `.netrc`. */
function fromCredentialLines(name: string, text: string): FileSecret[] {
  const found: FileSecret[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (name === '.htpasswd') {
      const entry = /^([^:\s]+):(\S+)$/.exec(line);
      if (entry) found.push({ label: 'password hash', evidence: `${entry[1]!}:****` });
    } else if (name === '.pgpass') {
      const fields = line.split(/(?<!\\):/);
      const password = fields.slice(4).join(':');
      if (fields.length >= 5 && isLiteral(password))
        found.push({ label: 'password', evidence: `${fields.slice(0, 4).join(':')}:${mask(password)}` });
    } else {
      for (const match of line.matchAll(/(?:^|\s)password\s+(\S+)/g))
        if (isLiteral(match[1]!)) found.push({ label: 'password', evidence: `password ${mask(match[1]!)}` });
    }
  }
  return found;
}

/**
 * The secrets the text of the file at `path` holds: private keys, known token formats, values given
 * secret names (`DB_PASSWORD=…`, `_authToken=…`, `password = …`), registry auths. A file is judged by what
 * it holds: a `.pem` holding a certificate, an `.npmrc` holding only a registry URL hold none.
 */
export function secretsInFile(path: string, text: string): FileSecret[] {
  const name = baseName(path);
  const kind = secretFileKind(path);
  const found: FileSecret[] = [];
  for (const match of text.matchAll(PRIVATE_KEY_BLOCK)) {
    const encrypted = match[1]!.includes('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(text);
    found.push({
      label: encrypted ? 'private key (encrypted)' : 'private key',
      evidence: `${match[0]} ****`,
    });
  }
  if (/\bPuTTY-User-Key-File-\d+:/.test(text))
    found.push({ label: 'private key', evidence: 'PuTTY-User-Key-File ****' });
  if (kind === 'Docker registry credentials') {
    const auths = dockerAuths(text, name === '.dockercfg');
    if (auths !== undefined) return dedupe([...found, ...auths]);
  }
  if (['.htpasswd', '.pgpass', '.netrc', '_netrc'].includes(name))
    found.push(...fromCredentialLines(name, text));
  const dotenv = kind === 'a dotenv file';
  for (const raw of text.split(/\r?\n/)) {
    if (found.length >= MAX_FILE_SECRETS) break;
    const line = raw.trim();
    // Comments, section headers, and key lines (reported above whole).
    if (line === '' || /^[#;[]/.test(line) || /PRIVATE KEY|PuTTY-User-Key-File/.test(line)) continue;
    const format = findSecretFormat(line);
    if (format) {
      found.push({ label: format.kind, evidence: maskSecretsIn(format.match) });
      continue;
    }
    // JSON pairs, however many a line holds (a compact document is one line); else one assignment.
    const pairs = [...line.matchAll(JSON_PAIR)].map((m) => ({ key: m[1]!, value: m[2]! }));
    const assignment = pairs.length > 0 ? undefined : assignmentIn(line);
    for (const { key, value } of assignment ? [assignment] : pairs) {
      if (!isLiteral(value)) continue;
      // A dotenv file is a list of environment variables: judged as ENV values are, random tokens included.
      const secret = dotenv
        ? judgeAssignment(key, value) !== undefined && !(value.startsWith('-') && !isSecretName(key))
        : isSecretName(key);
      if (secret) found.push({ label: `${key} value`, evidence: `${key}=${mask(value)}` });
    }
  }
  return dedupe(found).slice(0, MAX_FILE_SECRETS);
}

function dedupe(found: FileSecret[]): FileSecret[] {
  const seen = new Set<string>();
  return found.filter(({ evidence }) => {
    if (seen.has(evidence)) return false;
    seen.add(evidence);
    return true;
  });
}

/**
 * Names that hold a credential whatever they contain, for a file whose content was not read: a private
 * SSH key, git, Vault, AWS, PostgreSQL and netrc credentials.
 */
export function conclusiveSecretName(path: string): string | undefined {
  const name = baseName(path);
  if (/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/.test(name)) return 'private key';
  if (name === '.git-credentials') return 'git credentials';
  if (name === '.vault-token') return 'Vault token';
  if (name === '.pgpass') return 'PostgreSQL credentials';
  if (name === '.netrc' || name === '_netrc') return 'netrc credentials';
  if (/(^|\/)\.aws\/credentials$/.test(path.toLowerCase())) return 'AWS credentials';
  return undefined;
}

/** `/etc/ssh/ssh_host_ed25519_key`: the host key an image's sshd would use. */
export function isSshHostKey(path: string): boolean {
  return /^\/etc\/ssh\/ssh_host_[a-z0-9]+_key$/.test(path);
}

/** What a file is, for a message: `private key` when it holds one, else what its name says, else the first secret. */
export function describeSecretFile(path: string, secrets: readonly FileSecret[]): string {
  if (isSshHostKey(path) && secrets.some((s) => s.label.startsWith('private key')))
    return 'SSH host private key';
  if (secrets.some((s) => s.label.startsWith('private key'))) return 'private key';
  const kind = secretFileKind(path)?.replace(/^an? /, '');
  if (kind !== undefined && kind !== 'PEM file that may hold a private key') return kind;
  return secrets[0]?.label ?? 'credentials';
}

/** `a secret (private key)`, `3 secrets (password hash, AWS access key)`. */
export function summarizeSecrets(secrets: readonly FileSecret[]): string {
  const labels = [...new Set(secrets.map((secret) => secret.label))].join(', ');
  return `${secrets.length === 1 ? 'a secret' : `${secrets.length} secrets`} (${labels})`;
}

/** The evidence of a file's secrets: masked, one line, at most a readable length. */
export function fileEvidence(secrets: readonly FileSecret[]): string {
  return cut(secrets.map((secret) => secret.evidence).join(', '));
}

const EVIDENCE_LIMIT = 160;

function cut(text: string): string {
  return text.length > EVIDENCE_LIMIT ? `${text.slice(0, EVIDENCE_LIMIT - 1)}…` : text;
}

/** A final-filesystem file with the content read from it (the content of its own layer, not an older one). */
export function finalFilesWithContent(
  image: ImageSpec,
): { file: ImageFile; text: string; truncated: boolean }[] {
  const out: { file: ImageFile; text: string; truncated: boolean }[] = [];
  for (const [path, content] of image.contents) {
    const file = image.files.get(path);
    if (file === undefined || file.type !== 'file' || content.layer !== file.layer) continue;
    out.push({ file, text: content.text, truncated: content.truncated });
  }
  return out;
}

/**
 * Test and example keys that dependencies ship (`node_modules/…/test/fixtures/server.key`,
 * `site-packages/…/tests/keycert.pem`): published with the package, the same in every image, not the
 * image's own secrets.
 */
export function isDependencyFixture(path: string): boolean {
  return (
    /\/(node_modules|site-packages|dist-packages|vendor|gems|\.cargo\/registry|pkg\/mod|share\/doc)\//.test(
      path,
    ) && /\/(tests?|testdata|test-data|fixtures?|examples?|samples?|__tests__|spec|testing)\//i.test(path)
  );
}

/** Files read for what the image is (accounts, packages, OS), not as secret candidates. */
export function isSystemFile(path: string): boolean {
  return (
    /^\/etc\/(passwd|shadow|group|gshadow|sudoers|os-release|lsb-release|alpine-release|debian_version|redhat-release)$/.test(
      path,
    ) ||
    /^\/(usr\/)?lib\/(os-release|apk\/db\/installed)$/.test(path) ||
    /^\/var\/lib\/dpkg\/status(\.d\/.*)?$/.test(path) ||
    path.startsWith('/etc/sudoers.d/')
  );
}

/** A deleted entry's layer and the step that added it. */
export function deletedFileStep(image: ImageSpec, file: ImageDeletedFile): string | undefined {
  const createdBy = image.layers[file.layer]?.createdBy;
  return createdBy === undefined || createdBy.trim() === '' ? undefined : historyEvidence(createdBy, []);
}

// History steps

/** One `created_by` of an image's history, read back into the instruction that made it. */
export interface HistoryStep {
  /** `RUN`, `ENV`, `ARG`, `COPY`, … (a step no builder wrote as an instruction is a `RUN`). */
  keyword: string;
  /** `RUN |2 A=b C=d …`: the build arguments a RUN step ran with. */
  args: { name: string; value: string }[];
  /** The script of a RUN, the assignments of an ENV or ARG, the rest of any other step. */
  body: string;
}

const INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

const SHELL_C = /^(?:\/usr\/bin\/env\s+)?(?:\/bin\/|\/usr\/bin\/)?(?:ba|da|a)?sh\s+-c\s+/;

/**
 * `RUN |1 NPM_TOKEN=… /bin/sh -c npm ci # buildkit` (BuildKit), `/bin/sh -c #(nop)  ENV A=b` and
 * `|1 A=b /bin/sh -c …` (the classic builder, buildah), `ENV A=b` (BuildKit, kaniko).
 */
export function parseHistoryStep(createdBy: string): HistoryStep {
  let text = createdBy.trim().replace(/\s+# buildkit$/, '');
  const nop = /^(?:\/bin\/)?(?:ba)?sh\s+-c\s+#\(nop\)\s*(.*)$/s.exec(text);
  if (nop) text = nop[1]!.trim();
  const head = /^([A-Z]+)(?:\s+(.*))?$/s.exec(text);
  if (head && INSTRUCTIONS.has(head[1]!) && head[1] !== 'RUN')
    return { keyword: head[1]!, args: [], body: (head[2] ?? '').trim() };
  let rest = head?.[1] === 'RUN' ? (head[2] ?? '').trim() : text;
  const args: HistoryStep['args'] = [];
  const count = /^\|(\d+)\s+/.exec(rest);
  if (count) {
    rest = rest.slice(count[0].length);
    for (let i = 0; i < Number(count[1]); i++) {
      const arg = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*/.exec(rest);
      if (!arg) break;
      args.push({ name: arg[1]!, value: arg[2]! });
      rest = rest.slice(arg[0].length);
    }
  }
  const shell = SHELL_C.exec(rest);
  if (shell) rest = rest.slice(shell[0].length);
  else if (rest.startsWith('[')) rest = execForm(rest);
  return { keyword: 'RUN', args, body: rest };
}

/** `["/bin/sh","-c","npm ci"]` → `npm ci`; `["npm","ci"]` → `npm ci`. */
function execForm(text: string): string {
  try {
    const words: unknown = JSON.parse(text);
    if (!Array.isArray(words) || !words.every((w): w is string => typeof w === 'string')) return text;
    if (words.length >= 3 && /(^|\/)(ba|da|a)?sh$/.test(words[0]!) && words[1] === '-c')
      return words.slice(2).join(' ');
    return words.join(' ');
  } catch {
    return text;
  }
}

/** `A=b C="d e"` (or the legacy `A b`) of an ENV or ARG step; an ARG without a value has none. */
export function assignmentsOf(body: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  const pattern = /(?:^|\s)([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|(?:[^\s\\]|\\.)*)/g;
  for (const match of body.matchAll(pattern)) {
    const raw = match[2]!;
    const value = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
    out.push({ name: match[1]!, value: value.replace(/\\(.)/g, '$1') });
  }
  if (out.length === 0) {
    const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.+)$/s.exec(body.trim());
    if (legacy) out.push({ name: legacy[1]!, value: legacy[2]!.trim() });
  }
  return out;
}

/**
 * Why the variable `name=value` holds a secret, or undefined: as a Dockerfile's ENV is judged. Option lists
 * (`JAVA_OPTS=-XX:MaxRAMPercentage=75`) look random but hold none unless named a secret.
 */
export function judgeVariable(name: string, value: string): string | undefined {
  if (isPlaceholder(value)) return undefined;
  if (value.trim().startsWith('-') && !isSecretName(name) && secretFormat(value) === undefined)
    return undefined;
  return judgeAssignment(name, value)?.reason;
}

/** A secret of a history step: how messages describe it (value masked), and the value for masking. */
export interface HistorySecret {
  /** `the --password option (Tr****-3)`, `ARG GITHUB_TOKEN=0a****9d (its name says it holds a secret)`. */
  description: string;
  /** The literal value, for masking and counting only: never put it in a message. */
  value?: string;
}

/**
 * The secrets one history step carries. `skipEnv` says which `NAME=value` of an ENV step the image's
 * Config.Env still holds (D06.secret-in-env reports those).
 */
export function secretsInHistoryStep(step: HistoryStep, skipEnv: ReadonlySet<string>): HistorySecret[] {
  const found: HistorySecret[] = [];
  const variable = (what: string, name: string, value: string): void => {
    const reason = judgeVariable(name, value);
    if (reason !== undefined)
      found.push({
        description: `${what} ${name}=${mask(value)} (${reason.replace(/^its name \([^)]*\)/, 'its name')})`,
        value,
      });
  };
  const command = (secret: CommandSecret): void => {
    // A format found in a script comes without its value: look it up, so it is masked and counted once.
    const format = secret.value === undefined ? findSecretFormat(step.body) : undefined;
    const value =
      secret.value ?? (format && article(format.kind) === secret.reason ? format.match : undefined);
    found.push({
      description: value === undefined ? secret.reason : `${secret.reason} (${mask(value)})`,
      ...(value !== undefined ? { value } : {}),
    });
  };
  switch (step.keyword) {
    case 'RUN':
      for (const { name, value } of step.args) variable('the build argument', name, value);
      secretsInScript(step.body).forEach(command);
      break;
    case 'ENV':
    case 'ARG':
      for (const { name, value } of assignmentsOf(step.body))
        if (step.keyword === 'ARG' || !skipEnv.has(`${name}=${value}`)) variable(step.keyword, name, value);
      break;
    case 'ADD':
    case 'COPY': {
      const urls = step.body.split(/\s+/).filter((word) => /^[a-z][a-z0-9+.-]*:\/\//i.test(word));
      if (urls.length > 0) secretsInScript(urls.join(' ')).forEach(command);
      break;
    }
    default: {
      const format = findSecretFormat(step.body);
      if (format)
        found.push({ description: `${article(format.kind)} (${mask(format.match)})`, value: format.match });
    }
  }
  return found;
}

function article(kind: string): string {
  return `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}`;
}

/** A history step as evidence: the given values and every secret the command checks find masked, one line. */
export function historyEvidence(createdBy: string, values: readonly string[]): string {
  // The command checks first, so a value they mask keeps its first and last characters; then whatever
  // else the caller found (a random token under an ordinary name).
  let text = maskCommand(createdBy.trim().replace(/\s+# buildkit$/, ''));
  const sorted = values.filter((value) => value !== '').sort((a, b) => b.length - a.length);
  for (const value of sorted) text = text.split(value).join(mask(value));
  return cut(
    text
      .replace(/\s*\n\s*/g, ' ⏎ ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
