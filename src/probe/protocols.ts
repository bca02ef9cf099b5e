// Just enough of each management protocol to tell whether it answers without authentication. Every request is
// a read: GET requests, etcd's range read of one key, Redis's PING. Nothing is created, changed or deleted.
import http from 'node:http';
import https from 'node:https';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { Service } from './targets.js';

/** Where to connect: the resolved address, the name for TLS SNI and Host headers, and the deadline per step. */
export interface Wire {
  address: string;
  host: string;
  port: number;
  timeoutMs: number;
  /**
   * Schemes (TLS or not) that already timed out or failed their TLS handshake on this port: the next
   * services are not tried over them (a TLS hello to a plain server waits for the whole timeout).
   */
  dead?: Set<boolean>;
}

export interface ServiceAnswer {
  service: Service;
  verdict: 'unauthenticated' | 'authenticated';
  tls: boolean;
  /** What was asked and what came back: `GET /version → 200 (Docker 20.10.24, API 1.41)`. */
  evidence: string;
}

/**
 * Asks `wire` whether it is `service` and whether it answers without credentials; undefined when it is not
 * (or does not say). `expected`: the user or the port named the service, so a TLS listener that refuses a
 * client without a certificate counts as that service, authenticated.
 */
export type ServiceProbe = (wire: Wire, expected: boolean) => Promise<ServiceAnswer | undefined>;

/** Bytes of an answer read at most. */
const MAX_BODY = 256 * 1024;

interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

class WireError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** One HTTP request over plain TCP or TLS (any server certificate: the probe asks, it does not trust). */
export function httpRequest(
  wire: Wire,
  tls: boolean,
  method: 'GET' | 'POST',
  path: string,
  body?: string,
): Promise<HttpAnswer> {
  const hostHeader = wire.host.includes(':') ? `[${wire.host}]` : wire.host;
  const headers: Record<string, string> = { host: `${hostHeader}:${wire.port}`, 'user-agent': 'dt10-probe' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const options: https.RequestOptions = {
    host: wire.address,
    port: wire.port,
    method,
    path,
    headers,
    agent: false,
    ...(tls
      ? { rejectUnauthorized: false, ...(isIP(wire.host) === 0 ? { servername: wire.host } : {}) }
      : {}),
  };
  return new Promise((resolve, reject) => {
    const request = (tls ? https : http).request(options, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_BODY) response.destroy();
      });
      const done = () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      };
      response.on('end', done);
      response.on('close', done);
      response.on('error', done);
    });
    const timer = setTimeout(
      () => request.destroy(new WireError(`no answer in ${wire.timeoutMs} ms`, 'ETIMEDOUT')),
      wire.timeoutMs,
    );
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}

/** Sends `line` and reads the first line answered (Redis's protocol). */
export function lineRequest(wire: Wire, tls: boolean, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket = tls
      ? connectTls({
          host: wire.address,
          port: wire.port,
          rejectUnauthorized: false,
          ...(isIP(wire.host) === 0 ? { servername: wire.host } : {}),
        })
      : connectTcp({ host: wire.address, port: wire.port });
    let received = '';
    const timer = setTimeout(
      () => socket.destroy(new WireError(`no answer in ${wire.timeoutMs} ms`, 'ETIMEDOUT')),
      wire.timeoutMs,
    );
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      const end = received.indexOf('\r\n');
      if (end >= 0) resolve(received.slice(0, end));
      else if (error) reject(error);
      else resolve(received);
    };
    socket.once(tls ? 'secureConnect' : 'connect', () => socket.write(line));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n') || received.length > 4096) finish();
    });
    socket.on('error', finish);
    socket.on('close', () => finish());
  });
}

/** Whether a TLS failure says the server wants a client certificate (TLS 1.2 and 1.3 alerts, Go's reset). */
export function refusedWithoutCertificate(error: unknown): boolean {
  const code = errorCode(error);
  const message = (error as Error).message ?? '';
  return (
    /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|HANDSHAKE_FAILURE)/.test(code) ||
    /certificate required|bad certificate/i.test(message)
  );
}

/** `code` of a TLS failure, for evidence. */
function why(error: unknown): string {
  return errorCode(error);
}

function json(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function short(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** The order to try plain HTTP and TLS in: TLS first on the ports that are TLS by convention. */
function schemes(port: number): boolean[] {
  return [2376, 6443, 10250, 8443].includes(port) ? [true, false] : [false, true];
}

/**
 * Runs `attempt` over each scheme in turn; a TLS listener that refuses a client without a certificate is
 * `service`, authenticated, when the service was expected.
 */
async function overSchemes(
  wire: Wire,
  expected: boolean,
  service: Service,
  what: string,
  attempt: (tls: boolean) => Promise<ServiceAnswer | undefined>,
): Promise<ServiceAnswer | undefined> {
  for (const tls of schemes(wire.port)) {
    if (wire.dead?.has(tls)) continue;
    try {
      const answer = await attempt(tls);
      if (answer !== undefined) return answer;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ETIMEDOUT' || (tls && (code === 'EPROTO' || code.startsWith('ERR_SSL_'))))
        (wire.dead ??= new Set()).add(tls);
      if (tls && expected && refusedWithoutCertificate(error))
        return {
          service,
          verdict: 'authenticated',
          tls,
          evidence: `${what} over TLS without a client certificate → refused (${why(error)})`,
        };
    }
  }
  return undefined;
}

const docker: ServiceProbe = (wire, expected) =>
  overSchemes(wire, expected, 'docker-api', 'GET /_ping', async (tls) => {
    const ping = await httpRequest(wire, tls, 'GET', '/_ping');
    const server = String(ping.headers.server ?? '');
    if (ping.headers['api-version'] === undefined && !server.startsWith('Docker/')) return undefined;
    if (ping.status !== 200)
      return {
        service: 'docker-api',
        verdict: 'authenticated',
        tls,
        evidence: `GET /_ping → ${ping.status}`,
      };
    const version = await httpRequest(wire, tls, 'GET', '/version');
    const body = json(version.text);
    if (version.status === 200 && body !== undefined)
      return {
        service: 'docker-api',
        verdict: 'unauthenticated',
        tls,
        evidence: `GET /version → 200 (Docker ${String(body.Version)}, API ${String(body.ApiVersion)})`,
      };
    return {
      service: 'docker-api',
      verdict: 'authenticated',
      tls,
      evidence: `GET /version → ${version.status} ${short(version.text)}`,
    };
  });

const etcd: ServiceProbe = (wire, expected) =>
  overSchemes(wire, expected, 'etcd', 'GET /version', async (tls) => {
    const version = await httpRequest(wire, tls, 'GET', '/version');
    const about = json(version.text);
    if (version.status !== 200 || typeof about?.etcdserver !== 'string') return undefined;
    // A range read of the one key "\0" (base64 AA==): a read, and answered only to whoever may read keys.
    let range: HttpAnswer | undefined;
    let path = '';
    for (const prefix of ['/v3', '/v3beta', '/v3alpha']) {
      path = `${prefix}/kv/range`;
      range = await httpRequest(wire, tls, 'POST', path, '{"key":"AA=="}');
      if (range.status !== 404) break;
    }
    if (range!.status === 404) {
      // No client API: the peer port, which lists the members (and takes raft traffic) from anyone it accepts.
      const members = await httpRequest(wire, tls, 'GET', '/members');
      if (members.status === 200 && members.text.trimStart().startsWith('['))
        return {
          service: 'etcd',
          verdict: 'unauthenticated',
          tls,
          evidence: `GET /members → 200 (etcd ${about.etcdserver} peer port: accepts peers without a client certificate)`,
        };
    }
    const answered = json(range!.text);
    if (range!.status === 200 && answered?.header !== undefined)
      return {
        service: 'etcd',
        verdict: 'unauthenticated',
        tls,
        evidence: `POST ${path} → 200 (etcd ${about.etcdserver}: keys readable without credentials)`,
      };
    const error = answered?.error ?? answered?.message;
    return {
      service: 'etcd',
      verdict: 'authenticated',
      tls,
      evidence: `POST ${path} → ${range!.status}${typeof error === 'string' ? ` (${error})` : ''}`,
    };
  });

const kubernetesApi: ServiceProbe = (wire, expected) =>
  overSchemes(wire, expected, 'kubernetes-api', 'GET /api', async (tls) => {
    const api = await httpRequest(wire, tls, 'GET', '/api');
    const body = json(api.text);
    if (api.status === 200 && body?.kind === 'APIVersions')
      return {
        service: 'kubernetes-api',
        verdict: 'unauthenticated',
        tls,
        evidence: `GET /api → 200 (APIVersions ${JSON.stringify(body.versions ?? [])}, anonymous)`,
      };
    if ((api.status === 401 || api.status === 403) && body?.kind === 'Status')
      return {
        service: 'kubernetes-api',
        verdict: 'authenticated',
        tls,
        evidence: `GET /api → ${api.status} (${short(String(body.message ?? body.reason ?? ''))})`,
      };
    return undefined;
  });

const kubelet: ServiceProbe = (wire, expected) =>
  overSchemes(wire, expected, 'kubelet', 'GET /pods', async (tls) => {
    const pods = await httpRequest(wire, tls, 'GET', '/pods');
    const body = json(pods.text);
    if (pods.status === 200 && body?.kind === 'PodList') {
      const items = Array.isArray(body.items) ? body.items.length : 0;
      return {
        service: 'kubelet',
        verdict: 'unauthenticated',
        tls,
        evidence: `GET /pods → 200 (PodList of ${items} pod${items === 1 ? '' : 's'}, anonymous)`,
      };
    }
    // The kubelet answers 401 "Unauthorized" (anonymous auth off) or 403 "Forbidden (user=system:anonymous, …)".
    const kubeletRefusal = /^(Unauthorized|Forbidden \(user=)/.test(pods.text.trim());
    if ((pods.status === 401 || pods.status === 403) && (expected || kubeletRefusal))
      return {
        service: 'kubelet',
        verdict: 'authenticated',
        tls,
        evidence: `GET /pods → ${pods.status} (${short(pods.text)})`,
      };
    return undefined;
  });

const registry: ServiceProbe = (wire, expected) =>
  overSchemes(wire, expected, 'registry', 'GET /v2/', async (tls) => {
    const v2 = await httpRequest(wire, tls, 'GET', '/v2/');
    if (v2.headers['docker-distribution-api-version'] === undefined) return undefined;
    return v2.status === 200
      ? {
          service: 'registry',
          verdict: 'unauthenticated',
          tls,
          evidence: 'GET /v2/ → 200 (no credentials asked)',
        }
      : {
          service: 'registry',
          verdict: 'authenticated',
          tls,
          evidence: `GET /v2/ → ${v2.status}${v2.headers['www-authenticate'] ? ` (${short(String(v2.headers['www-authenticate']), 60)})` : ''}`,
        };
  });

const redis: ServiceProbe = (wire, expected) =>
  overSchemes(wire, expected, 'redis', 'PING', async (tls) => {
    const line = await lineRequest(wire, tls, 'PING\r\n');
    if (line === '+PONG')
      return { service: 'redis', verdict: 'unauthenticated', tls, evidence: 'PING → +PONG' };
    // -NOAUTH: a password is required; -DENIED: protected mode refuses clients beyond loopback.
    if (/^-(NOAUTH|DENIED|WRONGPASS)\b/.test(line))
      return { service: 'redis', verdict: 'authenticated', tls, evidence: `PING → ${short(line)}` };
    return undefined;
  });

export const PROBES: Readonly<Record<Service, ServiceProbe>> = {
  'docker-api': docker,
  etcd,
  'kubernetes-api': kubernetesApi,
  kubelet,
  registry,
  redis,
};

/**
 * The order services are tried in on a port that names none: Redis first (an HTTP or TLS server refuses its
 * PING at once, while Redis answers an HTTP request by closing), then the HTTP ones.
 */
export const AUTO_ORDER: readonly Service[] = [
  'redis',
  'docker-api',
  'etcd',
  'kubernetes-api',
  'kubelet',
  'registry',
];

/** Whether anything accepts TCP connections at `wire`: `open`, `closed` (refused) or `no answer` (filtered). */
export function connectCheck(wire: Wire): Promise<'open' | 'closed' | 'no answer' | string> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host: wire.address, port: wire.port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('no answer');
    }, wire.timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      const code = errorCode(error);
      resolve(code === 'ECONNREFUSED' ? 'closed' : code);
    });
  });
}
