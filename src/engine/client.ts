// A read-only Docker Engine API client. It can only send GET requests: there is no method parameter, so
// no code path of dt10 can create, change or delete anything on an engine it audits. One keep-alive
// connection pool per engine bounds the requests in flight; every request has a deadline. An ssh:// engine
// has one connection, through one ssh process (ssh-transport.ts), and its requests go one at a time.
import http from 'node:http';
import https from 'node:https';
import { finished } from 'node:stream/promises';
import { Deadlines } from './deadlines.js';
import type { Endpoint } from './endpoint.js';
import { CommandAgent, sshCommand } from './ssh-transport.js';

/** The newest API version dt10 knows; an older engine is spoken to in its own version. */
const MAX_API_VERSION = '1.47';

export class EngineRequestError extends Error {
  override name = 'EngineRequestError';

  constructor(
    message: string,
    /** HTTP status, when the engine answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Bytes of an error answer read for its message, when a stream was asked for. */
const MAX_ERROR_BODY = 64 * 1024;

export interface ClientOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Milliseconds a request may wait for the engine: for its answer, or for more of it. */
  timeoutMs: number;
}

function compareVersions(a: string, b: string): number {
  const [amajor = 0, aminor = 0] = a.split('.').map(Number);
  const [bmajor = 0, bminor = 0] = b.split('.').map(Number);
  return amajor - bmajor || aminor - bminor;
}

export class EngineClient {
  private readonly agent: http.Agent;
  private readonly deadlines: Deadlines;
  private apiPrefix = '';
  /** For ssh: the request before this one, which this one waits for (one ssh process, one connection). */
  private previous: Promise<unknown> | undefined;

  constructor(
    readonly endpoint: Endpoint,
    private readonly options: ClientOptions,
  ) {
    this.deadlines = new Deadlines(options.timeoutMs);
    const agentOptions = { keepAlive: true, maxSockets: options.concurrency };
    if (endpoint.kind === 'ssh') {
      this.agent = new CommandAgent(sshCommand(endpoint, options.timeoutMs), 'ssh');
      this.previous = Promise.resolve();
    } else
      this.agent =
        endpoint.kind === 'tcp' && endpoint.tls
          ? new https.Agent({ ...agentOptions, ...endpoint.tls })
          : new http.Agent(agentOptions);
  }

  get label(): string {
    return this.endpoint.label;
  }

  /**
   * Asks `/_ping` for the engine's API version and speaks the older of it and dt10's, so that field names
   * are the ones this engine documents.
   */
  async negotiate(): Promise<string> {
    const { headers } = await this.request('/_ping');
    const offered = headers['api-version'];
    const version =
      typeof offered === 'string' && compareVersions(offered, MAX_API_VERSION) < 0
        ? offered
        : MAX_API_VERSION;
    this.apiPrefix = `/v${version}`;
    return version;
  }

  /** GET `path` (with its query) and parse the JSON answer. */
  async get<T>(path: string): Promise<T> {
    const { body } = await this.request(this.apiPrefix + path);
    try {
      return JSON.parse(body) as T;
    } catch {
      throw new EngineRequestError(`GET ${path}: the engine's answer is not JSON`);
    }
  }

  /**
   * GET `path` (with its query) and answer its body as a stream, for answers too large to hold (an image
   * export). The answer's headers have the deadline of any request; after them, the body fails with an
   * EngineRequestError when the engine sends nothing for the same time (an idle timeout, not a deadline: an
   * export may take minutes). The caller reads the body to its end or destroys it.
   */
  async stream(path: string): Promise<{ body: http.IncomingMessage; headers: http.IncomingHttpHeaders }> {
    const full = this.apiPrefix + path;
    if (this.previous === undefined) return this.sendStream(full);
    // One connection: the next request waits until this body is read or dropped.
    const next = this.previous.then(() => this.sendStream(full));
    this.previous = next.then(
      ({ body }) => finished(body).catch(() => undefined),
      () => undefined,
    );
    return next;
  }

  close(): void {
    this.deadlines.stop();
    this.agent.destroy();
  }

  private request(path: string): Promise<{ body: string; headers: http.IncomingHttpHeaders }> {
    if (this.previous === undefined) return this.send(path);
    // One at a time, each with its own deadline from when it is sent: the agent's queue would keep one that
    // fails to connect waiting for ever.
    const next = this.previous.then(() => this.send(path));
    this.previous = next.catch(() => undefined);
    return next;
  }

  /** Where and how to connect, and how messages name the engine's address. */
  private target(): { target: http.RequestOptions; secure: boolean; where: string } {
    const endpoint = this.endpoint;
    const secure = endpoint.kind === 'tcp' && endpoint.tls !== undefined;
    const target: http.RequestOptions =
      endpoint.kind === 'unix'
        ? { socketPath: endpoint.socketPath }
        : endpoint.kind === 'tcp'
          ? { host: endpoint.host, port: endpoint.port }
          : { host: 'docker' };
    // Where a context's engine is, since its label is only the context's name.
    const where = endpoint.address !== undefined ? ` (${endpoint.address})` : '';
    return { target, secure, where };
  }

  private sendStream(
    path: string,
  ): Promise<{ body: http.IncomingMessage; headers: http.IncomingHttpHeaders }> {
    const { target, secure, where } = this.target();
    const timeoutMs = this.options.timeoutMs;
    return new Promise((resolve, reject) => {
      let body: http.IncomingMessage | undefined;
      const request = (secure ? https : http).request(
        { ...target, path, method: 'GET', agent: this.agent, headers: { accept: 'application/x-tar' } },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            body = response;
            resolve({ body: response, headers: response.headers });
            return;
          }
          // An error answer is small JSON: read (a bounded part of) it for the engine's message.
          const chunks: Buffer[] = [];
          let kept = 0;
          response.on('data', (chunk: Buffer) => {
            if (kept < MAX_ERROR_BODY) chunks.push(chunk);
            kept += chunk.length;
          });
          response.on('error', reject);
          response.on('end', () =>
            reject(
              new EngineRequestError(
                `GET ${path}: ${status} ${engineMessage(Buffer.concat(chunks).toString('utf8'))}`,
                status,
              ),
            ),
          );
        },
      );
      // The socket's idle timeout: before the headers, no answer; after them, a body that stopped coming.
      request.setTimeout(timeoutMs, () => {
        if (body !== undefined) {
          body.destroy(new EngineRequestError(`GET ${path}: the engine sent nothing for ${timeoutMs} ms`));
          request.destroy();
        } else request.destroy(new EngineRequestError(`GET ${path}: no answer within ${timeoutMs} ms`));
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        const failure =
          error instanceof EngineRequestError
            ? error
            : new EngineRequestError(`GET ${path}${where}: ${error.code ?? error.message}`);
        if (body !== undefined) body.destroy(failure);
        else reject(failure);
      });
      request.end();
    });
  }

  private send(path: string): Promise<{ body: string; headers: http.IncomingHttpHeaders }> {
    const { target, secure, where } = this.target();
    const timeoutMs = this.options.timeoutMs;
    return new Promise((resolve, reject) => {
      let answered = false;
      const request = (secure ? https : http).request(
        { ...target, path, method: 'GET', agent: this.agent },
        (response) => {
          answered = true;
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            deadline.touch();
          });
          response.on('error', fail);
          response.on('end', () => {
            deadline.end();
            const body = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve({ body, headers: response.headers });
            else reject(new EngineRequestError(`GET ${path}: ${status} ${engineMessage(body)}`, status));
          });
        },
      );
      // No answer, or an answer that stops coming, for the timeout fails the request.
      const deadline = this.deadlines.start({
        expire: () =>
          request.destroy(
            new EngineRequestError(
              answered
                ? `GET ${path}: the engine sent nothing for ${timeoutMs} ms`
                : `GET ${path}: no answer within ${timeoutMs} ms`,
            ),
          ),
      });
      function fail(error: NodeJS.ErrnoException): void {
        deadline.end();
        reject(
          error instanceof EngineRequestError
            ? error
            : new EngineRequestError(`GET ${path}${where}: ${error.code ?? error.message}`),
        );
      }
      request.on('error', fail);
      request.end();
    });
  }
}

/** The engine's `{"message": "…"}`, or the start of whatever else it said. */
function engineMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through
  }
  return body.slice(0, 200).trim();
}
