// The authorization plugin's HTTP server on a unix socket: dockerd activates it, then asks it about every
// API call before running it (AuthZReq) and shows it every answer (AuthZRes, always allowed). Each AuthZReq
// gets one decision log line and a metrics count.
import { lstat, mkdir, rm } from 'node:fs/promises';
import http from 'node:http';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import type { DecisionLog } from '../decision-log.js';
import type { ServerMetrics } from '../metrics.js';
import { judgeWorkloads, type ServePolicy, type Verdict } from '../policy.js';
import { BodyTooLarge, readBody } from '../read-body.js';
import { answerFor, failureAnswer, type Answer, type AuthzMode, type FailurePolicy } from './decision.js';
import { BodyNotForwarded, judgedRequest, type JudgedRequest } from './judged-request.js';
import { BadAuthzRequest, parseAuthzRequest, routeOf, type AuthzResponse, type Route } from './protocol.js';
import type { Workload } from '../../subjects/workload.js';

export type Judge = (workloads: readonly Workload[], policy: ServePolicy, now: Date) => Verdict;

export interface AuthzServerOptions {
  socketPath: string;
  policy: ServePolicy;
  mode: AuthzMode;
  failurePolicy: FailurePolicy;
  log: DecisionLog;
  metrics: ServerMetrics;
  now?: () => Date;
  /** How workloads are judged (default judgeWorkloads); tests inject faults here. */
  judge?: Judge;
}

export interface AuthzServer {
  socketPath: string;
  /** Stops listening, ends open connections and removes the socket file. */
  close(): Promise<void>;
}

/** The media type Docker's plugin protocol answers with. */
const PLUGIN_CONTENT_TYPE = 'application/vnd.docker.plugins.v1+json';

function send(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': PLUGIN_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Only the verdict of the rules a request is judged by (an update: the limits it changes). */
function restrict(verdict: Verdict, judged: JudgedRequest): Verdict {
  const { rules, skipRules } = judged;
  const judges = (rule: string | undefined) =>
    rule === undefined || ((rules === undefined || rules.has(rule)) && !skipRules?.has(rule));
  return {
    denials: verdict.denials.filter((finding) => judges(finding.ruleId)),
    warnings: verdict.warnings.filter((finding) => judges(finding.ruleId)),
    errors: verdict.errors.filter((error) => judges(error.ruleId)),
  };
}

class Authorizer {
  private readonly judge: Judge;
  private readonly now: () => Date;

  constructor(private readonly options: AuthzServerOptions) {
    this.judge = options.judge ?? judgeWorkloads;
    this.now = options.now ?? (() => new Date());
  }

  async authorize(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const { log, metrics } = this.options;
    const finish = (decision: string) => {
      const seconds = (performance.now() - started) / 1000;
      metrics.requests.inc({ decision });
      metrics.latency.observe(seconds);
      return seconds * 1000;
    };
    let object = 'AuthZPlugin.AuthZReq';
    let user: string | undefined;
    try {
      const authz = parseAuthzRequest(await readBody(request));
      object = `${authz.method} ${authz.uri}`;
      if (authz.user !== '') user = authz.user;
      const route = routeOf(authz.method, authz.uri);
      let answer: Answer = { response: { Allow: true }, decision: 'allow', rules: [] };
      if (route !== undefined) ({ object, answer } = this.judgeRoute(route, authz.body));
      send(response, 200, answer.response);
      if (answer.decision === 'deny') for (const rule of answer.rules) metrics.denials.inc({ rule });
      const durationMs = finish(answer.decision);
      log.write({
        source: 'authz',
        object,
        decision: answer.decision,
        rules: answer.rules,
        ...(answer.warnings !== undefined ? { warnings: answer.warnings } : {}),
        ...(user !== undefined ? { user } : {}),
        ...(answer.reason !== undefined ? { reason: answer.reason } : {}),
        durationMs,
      });
    } catch (error) {
      const tooLarge = error instanceof BodyTooLarge;
      if (!tooLarge && !(error instanceof BadAuthzRequest)) throw error;
      // dockerd refuses the API call when the plugin answers an error: the client sees this message.
      send(response, tooLarge ? 413 : 400, { Err: `dt10: ${error.message}` });
      const durationMs = finish('bad_request');
      log.write({
        source: 'authz',
        object,
        decision: 'error',
        rules: [],
        ...(user !== undefined ? { user } : {}),
        reason: `bad request: ${error.message}`,
        durationMs,
      });
    }
  }

  /** The request's answer, and what it asks for as the decision log names it. */
  private judgeRoute(route: Route, body: Buffer | undefined): { object: string; answer: Answer } {
    const { policy, mode, failurePolicy } = this.options;
    let judged: JudgedRequest;
    try {
      judged = judgedRequest(route, body);
    } catch (error) {
      if (error instanceof BadAuthzRequest) throw error;
      const object = `container ${route.kind}`;
      const reason =
        error instanceof BodyNotForwarded ? error.message : `reading the request failed: ${String(error)}`;
      return { object, answer: failureAnswer(object, reason, failurePolicy) };
    }
    const { object } = judged;
    let verdict: Verdict;
    try {
      verdict = restrict(this.judge(judged.workloads, policy, this.now()), judged);
    } catch (error) {
      const reason = `judging failed: ${error instanceof Error ? error.message : String(error)}`;
      return { object, answer: failureAnswer(object, reason, failurePolicy) };
    }
    if (verdict.errors.length > 0) {
      const reason = verdict.errors.map((e) => `${e.ruleId ?? 'dt10'}: ${e.message}`).join('; ');
      return { object, answer: failureAnswer(object, reason, failurePolicy) };
    }
    return { object, answer: answerFor(object, verdict, mode) };
  }
}

/** Removes a socket file no process listens on; refuses to touch anything else at the path. */
async function clearSocketPath(path: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = (await lstat(path)).isSocket();
  } catch {
    return;
  }
  if (!isSocket) throw new Error(`${path} exists and is not a socket: not replacing it`);
  const listening = await new Promise<boolean>((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  if (listening) throw new Error(`another process is listening on ${path}`);
  await rm(path, { force: true });
}

export async function startAuthzServer(options: AuthzServerOptions): Promise<AuthzServer> {
  const { socketPath } = options;
  const authorizer = new Authorizer(options);
  const server = http.createServer((request, response) => {
    const route = `${request.method} ${request.url}`;
    const handle = async (): Promise<void> => {
      if (route === 'POST /Plugin.Activate') {
        request.resume();
        send(response, 200, { Implements: ['authz'] });
      } else if (route === 'POST /AuthZPlugin.AuthZReq') {
        await authorizer.authorize(request, response);
      } else if (route === 'POST /AuthZPlugin.AuthZRes') {
        // Answers are not judged: drain the body (it may exceed any request limit) and allow.
        request.resume();
        const allow: AuthzResponse = { Allow: true };
        send(response, 200, allow);
      } else {
        request.resume();
        send(response, 404, { Err: `dt10: no such plugin endpoint: ${route}` });
      }
    };
    handle().catch((error: unknown) => {
      // A bug, not a request: refuse it (dockerd refuses the API call) and say why on standard error.
      process.stderr.write(
        `dt10 serve authz: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      if (!response.headersSent) send(response, 500, { Err: 'dt10: internal error' });
      else response.destroy();
    });
  });
  await mkdir(dirname(socketPath), { recursive: true });
  await clearSocketPath(socketPath);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closing: Promise<void> | undefined;
  return {
    socketPath,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await rm(socketPath, { force: true });
      })();
      return closing;
    },
  };
}
