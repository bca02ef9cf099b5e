// A read-only Docker Engine API client. It can only send GET requests: there is no method parameter, so
// no code path of dt10 can create, change or delete anything on an engine it audits. One keep-alive
// connection pool per engine bounds the requests in flight; every request has a deadline. An ssh:// engine
// has one connection, through one ssh process (ssh-transport.ts), and its requests go one at a time.
import http from 'node:http';
import https from 'node:https';
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

export interface ClientOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Milliseconds a request may take, connection included. */
  timeoutMs: number;
}

function compareVersions(a: string, b: string): number {
  const [amajor = 0, aminor = 0] = a.split('.').map(Number);
  const [bmajor = 0, bminor = 0] = b.split('.').map(Number);
  return amajor - bmajor || aminor - bminor;
}

export class EngineClient {
  private readonly agent: http.Agent;
  private apiPrefix = '';
  /** For ssh: the request before this one, which this one waits for (one ssh process, one connection). */
  private previous: Promise<unknown> | undefined;

  constructor(
    readonly endpoint: Endpoint,
    private readonly options: ClientOptions,
  ) {
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

  close(): void {
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

  private send(path: string): Promise<{ body: string; headers: http.IncomingHttpHeaders }> {
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
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(
        { ...target, path, method: 'GET', agent: this.agent, headers: { accept: 'application/json' } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve({ body, headers: response.headers });
            else reject(new EngineRequestError(`GET ${path}: ${status} ${engineMessage(body)}`, status));
          });
        },
      );
      request.setTimeout(this.options.timeoutMs, () =>
        request.destroy(new EngineRequestError(`GET ${path}: no answer within ${this.options.timeoutMs} ms`)),
      );
      request.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          error instanceof EngineRequestError
            ? error
            : new EngineRequestError(`GET ${path}${where}: ${error.code ?? error.message}`),
        ),
      );
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
