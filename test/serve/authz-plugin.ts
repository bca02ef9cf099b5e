// A dt10 authorization plugin on a temp unix socket for tests, with its decision log kept in memory, and the
// AuthZ requests dockerd would send it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DecisionLog } from '../../src/serve/decision-log.js';
import { ServerMetrics } from '../../src/serve/metrics.js';
import { loadServePolicy } from '../../src/serve/policy.js';
import type { AuthzMode, FailurePolicy } from '../../src/serve/authz/decision.js';
import { startAuthzServer, type AuthzServer, type Judge } from '../../src/serve/authz/server.js';
import { unixRequest, type EngineResponse } from '../engine/dockerd.js';

export interface TestPluginOptions {
  /** Default: a fresh temp dir's `dt10.sock`. */
  socketPath?: string;
  mode?: AuthzMode;
  failurePolicy?: FailurePolicy;
  denyOn?: string;
  config?: string;
  judge?: Judge;
}

export interface LoggedDecision {
  source: string;
  object: string;
  decision: string;
  rules: string[];
  user?: string;
  reason?: string;
}

export interface TestPlugin {
  socketPath: string;
  metrics: ServerMetrics;
  /** The decision log so far, without `time` and `durationMs` (checked to be there). */
  decisions(): LoggedDecision[];
  /** A raw POST to the plugin (a string is sent as it is). */
  post(path: string, body: unknown): Promise<EngineResponse>;
  /** `POST /AuthZPlugin.AuthZReq` for an API call, its body base64-encoded as dockerd does. */
  authz(method: string, uri: string, apiBody?: unknown, user?: string): Promise<EngineResponse>;
  close(): Promise<void>;
}

/** The AuthZ request dockerd sends for an API call (it spells the URI's key `RequestUri`). */
export function authzBody(method: string, uri: string, apiBody?: unknown, user = ''): object {
  const body: Record<string, unknown> = {
    User: user,
    UserAuthNMethod: user === '' ? '' : 'TLS',
    RequestMethod: method,
    RequestUri: uri,
    RequestHeaders: { 'Content-Type': 'application/json', 'User-Agent': 'Docker-Client/20.10.24 (linux)' },
  };
  if (apiBody !== undefined)
    body.RequestBody = Buffer.from(typeof apiBody === 'string' ? apiBody : JSON.stringify(apiBody)).toString(
      'base64',
    );
  return body;
}

export async function startTestPlugin(options: TestPluginOptions = {}): Promise<TestPlugin> {
  const dir = await mkdtemp(join(tmpdir(), 'dt10-authz-'));
  const socketPath = options.socketPath ?? join(dir, 'dt10.sock');
  const lines: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const policy = await loadServePolicy({
    ...(options.config !== undefined ? { config: options.config } : {}),
    ...(options.denyOn !== undefined ? { denyOn: options.denyOn } : {}),
  });
  const metrics = new ServerMetrics('dt10_authz');
  const server: AuthzServer = await startAuthzServer({
    socketPath,
    policy,
    mode: options.mode ?? 'enforce',
    failurePolicy: options.failurePolicy ?? 'closed',
    log: new DecisionLog(out, () => new Date('2026-01-02T03:04:05.000Z')),
    metrics,
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    ...(options.judge ? { judge: options.judge } : {}),
  });
  const post = (path: string, body: unknown) =>
    unixRequest(socketPath, 'POST', path, body, {
      headers: { 'content-type': 'application/json' },
      timeoutMs: 10_000,
    });
  return {
    socketPath,
    metrics,
    decisions: () =>
      lines.map((line) => {
        const { time, durationMs, ...rest } = JSON.parse(line) as LoggedDecision & {
          time: string;
          durationMs: number;
        };
        if (time !== '2026-01-02T03:04:05.000Z' || typeof durationMs !== 'number')
          throw new Error(`decision log line without time or duration: ${line}`);
        return rest;
      }),
    post,
    authz: (method, uri, apiBody, user) =>
      post('/AuthZPlugin.AuthZReq', authzBody(method, uri, apiBody, user)),
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
