// One admission review, body in → HTTP answer out: parse, decide whether to judge, judge, answer; every
// answer is one decision log line and counted in the metrics. Nothing here knows HTTP routing or TLS.
import { performance } from 'node:perf_hooks';
import type { Decision, DecisionLog } from '../decision-log.js';
import type { ServerMetrics } from '../metrics.js';
import { judgeWorkloads, type ServePolicy, type Verdict } from '../policy.js';
import type { Workload } from '../../subjects/workload.js';
import { type DecisionOptions, failure, judged, type Outcome, reviewResponse, unjudged } from './decision.js';
import { type AdmissionRequest, parseReview } from './review.js';
import { notJudged, objectLabel, requestWorkloads } from './target.js';

export type Judge = (workloads: readonly Workload[], policy: ServePolicy, now: Date) => Verdict;

export interface AdmissionSettings extends Omit<DecisionOptions, 'denyAt'> {
  policy: ServePolicy;
  exemptNamespaces: ReadonlySet<string>;
  log: DecisionLog;
  metrics: ServerMetrics;
  /** Default `judgeWorkloads`; tests inject one that throws to see the failure policy answer. */
  judge?: Judge;
  clock?: () => Date;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

export class AdmissionHandler {
  private readonly judge: Judge;
  private readonly clock: () => Date;
  private readonly options: DecisionOptions;

  constructor(private readonly settings: AdmissionSettings) {
    this.judge = settings.judge ?? judgeWorkloads;
    this.clock = settings.clock ?? (() => new Date());
    this.options = {
      mode: settings.mode,
      failurePolicy: settings.failurePolicy,
      denyAt: settings.policy.denyAt,
    };
  }

  /** `started`: `performance.now()` when the request arrived, so the latency includes reading the body. */
  review(body: Buffer, started: number): HttpAnswer {
    const parsed = parseReview(body);
    if ('error' in parsed) return this.badRequest(400, parsed.error, started);
    const { request } = parsed;
    if ((request.operation === 'CREATE' || request.operation === 'UPDATE') && !request.object)
      return this.badRequest(400, `${request.operation} request ${request.uid} has no object`, started);
    const label = objectLabel(request);
    const outcome = this.decide(request, label);
    this.record(outcome, label, started, request);
    return { status: 200, contentType: 'application/json', body: reviewResponse(request.uid, outcome) };
  }

  /** A body that is no review (400) or too large to read (413): the API server applies its failure policy. */
  badRequest(status: 400 | 413, problem: string, started: number): HttpAnswer {
    this.settings.metrics.requests.inc({ decision: 'bad_request' });
    this.settings.metrics.latency.observe((performance.now() - started) / 1000);
    this.settings.log.write({
      source: 'admission',
      object: '(malformed request)',
      decision: 'error',
      rules: [],
      reason: `HTTP ${status}: ${problem}`,
      durationMs: performance.now() - started,
    });
    return { status, contentType: 'text/plain; charset=utf-8', body: `${problem}\n` };
  }

  private decide(request: AdmissionRequest, label: string): Outcome {
    if (this.settings.exemptNamespaces.has(request.namespace))
      return unjudged(`namespace ${request.namespace} is exempt`);
    try {
      const skipped = notJudged(request);
      if (skipped !== undefined) return unjudged(skipped);
      const workloads = requestWorkloads(request, request.object!);
      return judged(label, this.judge(workloads, this.settings.policy, this.clock()), this.options);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return failure(label, `internal error: ${message}`, this.options);
    }
  }

  private record(outcome: Outcome, label: string, started: number, request: AdmissionRequest): void {
    const durationMs = performance.now() - started;
    const { metrics } = this.settings;
    metrics.requests.inc({ decision: outcome.decision });
    if (outcome.decision === 'deny') for (const rule of outcome.rules) metrics.denials.inc({ rule });
    metrics.latency.observe(durationMs / 1000);
    const decision: Decision = {
      source: 'admission',
      object: label,
      decision: outcome.decision,
      rules: outcome.rules,
      ...(request.username !== undefined ? { user: request.username } : {}),
      uid: request.uid,
      ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
      durationMs,
    };
    this.settings.log.write(decision);
  }
}
