// A verdict → the plugin's answer. dockerd shows a denial to the client as "Error response from daemon:
// authorization denied by plugin dt10: <Msg>", so the message names each rule and the `docker run` fix.
import type { Finding } from '../../core/finding.js';
import type { Decision } from '../decision-log.js';
import { describeFindingFor, ruleIds, type Verdict } from '../policy.js';
import type { AuthzResponse } from './protocol.js';

export type AuthzMode = 'enforce' | 'warn';
export type FailurePolicy = 'closed' | 'open';

/** `D04.privileged (critical): container "web" on the engine is privileged. Fix (docker run): drop --privileged` */
export function describeForDocker(finding: Finding): string {
  return describeFindingFor(finding, 'docker run');
}

export function denialMessage(object: string, denials: readonly Finding[]): string {
  return `dt10 refused ${object}: ${denials.map(describeForDocker).join('; ')}`;
}

export interface Answer {
  response: AuthzResponse;
  decision: Decision['decision'];
  rules: string[];
  /** Rules of the findings below the deny severity. */
  warnings?: string[];
  /** Why the request could not be judged. */
  reason?: string;
}

/** Denials refuse the request in enforce mode; in warn mode it is allowed and logged as `warn`. */
export function answerFor(object: string, verdict: Verdict, mode: AuthzMode): Answer {
  const warnings = ruleIds(verdict.warnings);
  const noted = warnings.length > 0 ? { warnings } : {};
  if (verdict.denials.length === 0)
    return { response: { Allow: true }, decision: 'allow', rules: [], ...noted };
  const rules = ruleIds(verdict.denials);
  if (mode === 'warn') return { response: { Allow: true }, decision: 'warn', rules, ...noted };
  return {
    response: { Allow: false, Msg: denialMessage(object, verdict.denials) },
    decision: 'deny',
    rules,
    ...noted,
  };
}

/** A request the plugin could not judge: closed refuses it, open lets it through. */
export function failureAnswer(object: string, reason: string, policy: FailurePolicy): Answer {
  if (policy === 'open') return { response: { Allow: true }, decision: 'error', rules: [], reason };
  return {
    response: {
      Allow: false,
      Msg: `dt10 could not judge ${object} and refuses it (--failure-policy closed): ${reason}`,
    },
    decision: 'error',
    rules: [],
    reason,
  };
}
