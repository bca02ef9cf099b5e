// Telling secrets from configuration: by the name a value is given to and by the value itself (known token
// formats, private keys, credentials in URLs, high entropy), with placeholders allowed. And masking: no
// output ever shows more of a secret than its first two and last two characters (core/mask.ts).
import { mask } from '../../core/mask.js';

export { mask };

/** Name parts that say "this holds a secret" on their own. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'privatekey',
  'passphrase',
  'auth',
]);

/** Two-part names that hold a secret (`API_KEY`, `ACCESS_KEY`, `SECRET_KEY`, `PRIVATE_KEY`…). */
const SECRET_PAIRS = new Set([
  'api key',
  'access key',
  'secret key',
  'private key',
  'client secret',
  'signing key',
  'encryption key',
  'master key',
]);

/** A last part that makes the variable point at a secret, or describe it, rather than hold it. */
const NOT_A_VALUE = new Set([
  'file',
  'files',
  'path',
  'dir',
  'directory',
  'name',
  'user',
  'username',
  'id',
  'url',
  'uri',
  'host',
  'port',
  'length',
  'min',
  'max',
  'policy',
  'type',
  'ttl',
  'expiry',
  'expires',
  'timeout',
  'header',
  'method',
  'mode',
  'enabled',
  'required',
  'ref',
  'arn',
  'version',
]);

function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((part) => part !== '');
}

/** True for names like `DB_PASSWORD`, `apiKey`, `GITHUB_TOKEN`; false for `PASSWORD_FILE`, `TOKEN_URL`. */
export function isSecretName(name: string): boolean {
  let verdict = secretNames.get(name);
  if (verdict === undefined) {
    verdict = judgeName(name);
    // Names repeat across every service and rule; the cache stays as small as the set of names seen.
    if (secretNames.size < 100_000) secretNames.set(name, verdict);
  }
  return verdict;
}

const secretNames = new Map<string, boolean>();

function judgeName(name: string): boolean {
  const parts = nameParts(name);
  if (parts.length === 0 || NOT_A_VALUE.has(parts[parts.length - 1]!)) return false;
  if (parts.some((part) => SECRET_WORDS.has(part))) return true;
  for (let i = 0; i + 1 < parts.length; i++) if (SECRET_PAIRS.has(`${parts[i]} ${parts[i + 1]}`)) return true;
  return false;
}

const PLACEHOLDERS =
  /^(changeme|change[-_]?me|changeit|secret|password|passw(or)?d|example|dummy|placeholder|todo|tbd|none|null|nil|false|true|test|xxx+|\*+|\.\.\.|-|redacted|default|empty|your[-_a-z]*here)$/i;

/**
 * A value that holds no secret: empty, only references to variables (`$TOKEN`, `${TOKEN}`, `{{ .token }}`),
 * an angle-bracket placeholder (`<password>`), or a conventional stand-in (`changeme`, `xxx`).
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim().replace(/^["']|["']$/g, '');
  if (trimmed === '') return true;
  if (/^(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{[^}]*\}\}|%[A-Za-z_]+%|\s)+$/.test(trimmed)) return true;
  if (/^<[^<>]+>$/.test(trimmed)) return true;
  return PLACEHOLDERS.test(trimmed);
}

interface ValuePattern {
  kind: string;
  pattern: RegExp;
}

/** Formats that are secrets whatever name they are given. */
const VALUE_PATTERNS: ValuePattern[] = [
  { kind: 'private key', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'AWS access key', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/ },
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { kind: 'Slack webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/ },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: 'Stripe key', pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{20,}\b/ },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { kind: 'JWT', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/ },
  { kind: 'credentials in a URL', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s/@$]{3,})@[^\s/]+/i },
  { kind: 'PuTTY private key', pattern: /\bPuTTY-User-Key-File-\d+:/ },
  { kind: 'PyPI token', pattern: /\bpypi-AgE[A-Za-z0-9_-]{50,}/ },
  { kind: 'Docker Hub token', pattern: /\bdckr_pat_[A-Za-z0-9_-]{27,}/ },
  { kind: 'Vault token', pattern: /\bhv[sb]\.[A-Za-z0-9_-]{24,}/ },
];

export interface FoundFormat {
  kind: string;
  /** The text that matched: for masking and evidence only, never shown in clear. */
  match: string;
}

/** The first known secret format the text contains, with the text that matched. */
export function findSecretFormat(text: string): FoundFormat | undefined {
  for (const { kind, pattern } of VALUE_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    // `https://user:${PASSWORD}@host` holds a reference, not a password.
    if (kind === 'credentials in a URL' && isPlaceholder(match[1] ?? '')) continue;
    return { kind, match: match[0] };
  }
  return undefined;
}

/** The kind of a known secret format the text contains, if any. */
export function secretFormat(text: string): string | undefined {
  return findSecretFormat(text)?.kind;
}

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A long random-looking token: letters and digits mixed, high entropy, no spaces. */
export function looksRandom(value: string): boolean {
  const text = value.trim();
  if (text.length < 20 || /\s/.test(text) || (text.includes('/') && !/[+=]/.test(text))) return false;
  // Command-line options (`-XX:MaxRAMPercentage=75`) are settings, however mixed their characters.
  if (text.startsWith('-')) return false;
  if (!/[a-z]/i.test(text) || !/[0-9]/.test(text)) return false;
  // Digests, commit ids and UUIDs are random but public.
  if (/^(sha\d+:)?[0-9a-f-]+$/i.test(text)) return false;
  return entropy(text) >= 4;
}

export interface SecretVerdict {
  /** Why it is taken for a secret: the name, or the kind of value. */
  reason: string;
}

/** Judges `name=value`: a secret-looking name with a real value, or a value that is a secret by itself. */
export function judgeAssignment(name: string, value: string | undefined): SecretVerdict | undefined {
  if (value === undefined || isPlaceholder(value)) return undefined;
  const format = secretFormat(value);
  if (format) return { reason: `its value holds a secret (${format})` };
  if (isSecretName(name)) return { reason: `its name (${name}) says it holds a secret` };
  if (looksRandom(value)) return { reason: 'its value looks like a random token' };
  return undefined;
}

/** `text` with every secret value it contains masked: known formats and `name=value` / `name: value` pairs. */
export function maskSecretsIn(text: string): string {
  let out = text;
  for (const { kind, pattern } of VALUE_PATTERNS) {
    const global = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
    );
    out = out.replace(global, (match, group?: string) =>
      kind === 'credentials in a URL' && typeof group === 'string'
        ? match.replace(group, mask(group))
        : mask(match),
    );
  }
  return out.replace(
    /(\b[A-Za-z_][A-Za-z0-9_.-]*)(\s*[=:]\s*|\s+)(["']?)([^\s"']+)\3/g,
    (whole, name: string, separator: string, quote: string, value: string) =>
      isSecretName(name) && !isPlaceholder(value)
        ? `${name}${separator}${quote}${mask(value)}${quote}`
        : whole,
  );
}

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

/**
 * What a path names by itself: `a private SSH key` for `id_rsa`, `npm credentials` for `.npmrc`… Undefined
 * for other files. A name says what a file is meant to hold, not that it holds it: a `.pem` may be a
 * certificate.
 */
export function secretFileKind(path: string): string | undefined {
  const clean = path.replace(/\/+$/, '').replace(/^~(?=\/)/, '');
  const name = clean.slice(clean.lastIndexOf('/') + 1).toLowerCase();
  if (name === '' || name === '.' || name === '..') return undefined;
  return SECRET_FILES.find((kind) => kind.matches(name, clean.toLowerCase()))?.what;
}
