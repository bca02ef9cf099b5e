// The Docker CLI's contexts, read as `docker context inspect` reads them. `docker context create prod
// --docker host=ssh://admin@prod` writes <config>/contexts/meta/<sha256 of the name>/meta.json and, for TLS,
// <config>/contexts/tls/<same hash>/docker/{ca,cert,key}.pem; <config> is DOCKER_CONFIG, else ~/.docker.
// The engine the Docker CLI talks to when given no host: DOCKER_HOST, else the context DOCKER_CONTEXT names,
// else config.json's currentContext, else the default socket. "default" is no stored context: it is that
// fallback (DOCKER_HOST or the default socket), as in the Docker CLI.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Environment = Readonly<Record<string, string | undefined>>;

/** The context that is no stored context: DOCKER_HOST, else the default socket. */
export const DEFAULT_CONTEXT = 'default';

/** A context's name, or a usage error: the store, a file in it, or the name is wrong. */
export class ContextError extends Error {
  override name = 'ContextError';
}

export interface DockerContext {
  name: string;
  /** The docker endpoint's Host: `unix:///…`, `tcp://…` or `ssh://…`. */
  host: string;
  /** TLS without checking the engine's certificate (`docker context create --docker skip-tls-verify=true`). */
  skipTlsVerify: boolean;
  /** The store's TLS files, when it has any. */
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer };
  /** Where meta.json was read. */
  metaPath: string;
}

/** The Docker CLI's configuration directory: DOCKER_CONFIG, else ~/.docker (HOME, as the Docker CLI reads it). */
export function dockerConfigDir(environment: Environment): string {
  if (environment.DOCKER_CONFIG) return environment.DOCKER_CONFIG;
  return join(environment.HOME || homedir(), '.docker');
}

/** The directory holding the contexts' meta.json files. */
export function contextMetaDir(environment: Environment): string {
  return join(dockerConfigDir(environment), 'contexts', 'meta');
}

/** A context's directory name in the store: the SHA-256 of its name, in hex. */
export function contextDirectoryName(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex');
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new ContextError(`cannot read ${path}: ${errorCode(error)}`);
  }
}

/** The names of the stored contexts, sorted; none when there is no store. */
export async function listContexts(environment: Environment): Promise<string[]> {
  const metaDir = contextMetaDir(environment);
  let entries: string[];
  try {
    entries = await readdir(metaDir);
  } catch {
    return [];
  }
  const names = await Promise.all(
    entries.map(async (entry) => {
      try {
        const meta = JSON.parse(await readFile(join(metaDir, entry, 'meta.json'), 'utf8')) as {
          Name?: unknown;
        };
        return typeof meta.Name === 'string' ? meta.Name : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return names.filter((name): name is string => name !== undefined).sort();
}

/**
 * A stored context, with its TLS files. `source` says who named it, for the error when the store has no such
 * context (`--context`, `DOCKER_CONTEXT`, config.json's currentContext).
 */
export async function readContext(
  name: string,
  environment: Environment,
  source = '--context',
): Promise<DockerContext> {
  const configDir = dockerConfigDir(environment);
  const hash = contextDirectoryName(name);
  const metaPath = join(configDir, 'contexts', 'meta', hash, 'meta.json');
  const text = await readOptional(metaPath);
  if (text === undefined) {
    const known = await listContexts(environment);
    throw new ContextError(
      `${source} "${name}": no such Docker context in ${join(configDir, 'contexts', 'meta')} ` +
        `(looked for ${hash}/meta.json; ${known.length > 0 ? `contexts there: ${known.join(', ')}` : 'the store has no contexts'})`,
    );
  }
  let meta: { Name?: unknown; Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
  try {
    meta = JSON.parse(text.toString('utf8')) as typeof meta;
  } catch {
    throw new ContextError(`${source} "${name}": ${metaPath} is not JSON`);
  }
  const docker = meta?.Endpoints?.docker;
  if (typeof docker?.Host !== 'string' || docker.Host === '')
    throw new ContextError(
      `${source} "${name}": ${metaPath} names no docker endpoint (Endpoints.docker.Host)`,
    );
  const context: DockerContext = {
    name,
    host: docker.Host,
    skipTlsVerify: docker.SkipTLSVerify === true,
    metaPath,
  };
  const tlsDir = join(configDir, 'contexts', 'tls', hash, 'docker');
  const [ca, cert, key] = await Promise.all(
    ['ca.pem', 'cert.pem', 'key.pem'].map((file) => readOptional(join(tlsDir, file))),
  );
  if (ca || cert || key) {
    context.tls = {};
    if (ca) context.tls.ca = ca;
    if (cert) context.tls.cert = cert;
    if (key) context.tls.key = key;
  }
  return context;
}

/**
 * The context the Docker CLI would use when given no host, and who chose it: DOCKER_CONTEXT, else the
 * currentContext of config.json. Undefined: the default (DOCKER_HOST or the default socket). The caller
 * checks DOCKER_HOST first, which wins over both.
 */
export async function currentContext(
  environment: Environment,
): Promise<{ name: string; source: string } | undefined> {
  const fromEnvironment = environment.DOCKER_CONTEXT;
  if (fromEnvironment !== undefined && fromEnvironment !== '')
    return fromEnvironment === DEFAULT_CONTEXT
      ? undefined
      : { name: fromEnvironment, source: 'DOCKER_CONTEXT' };
  const configPath = join(dockerConfigDir(environment), 'config.json');
  const text = await readOptional(configPath);
  if (text === undefined) return undefined;
  let config: { currentContext?: unknown };
  try {
    config = JSON.parse(text.toString('utf8')) as typeof config;
  } catch {
    // The Docker CLI warns and goes on without it; an audit must not silently pick another engine.
    throw new ContextError(`${configPath} is not JSON (it may name the current Docker context)`);
  }
  const name = config?.currentContext;
  if (typeof name !== 'string' || name === '' || name === DEFAULT_CONTEXT) return undefined;
  return { name, source: `currentContext of ${configPath}` };
}
