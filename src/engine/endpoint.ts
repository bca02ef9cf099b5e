// Where an engine listens and how to reach it: `unix:///var/run/docker.sock`, `tcp://host:2376` (TLS when
// certificates are given or DOCKER_TLS_VERIFY is set), from `--engine`, DOCKER_HOST and DOCKER_CERT_PATH,
// as the Docker CLI reads them.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
}

export type Endpoint =
  | { kind: 'unix'; label: string; socketPath: string }
  | {
      kind: 'tcp';
      label: string;
      host: string;
      port: number;
      tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer };
    };

export class EndpointError extends Error {
  override name = 'EndpointError';
}

export const DEFAULT_ENGINE = 'unix:///var/run/docker.sock';

/** The engines to scan: `--engine` values, else DOCKER_HOST, else the default socket. */
export function engineUrls(
  flags: readonly string[],
  environment: Readonly<Record<string, string | undefined>>,
): string[] {
  if (flags.length > 0) return [...flags];
  const host = environment.DOCKER_HOST;
  return [host !== undefined && host !== '' ? host : DEFAULT_ENGINE];
}

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
async function tlsFor(
  flags: TlsFiles,
  environment: Readonly<Record<string, string | undefined>>,
): Promise<{ ca?: Buffer; cert?: Buffer; key?: Buffer } | undefined> {
  const verify = environment.DOCKER_TLS_VERIFY !== undefined && environment.DOCKER_TLS_VERIFY !== '';
  if (flags.ca === undefined && flags.cert === undefined && flags.key === undefined && !verify)
    return undefined;
  const directory = environment.DOCKER_CERT_PATH || join(homedir(), '.docker');
  const tls: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  const ca = await readIfPresent(flags.ca ?? (verify ? join(directory, 'ca.pem') : undefined));
  const cert = await readIfPresent(flags.cert ?? (verify ? join(directory, 'cert.pem') : undefined));
  const key = await readIfPresent(flags.key ?? (verify ? join(directory, 'key.pem') : undefined));
  if (ca) tls.ca = ca;
  if (cert) tls.cert = cert;
  if (key) tls.key = key;
  return tls;
}

export async function parseEndpoint(
  url: string,
  flags: TlsFiles,
  environment: Readonly<Record<string, string | undefined>>,
): Promise<Endpoint> {
  if (url.startsWith('unix://')) {
    const socketPath = url.slice('unix://'.length);
    if (socketPath === '') throw new EndpointError(`"${url}" names no socket`);
    return { kind: 'unix', label: url, socketPath };
  }
  if (url.startsWith('tcp://') || url.startsWith('https://') || url.startsWith('http://')) {
    let parsed: URL;
    try {
      parsed = new URL(url.replace(/^tcp:/, 'http:'));
    } catch {
      throw new EndpointError(`"${url}" is not a valid engine address`);
    }
    const tls = url.startsWith('https://')
      ? ((await tlsFor(flags, environment)) ?? {})
      : await tlsFor(flags, environment);
    const port = parsed.port !== '' ? Number(parsed.port) : tls ? 2376 : 2375;
    const endpoint: Endpoint = {
      kind: 'tcp',
      label: url,
      host: parsed.hostname.replace(/^\[|\]$/g, ''),
      port,
    };
    if (tls) endpoint.tls = tls;
    return endpoint;
  }
  if (url.startsWith('ssh://'))
    throw new EndpointError(
      `"${url}": ssh:// engines are not supported yet; forward the socket (ssh -L) and use unix://`,
    );
  throw new EndpointError(`"${url}" is not an engine address (unix:///path/docker.sock or tcp://host:port)`);
}
