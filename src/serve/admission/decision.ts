// A verdict → the webhook's answer: allowed or not, the refusal's status, the warnings kubectl shows, and
// what the decision log records. Texts are bounded as the API server bounds them: it cuts each warning at
// 256 characters and drops warnings past 4,096 in all, so the webhook cuts first and says how many it left
// out; the refusal message gets the same 4,096.
import type { Decision } from '../decision-log.js';
import { describeFindingFor, ruleIds, type Verdict } from '../policy.js';
import { SEVERITIES, type Severity } from '../../core/severity.js';
import type { Finding } from '../../core/finding.js';

export type Mode = 'enforce' | 'warn';
export type FailurePolicy = 'fail' | 'ignore';

export const MAX_WARNING_CHARS = 256;
export const MAX_TOTAL_CHARS = 4096;
/** One finding's line in a refusal: long enough for any message, short enough that several fit. */
const MAX_LINE_CHARS = 1024;

export interface Outcome {
  allowed: boolean;
  /** Set when refused: 403 for a policy refusal, 500 when the webhook could not judge. */
  status?: { code: number; message: string };
  warnings: string[];
  decision: Decision['decision'];
  rules: string[];
  reason?: string;
}

export interface DecisionOptions {
  mode: Mode;
  failurePolicy: FailurePolicy;
  denyAt: Severity | 'none';
}

/** Control characters (a newline in a message) would break a warning header: they become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

const SURROGATE = /[\ud800-\udfff]/;

/** Characters as the API server counts them (code points); the UTF-16 length when no pair is there. */
function length(text: string): number {
  return SURROGATE.test(text) ? Array.from(text).length : text.length;
}

function cut(text: string, limit: number): string {
  if (length(text) <= limit) return text;
  const kept = SURROGATE.test(text)
    ? Array.from(text)
        .slice(0, limit - 1)
        .join('')
    : text.slice(0, limit - 1);
  return `${kept}…`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Lines that fit in `budget` characters (each line and its separator counted), the rest as "… and N more". */
function bounded(lines: readonly string[], budget: number, separator: number, noun: string): string[] {
  const more = (count: number): string => `… and ${plural(count, `more ${noun}`)}`;
  const kept: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    const left = lines.length - index - 1;
    // Room for this line, and for the "… and N more" line that must follow if later ones do not fit.
    const reserve = left > 0 ? separator + length(more(left)) : 0;
    if (used + length(line) + separator + reserve > budget) {
      kept.push(more(lines.length - index));
      return kept;
    }
    kept.push(line);
    used += length(line) + separator;
  }
  return kept;
}

function warningsOf(texts: readonly string[]): string[] {
  const lines = texts.map((text) => cut(oneLine(text), MAX_WARNING_CHARS));
  return bounded(lines, MAX_TOTAL_CHARS, 0, 'warning');
}

/** A finding with the fix as a Kubernetes manifest writes it: the requester wrote one. */
function describe(finding: Finding): string {
  return describeFindingFor(finding, 'Kubernetes');
}

function denialMessage(label: string, denials: readonly Finding[], denyAt: Severity | 'none'): string {
  const head = `dt10 denied ${label}: ${plural(denials.length, 'finding')} at or above ${denyAt}`;
  const lines = denials.map((finding) => `- ${cut(oneLine(describe(finding)), MAX_LINE_CHARS)}`);
  return [head, ...bounded(lines, MAX_TOTAL_CHARS - length(head) - 1, 1, 'finding')].join('\n');
}

/** An admission the webhook answers without judging (not a workload, an exempt namespace…). */
export function unjudged(reason: string): Outcome {
  return { allowed: true, warnings: [], decision: 'allow', rules: [], reason };
}

/** The webhook could not judge: the failure policy answers (warn mode always admits). */
export function failure(
  label: string,
  problem: string,
  options: DecisionOptions,
  warnings: string[] = [],
): Outcome {
  const message = `dt10 could not judge ${label}: ${problem}`;
  if (options.mode === 'enforce' && options.failurePolicy === 'fail')
    return {
      allowed: false,
      status: { code: 500, message: cut(message, MAX_TOTAL_CHARS) },
      warnings: warningsOf(warnings),
      decision: 'error',
      rules: [],
      reason: problem,
    };
  return {
    allowed: true,
    warnings: warningsOf([message, ...warnings]),
    decision: 'error',
    rules: [],
    reason: problem,
  };
}

/** Most severe first, so that what the limits cut off is the least severe. */
function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

export function judged(label: string, verdict: Verdict, options: DecisionOptions): Outcome {
  const refusing = options.mode === 'enforce' ? bySeverity(verdict.denials) : [];
  const warned = bySeverity(
    options.mode === 'enforce' ? verdict.warnings : [...verdict.denials, ...verdict.warnings],
  );
  const warnings = warned.map(describe);
  if (refusing.length > 0)
    return {
      allowed: false,
      status: { code: 403, message: denialMessage(label, refusing, options.denyAt) },
      warnings: warningsOf(warnings),
      decision: 'deny',
      rules: ruleIds(refusing),
      ...(verdict.errors.length > 0 ? { reason: verdict.errors.map((e) => e.message).join('; ') } : {}),
    };
  if (verdict.errors.length > 0)
    return failure(label, verdict.errors.map((error) => error.message).join('; '), options, warnings);
  return {
    allowed: true,
    warnings: warningsOf(warnings),
    decision: warned.length > 0 ? 'warn' : 'allow',
    rules: ruleIds(warned),
  };
}

/** The AdmissionReview the API server reads back. */
export function reviewResponse(uid: string, outcome: Outcome): string {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    response: {
      uid,
      allowed: outcome.allowed,
      ...(outcome.status ? { status: outcome.status } : {}),
      ...(outcome.warnings.length > 0 ? { warnings: outcome.warnings } : {}),
    },
  });
}
