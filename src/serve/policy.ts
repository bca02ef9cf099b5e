// The policy an admission server applies: the workload rules a config keeps, its settings, its rule-wide
// `ignore:` entries, and the severity at which a finding denies. Both servers (Kubernetes admission and the
// Docker authorization plugin) judge workloads with it, so a cluster and an engine enforce the same rules
// the CI scan reports.
import { configuredScan } from '../cli/scan.js';
import { dayOf } from '../config/days.js';
import { UsageError } from '../cli/exit.js';
import { evaluate, RuleSet } from '../core/evaluator.js';
import type { Finding, ScanError } from '../core/finding.js';
import type { AnyRule } from '../core/rule.js';
import type { RuleSettings } from '../core/settings.js';
import { isAtLeast, isSeverity, SEVERITIES, type Severity } from '../core/severity.js';
import type { Workload } from '../subjects/workload.js';

export interface ServePolicy {
  /** Workload rules only: a request carries one workload, never a namespace, a network or an engine. */
  rules: readonly AnyRule[];
  ruleSet: RuleSet;
  settings: RuleSettings;
  /** Findings at or above this severity deny; `none`: nothing denies (every finding is a warning). */
  denyAt: Severity | 'none';
  /** Rules (or categories) the config accepts everywhere: `ignore:` entries without a path. */
  accepted: readonly { rule: string; reason: string; until?: string }[];
}

export interface ServePolicyOptions {
  /** `--config FILE`; without it the defaults apply (no config is searched for: a server has no project). */
  config?: string;
  /** `--deny-on SEVERITY|none`; default: the config's `failOn`, else `high`. */
  denyOn?: string;
}

function parseDenyOn(value: string): Severity | 'none' {
  const lower = value.toLowerCase();
  if (lower === 'none' || isSeverity(lower)) return lower;
  throw new UsageError(`--deny-on must be one of ${[...SEVERITIES, 'none'].join(', ')}; got "${value}"`);
}

export async function loadServePolicy(options: ServePolicyOptions): Promise<ServePolicy> {
  const configured = await configuredScan([], options.config ?? false);
  const rules = configured.rules.filter((rule) => rule.subject === 'workload');
  // A path-scoped entry names files, which an admission request does not have: only rule-wide ones apply.
  const accepted = (configured.configIgnores ?? [])
    .filter((entry) => entry.path === undefined)
    .map(({ rule, reason, until }) => (until !== undefined ? { rule, reason, until } : { rule, reason }));
  return {
    rules,
    ruleSet: new RuleSet(rules),
    settings: configured.settings,
    denyAt: options.denyOn !== undefined ? parseDenyOn(options.denyOn) : configured.failOn,
    accepted,
  };
}

export interface Verdict {
  /** Findings at or above the policy's severity: the request is refused for them (in enforce mode). */
  denials: Finding[];
  /** Findings below it: the request is admitted with them as warnings. */
  warnings: Finding[];
  /** Rules that failed to run: the caller applies its failure policy. */
  errors: ScanError[];
}

/**
 * Judges workloads as a scan would. A rule the config accepts (an `ignore:` entry whose `until` has not passed) is left
 * out. Suppression annotations and comments in the request itself are not honoured: they are written by
 * whoever asks for admission, and a request must not be able to waive the policy that judges it.
 */
export function judgeWorkloads(workloads: readonly Workload[], policy: ServePolicy, now: Date): Verdict {
  const { findings, errors } = evaluate(workloads, policy.ruleSet, { now, settings: policy.settings });
  const verdict: Verdict = { denials: [], warnings: [], errors };
  const today = policy.accepted.length > 0 ? dayOf(now) : '';
  const accepted = new Set(
    policy.accepted.filter((entry) => entry.until === undefined || today <= entry.until).map((e) => e.rule),
  );
  for (const finding of findings) {
    if (accepted.has(finding.ruleId) || accepted.has(finding.category)) continue;
    const denies = policy.denyAt !== 'none' && isAtLeast(finding.severity, policy.denyAt);
    (denies ? verdict.denials : verdict.warnings).push(finding);
  }
  return verdict;
}

/** Formats a remediation names on lines of their own (`docker run: drop --privileged`). */
export type FixFormat = 'docker run' | 'Kubernetes' | 'compose';

/** The remediation's line for `format` when it has one (what the requester wrote), else its first line. */
export function fixFor(finding: Finding, format?: FixFormat): string {
  const lines = finding.remediation.split('\n');
  if (format !== undefined) {
    const prefix = `${format.toLowerCase()}:`;
    for (const line of lines) {
      const trimmed = line.trim();
      if (trimmed.toLowerCase().startsWith(prefix))
        return `Fix (${format}): ${trimmed.slice(prefix.length).trim()}`;
    }
  }
  const first = lines[0]?.trim().replace(/:$/, '') ?? '';
  return first !== '' ? `Fix: ${first}` : '';
}

/** `D04.privileged (critical): container "web" is privileged. Fix: Remove privileged mode …` */
export function describeFinding(finding: Finding): string {
  return describeFindingFor(finding);
}

/** The same, with the fix as written for `format`: `… Fix (docker run): drop --privileged`. */
export function describeFindingFor(finding: Finding, format?: FixFormat): string {
  const fix = fixFor(finding, format);
  return `${finding.ruleId} (${finding.severity}): ${finding.message}${fix !== '' ? `. ${fix}` : ''}`;
}

/** The rule ids of findings, each once, in order. */
export function ruleIds(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((finding) => finding.ruleId))];
}
