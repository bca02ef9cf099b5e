// The webhook's HTTPS routes: POST /validate (and /) → the admission handler, GET /healthz, GET /metrics;
// 404 for other paths, 405 for other methods. The API server adds `?timeout=10s` to the path it calls.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { METRICS_CONTENT_TYPE, type ServerMetrics } from '../metrics.js';
import { BodyTooLarge, readBody } from '../read-body.js';
import type { AdmissionHandler, HttpAnswer } from './handler.js';
import type { KeyPair } from './tls.js';

export interface AdmissionServerOptions {
  keyPair: KeyPair;
  handler: AdmissionHandler;
  metrics: ServerMetrics;
}

const ROUTES: Readonly<Record<string, string>> = {
  '/': 'POST',
  '/validate': 'POST',
  '/healthz': 'GET',
  '/metrics': 'GET',
};

function send(response: ServerResponse, answer: HttpAnswer, headers: Record<string, string> = {}): void {
  response.writeHead(answer.status, {
    'content-type': answer.contentType,
    'content-length': Buffer.byteLength(answer.body),
    ...headers,
  });
  response.end(answer.body);
}

function text(status: number, body: string): HttpAnswer {
  return { status, contentType: 'text/plain; charset=utf-8', body: `${body}\n` };
}

async function admit(
  request: IncomingMessage,
  response: ServerResponse,
  options: AdmissionServerOptions,
): Promise<void> {
  const started = performance.now();
  let body: Buffer;
  try {
    body = await readBody(request);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) {
      // The client went away mid-body: there is no one to answer.
      request.destroy();
      return;
    }
    // The rest of the body is not read: the connection is closed after the answer instead.
    send(response, options.handler.badRequest(413, error.message, started), { connection: 'close' });
    return;
  }
  send(response, options.handler.review(body, started));
}

export function createAdmissionServer(options: AdmissionServerOptions): Server {
  const server = createServer(
    {
      ...options.keyPair,
      // The API server waits at most 30 s for a webhook; a request still unfinished then has no reader.
      requestTimeout: 30_000,
      // Longer than clients keep idle connections, so a reused connection is not closed under them.
      keepAliveTimeout: 65_000,
    },
    (request, response) => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      const method = ROUTES[path];
      if (method === undefined) return send(response, text(404, `no such path: ${path}`));
      if (request.method !== method)
        return send(response, text(405, `${path} answers ${method} only`), { allow: method });
      if (path === '/healthz') return send(response, text(200, 'ok'));
      if (path === '/metrics')
        return send(response, {
          status: 200,
          contentType: METRICS_CONTENT_TYPE,
          body: options.metrics.render(),
        });
      admit(request, response, options).catch((error: unknown) => {
        response.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    },
  );
  return server;
}
