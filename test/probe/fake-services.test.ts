// The probe's verdicts for the interfaces no Debian package runs here (kubelet, API server, registry), against
// small servers on 127.0.0.1 that answer as those do (status, headers and bodies as the real ones send them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingsOf, probe } from '../../src/probe/probe.js';
import { parseTargets } from '../../src/probe/targets.js';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

let key: string;
let cert: string;
const servers: (http.Server | https.Server)[] = [];

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'dt10-probe-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    key = readFileSync(join(dir, 'key.pem'), 'utf8');
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(handler: Handler, tls: boolean, requestCert = false): Promise<number> {
  const server = tls
    ? https.createServer({ key, cert, requestCert, rejectUnauthorized: requestCert }, handler)
    : http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function reply(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    ...headers,
  });
  response.end(text);
}

const status = (code: number, message: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason: code === 401 ? 'Unauthorized' : 'Forbidden',
  code,
});

async function verdicts(specs: string[]) {
  const { outcomes } = await probe(parseTargets(specs), { timeoutMs: 2_000, concurrency: 4 });
  return { outcomes, rows: outcomes.map((o) => [o.answer?.service, o.answer?.verdict, o.answer?.tls]) };
}

describe('probe: kubelet, Kubernetes API, registry (emulated)', () => {
  it('flags a kubelet that lists pods anonymously over HTTPS and accepts one that answers 401 or 403', async () => {
    const open = await serve(
      (_q, r) => reply(r, 200, { kind: 'PodList', apiVersion: 'v1', items: [{}, {}] }),
      true,
    );
    const unauthorized = await serve((_q, r) => reply(r, 401, 'Unauthorized'), true);
    const forbidden = await serve(
      (_q, r) =>
        reply(r, 403, 'Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource=proxy)'),
      true,
    );
    const { outcomes, rows } = await verdicts([
      `127.0.0.1:${open}/kubelet,${unauthorized}/kubelet,${forbidden}`,
    ]);
    expect(rows).toEqual([
      ['kubelet', 'unauthenticated', true],
      ['kubelet', 'authenticated', true],
      ['kubelet', 'authenticated', true], // recognised by its refusal without being named
    ]);
    expect(outcomes[0]!.answer!.evidence).toBe('GET /pods → 200 (PodList of 2 pods, anonymous)');
  });

  it('flags the read-only kubelet port over plain HTTP', async () => {
    const port = await serve(
      (q, r) =>
        q.url === '/pods'
          ? reply(r, 200, { kind: 'PodList', items: [] })
          : reply(r, 404, '404 page not found'),
      false,
    );
    expect((await verdicts([`127.0.0.1:${port}/kubelet`])).rows).toEqual([
      ['kubelet', 'unauthenticated', false],
    ]);
  });

  it('flags an API server that answers /api anonymously, and accepts 401 and 403', async () => {
    const open = await serve((_q, r) => reply(r, 200, { kind: 'APIVersions', versions: ['v1'] }), true);
    const closed = await serve((_q, r) => reply(r, 401, status(401, 'Unauthorized')), true);
    const forbidden = await serve(
      (_q, r) => reply(r, 403, status(403, 'forbidden: User "system:anonymous" cannot get path "/api"')),
      true,
    );
    const { rows } = await verdicts([
      `127.0.0.1:${open}/kubernetes-api,${closed}/kubernetes-api,${forbidden}`,
    ]);
    expect(rows).toEqual([
      ['kubernetes-api', 'unauthenticated', true],
      ['kubernetes-api', 'authenticated', true],
      ['kubernetes-api', 'authenticated', true],
    ]);
  });

  it('flags a registry that answers /v2/ with 200 and accepts one that answers 401', async () => {
    const header = { 'docker-distribution-api-version': 'registry/2.0' };
    const open = await serve((_q, r) => reply(r, 200, {}, header), false);
    const closed = await serve(
      (_q, r) =>
        reply(
          r,
          401,
          { errors: [{ code: 'UNAUTHORIZED' }] },
          { ...header, 'www-authenticate': 'Basic realm="Registry"' },
        ),
      false,
    );
    const { outcomes, rows } = await verdicts([`127.0.0.1:${open}/registry,${closed}`]);
    expect(rows).toEqual([
      ['registry', 'unauthenticated', false],
      ['registry', 'authenticated', false],
    ]);
    expect(findingsOf(outcomes).map((f) => f.location)).toEqual([
      { engine: `tcp://127.0.0.1:${open}`, object: 'registry' },
    ]);
  });

  it('counts a TLS listener that requires a client certificate as authenticated when the service was named', async () => {
    const port = await serve((_q, r) => reply(r, 200, { etcdserver: '3.5.0' }), true, true);
    const named = await verdicts([`127.0.0.1:${port}/etcd`]);
    expect(named.rows).toEqual([['etcd', 'authenticated', true]]);
    expect(named.outcomes[0]!.answer!.evidence).toMatch(
      /^GET \/version over TLS without a client certificate → refused/,
    );
    // Unnamed, nothing can tell which service it is: open, not identified, and no finding.
    const unnamed = await verdicts([`127.0.0.1:${port}`]);
    expect(unnamed.outcomes.map((o) => [o.state, o.answer])).toEqual([['open', undefined]]);
  });

  it('leaves an open port that speaks none of the protocols unidentified', async () => {
    const port = await serve((_q, r) => reply(r, 200, '<html>hello</html>'), false);
    const { outcomes } = await verdicts([`127.0.0.1:${port}`]);
    expect(outcomes.map((o) => [o.state, o.answer])).toEqual([['open', undefined]]);
    expect(findingsOf(outcomes)).toEqual([]);
  });
});
