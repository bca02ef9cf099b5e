// Where an engine listens and how to reach it: `unix:///var/run/docker.sock`, `tcp://host:2376` (TLS when
// certificates are given or DOCKER_TLS_VERIFY is set), `ssh://[user@]host[:port][/socket]` (through the
// ssh command, see ssh-transport.ts), from `--engine`, `--context`, DOCKER_HOST, DOCKER_CERT_PATH,
// DOCKER_CONTEXT and the Docker CLI's context store (context.ts), as the Docker CLI reads them.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ContextError, currentContext, DEFAULT_CONTEXT, type DockerContext, readContext } from './context.js';

type Environment = Readonly<Record<string, string | undefined>>;

export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
}

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** False: TLS without checking the engine's certificate (a context's SkipTLSVerify). */
  rejectUnauthorized?: boolean;
}

/**
 * `label` names the engine in findings and errors: its URL, or a context's name. `address` is the URL when
 * the label is not (a context), for error messages.
 */
export type Endpoint =
  | { kind: 'unix'; label: string; address?: string; socketPath: string }
  | { kind: 'tcp'; label: string; address?: string; host: string; port: number; tls?: TlsMaterial }
  | {
      kind: 'ssh';
      label: string;
      address?: string;
      host: string;
      user?: string;
      port?: number;
      /** The engine's socket on the remote host (the URL's path), else the remote docker CLI's default. */
      socketPath?: string;
    };

export class EndpointError extends Error {
  override name = 'EndpointError';
}

export const DEFAULT_ENGINE = 'unix:///var/run/docker.sock';

async function readIfPresent(path: string | undefined): Promise<Buffer | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path);
  } catch (error) {
    throw new EndpointError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * TLS material for a TCP engine: the flags' files, else DOCKER_CERT_PATH (or ~/.docker) when
 * DOCKER_TLS_VERIFY is set, as the Docker CLI does. Undefined: plain TCP.
 */
async function tlsFor(flags: TlsFiles, environment: Environment): Promise<TlsMaterial | undefined> {
  const verify = environment.DOCKER_TLS_VERIFY !== undefined && environment.DOCKER_TLS_VERIFY !== '';
  if (flags.ca === undefined && flags.cert === undefined && flags.key === undefined && !verify)
    return undefined;
  const directory = environment.DOCKER_CERT_PATH || join(homedir(), '.docker');
  const tls: TlsMaterial = {};
  const ca = await readIfPresent(flags.ca ?? (verify ? join(directory, 'ca.pem') : undefined));
  const cert = await readIfPresent(flags.cert ?? (verify ? join(directory, 'cert.pem') : undefined));
  const key = await readIfPresent(flags.key ?? (verify ? join(directory, 'key.pem') : undefined));
  if (ca) tls.ca = ca;
  if (cert) tls.cert = cert;
  if (key) tls.key = key;
  return tls;
}

/** `ssh://[user@]host[:port][/path/to/docker.sock]`, checked as the Docker CLI checks it. */
function sshEndpoint(url: string, label: string): Endpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EndpointError(`"${url}" is not a valid ssh address (ssh://[user@]host[:port])`);
  }
  if (parsed.password !== '')
    throw new EndpointError(
      `"${url}": passwords in ssh addresses are not supported (use a key or ssh-agent)`,
    );
  if (parsed.search !== '' || parsed.hash !== '')
    throw new EndpointError(`"${url}": an ssh address has no query or fragment`);
  const host = decodeURIComponent(parsed.hostname).replace(/^\[|\]$/g, '');
  if (host === '') throw new EndpointError(`"${url}" names no host`);
  // ssh would read a host starting with "-" as an option (ssh://-oProxyCommand=…).
  if (host.startsWith('-')) throw new EndpointError(`"${url}": a host name cannot start with "-"`);
  const endpoint: Endpoint = { kind: 'ssh', label, host };
  if (parsed.username !== '') endpoint.user = decodeURIComponent(parsed.username);
  if (parsed.port !== '') endpoint.port = Number(parsed.port);
  const path = decodeURIComponent(parsed.pathname);
  if (path.replace(/\//g, '') !== '') endpoint.socketPath = path;
  return endpoint;
}

/**
 * An engine URL as an endpoint. `tls` gives a TCP engine's TLS material (undefined: plain TCP unless the
 * URL says https://, which means TLS with the system's CAs).
 */
async function endpointFor(
  url: string,
  label: string,
  tls: () => Promise<TlsMaterial | undefined>,
): Promise<Endpoint> {
  const address = label !== url ? { address: url } : {};
  if (url.startsWith('unix://')) {
    const socketPath = url.slice('unix://'.length);
    if (socketPath === '') throw new EndpointError(`"${url}" names no socket`);
    return { kind: 'unix', label, ...address, socketPath };
  }
  if (url.startsWith('tcp://') || url.startsWith('https://') || url.startsWith('http://')) {
    let parsed: URL;
    try {
      parsed = new URL(url.replace(/^tcp:/, 'http:'));
    } catch {
      throw new EndpointError(`"${url}" is not a valid engine address`);
    }
    const material = url.startsWith('https://') ? ((await tls()) ?? {}) : await tls();
    const port = parsed.port !== '' ? Number(parsed.port) : material ? 2376 : 2375;
    const endpoint: Endpoint = {
      kind: 'tcp',
      label,
      ...address,
      host: parsed.hostname.replace(/^\[|\]$/g, ''),
      port,
    };
    if (material) endpoint.tls = material;
    return endpoint;
  }
  if (url.startsWith('ssh://')) return { ...sshEndpoint(url, label), ...address };
  throw new EndpointError(
    `"${url}" is not an engine address (unix:///path/docker.sock, tcp://host:port or ssh://[user@]host[:port])`,
  );
}

/** An `--engine` URL; TLS from the `--tls*` flags, else DOCKER_TLS_VERIFY and DOCKER_CERT_PATH. */
export function parseEndpoint(url: string, flags: TlsFiles, environment: Environment): Promise<Endpoint> {
  return endpointFor(url, url, () => tlsFor(flags, environment));
}

/**
 * A stored context's engine, labelled with the context's name; a ContextError when its host is no engine
 * address. Its TLS comes from the store alone (the
 * `--tls*` flags and DOCKER_TLS_VERIFY are for `--engine` and the default context, as in the Docker CLI).
 */
export async function contextEndpoint(context: DockerContext): Promise<Endpoint> {
  try {
    return await endpointFor(context.host, context.name, async () =>
      context.tls || context.skipTlsVerify
        ? { ...context.tls, ...(context.skipTlsVerify ? { rejectUnauthorized: false } : {}) }
        : undefined,
    );
  } catch (error) {
    if (error instanceof EndpointError)
      throw new ContextError(`context "${context.name}" (${context.metaPath}): ${error.message}`);
    throw error;
  }
}

/** What to scan: `--engine` values (`true`: a bare `--engine`) and `--context` names. */
export interface EngineRequest {
  engines: readonly (string | true)[];
  contexts: readonly string[];
  tls: TlsFiles;
}

type Target = { url: string } | { context: string; source: string };

/** A bare `--engine`: DOCKER_HOST, else DOCKER_CONTEXT, else config.json's currentContext, else the default socket. */
async function defaultTarget(environment: Environment): Promise<Target> {
  const host = environment.DOCKER_HOST;
  if (host !== undefined && host !== '') return { url: host };
  const current = await currentContext(environment);
  return current ? { context: current.name, source: current.source } : { url: DEFAULT_ENGINE };
}

/**
 * The endpoints to scan, each once: URLs are told apart by their text, contexts by their name (an engine
 * named both ways is read twice, once under each label). `--context default` is the default context:
 * DOCKER_HOST, else the default socket. Throws EndpointError for a bad URL and ContextError (context.ts) for a
 * context that is not in the store.
 */
export async function resolveEndpoints(
  request: EngineRequest,
  environment: Environment,
): Promise<Endpoint[]> {
  const targets: Target[] = [];
  for (const engine of request.engines)
    targets.push(engine === true ? await defaultTarget(environment) : { url: engine });
  for (const name of request.contexts) {
    const host = environment.DOCKER_HOST;
    targets.push(
      name === DEFAULT_CONTEXT
        ? { url: host !== undefined && host !== '' ? host : DEFAULT_ENGINE }
        : { context: name, source: '--context' },
    );
  }
  const unique = new Map<string, Target>();
  for (const target of targets)
    unique.set('url' in target ? `url ${target.url}` : `context ${target.context}`, target);
  return Promise.all(
    [...unique.values()].map(async (target) =>
      'url' in target
        ? parseEndpoint(target.url, request.tls, environment)
        : contextEndpoint(await readContext(target.context, environment, target.source)),
    ),
  );
}
