// Secrets written on a command line (`--password=…`, `mysql -p…`, `curl -u user:pass`, an Authorization
// header, a token in a URL, `echo pass | docker login --password-stdin`), and masking them: every text a
// build rule shows from a RUN, ADD or ENV goes through `maskCommand`, so no output carries a secret.
import { isPlaceholder, isSecretName, mask, maskSecretsIn, secretFormat } from './secrets.js';
import { argumentsOf, type Pipeline, pipelinesOf, programOf, type ShellCommand } from './shell.js';

export interface CommandSecret {
  /** What gives it away, for the message: `the --password option`, `a GitHub token`. */
  reason: string;
  /** The literal value, for masking only: never put it in a message. */
  value?: string;
}

/** A value that is not a literal secret: a reference, a substitution, a placeholder, a flag or a switch. */
function isNotASecret(value: string): boolean {
  const text = value.trim();
  return (
    isPlaceholder(text) ||
    /^[$`]/.test(text) ||
    /^(yes|no|on|off|y|n|required|optional|prompt|stdin|-)$/i.test(text) ||
    /^\d{1,5}$/.test(text) ||
    text.startsWith('-')
  );
}

/** Option names that name a secret but take no value, or a file or a spec instead of one. */
function takesNoSecret(name: string): boolean {
  return (
    /(^|-)(stdin|prompt|env|file|from-env|cmd|command|helper|store)$/i.test(name) ||
    /^(no|ask|with|use|require|read)-/i.test(name)
  );
}

/** `--secret id=npm,src=.npmrc` (docker build) names a secret to mount, it is not one. */
function isSecretSpec(value: string): boolean {
  return /^(id|src|source|env|type|target)=/i.test(value);
}

const MYSQL_CLIENTS = new Set([
  'mysql',
  'mysqladmin',
  'mysqldump',
  'mysqlimport',
  'mariadb',
  'mariadb-admin',
]);
const LOGIN_P = new Set([
  'docker',
  'podman',
  'buildah',
  'skopeo',
  'helm',
  'sshpass',
  'mongo',
  'mongosh',
  'nerdctl',
]);
const CURL_USER = new Set(['-u', '--user', '--proxy-user', '-U']);
const HEADER =
  /(?:^|[\s="'])((?:proxy-)?authorization|[A-Za-z0-9-]*(?:token|api-?key|secret|password)[A-Za-z0-9-]*)\s*:\s*(?:(?:bearer|basic|token|digest|bot|apikey)\s+)?([^\s"']+)/gi;
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/([^\s/:@]*):([^\s/@]+)@/gi;
const URL_QUERY = /[?&]([A-Za-z_][A-Za-z0-9_.-]*)=([^&\s#"']+)/g;

function fromWords(command: ShellCommand): CommandSecret[] {
  const found: CommandSecret[] = [];
  const program = programOf(command);
  const args = argumentsOf(command);
  const push = (reason: string, value: string): void => {
    if (!isNotASecret(value)) found.push({ reason, value });
  };
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const next = args[i + 1];
    const option = /^--?([A-Za-z][A-Za-z0-9_-]*)(?:=(.*))?$/s.exec(word);
    if (option) {
      const [, name = '', attached] = option;
      const value = attached ?? (word.startsWith('--') ? next : undefined);
      if (isSecretName(name) && !takesNoSecret(name) && value !== undefined && !isSecretSpec(value)) {
        push(`the ${word.split('=')[0]} option`, value);
        continue;
      }
    }
    if (MYSQL_CLIENTS.has(program) && /^-p./.test(word)) push(`${program} -p<password>`, word.slice(2));
    if (LOGIN_P.has(program) && word === '-p' && next !== undefined) push(`${program} -p`, next);
    if (program === 'redis-cli' && word === '-a' && next !== undefined) push('redis-cli -a', next);
    if (program === 'curl' && next !== undefined && CURL_USER.has(word)) {
      const password = next.includes(':') ? next.slice(next.indexOf(':') + 1) : '';
      if (password !== '') push(`curl ${word} user:password`, password);
    }
    if (program === 'curl' && /^-u[^:\s]+:./.test(word))
      push('curl -u user:password', word.slice(word.indexOf(':') + 1));
    if (program === 'curl' && word === '--oauth2-bearer' && next !== undefined)
      push('curl --oauth2-bearer', next);
    if (/^-pass(in|out)?$/.test(word) && next?.startsWith('pass:'))
      push(`openssl ${word} pass:`, next.slice(5));
    // `NAME=value`, `password=value` written into a file, `//registry/:_authToken=value` in an .npmrc; URLs
    // are read whole below, and a `/` otherwise means a path or a sed expression, not a key.
    const assignment = /^-*([^=\s]+)=(.+)$/s.exec(word);
    const key = assignment?.[1] ?? '';
    const keyName = key.split(/[^A-Za-z0-9_-]/).pop() ?? '';
    if (
      assignment &&
      !option &&
      !key.includes('://') &&
      (!key.includes('/') || /:_/.test(key)) &&
      isSecretName(keyName)
    )
      push(`${keyName}=`, assignment[2]!);
  }
  // `npm config set //registry/:_authToken VALUE`
  if (/^(npm|yarn|pnpm)$/.test(program)) {
    const set = args.indexOf('set');
    const key = args[set + 1];
    const value = args[set + 2];
    if (set !== -1 && key !== undefined && value !== undefined && !key.includes('=') && isSecretName(key))
      push(`${program} config ${key}`, value);
  }
  // The words before the program: `TOKEN=… make publish`.
  for (const word of command.words.slice(0, command.words.length - args.length - 1)) {
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(word);
    if (assignment && isSecretName(assignment[1]!)) push(`${assignment[1]}=`, assignment[2]!);
  }
  return found;
}

function fromText(text: string): CommandSecret[] {
  const found: CommandSecret[] = [];
  for (const match of text.matchAll(HEADER)) {
    const [, name = '', value = ''] = match;
    if (!isNotASecret(value)) found.push({ reason: `a literal "${name}:" value`, value });
  }
  for (const match of text.matchAll(URL_CREDENTIALS)) {
    const value = match[2] ?? '';
    if (!isNotASecret(value)) found.push({ reason: 'credentials in a URL', value });
  }
  for (const match of text.matchAll(URL_QUERY)) {
    const [, name = '', value = ''] = match;
    if (isSecretName(name) && !isNotASecret(value))
      found.push({ reason: `the ${name} parameter of a URL`, value });
  }
  // A format already found with its value (credentials in a URL) needs no second mention.
  const format = secretFormat(text);
  if (format && !found.some((secret) => secret.reason === format))
    found.push({ reason: `${/^[aeiou]/i.test(format) ? 'an' : 'a'} ${format}` });
  return found;
}

/** `echo 's3cret' | docker login --password-stdin`, `echo 'root:pw' | chpasswd`: a literal fed to a login. */
function fromPipelines(pipelines: readonly Pipeline[]): CommandSecret[] {
  const found: CommandSecret[] = [];
  for (const pipeline of pipelines) {
    const sink = pipeline.findIndex(
      (command) =>
        command.words.some((w) => w === '--password-stdin' || w === '--with-token') ||
        ['chpasswd', 'passwd'].includes(programOf(command)),
    );
    if (sink <= 0) continue;
    const source = pipeline[sink - 1]!;
    if (!['echo', 'printf'].includes(programOf(source))) continue;
    const literal = argumentsOf(source)
      .filter((w) => !/^-[neE]+$/.test(w))
      .join(' ');
    const value =
      programOf(pipeline[sink]!) === 'chpasswd' ? literal.slice(literal.indexOf(':') + 1) : literal;
    if (!isNotASecret(value) && !/\$/.test(value))
      found.push({ reason: `a literal piped into ${programOf(pipeline[sink]!)}`, value });
  }
  return found;
}

/** The secrets a shell script carries on its command lines; `pipelines` when the caller has them already. */
export function secretsInScript(
  script: string,
  pipelines: readonly Pipeline[] = pipelinesOf(script),
): CommandSecret[] {
  const found = [...pipelines.flat().flatMap(fromWords), ...fromText(script), ...fromPipelines(pipelines)];
  const seen = new Set<string>();
  return found.filter(({ value, reason }) => {
    const key = value ?? `format:${reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `text` with every secret masked: those the command-line checks find (by value, everywhere they occur)
 * and those `maskSecretsIn` finds by format and name.
 */
export function maskCommand(text: string): string {
  let out = text;
  const values = secretsInScript(text)
    .map((secret) => secret.value)
    .filter((value): value is string => value !== undefined && value !== '')
    .sort((a, b) => b.length - a.length);
  for (const value of values) out = out.replace(writtenAs(value), mask(value));
  return maskSecretsIn(out);
}

/** The value as a shell may write it: any character escaped, quotes opened and closed between them. */
function writtenAs(value: string): RegExp {
  const chars = [...value].map((c) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  return new RegExp(chars.join(`[\\\\"']*`), 'g');
}

const EVIDENCE_LIMIT = 160;

/** An instruction as evidence: masked, on one line, cut to a readable length after masking. */
export function instructionEvidence(keyword: string, text: string): string {
  const oneLine = maskCommand(text)
    .replace(/\s*\n\s*/g, ' ⏎ ')
    .replace(/\s+/g, ' ')
    .trim();
  const body = oneLine.length > EVIDENCE_LIMIT ? `${oneLine.slice(0, EVIDENCE_LIMIT - 1)}…` : oneLine;
  return `${keyword} ${body}`;
}
