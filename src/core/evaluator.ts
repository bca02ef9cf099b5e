// Runs every rule over every subject of its kind. A rule that throws becomes a ScanError naming the rule
// and the subject; it never stops the scan or loses the findings other rules made.
import type { Subject } from '../subjects/index.js';
import type { Finding, ScanError } from './finding.js';
import { listUpTo } from './list.js';
import { locationKey, placeOf } from './location.js';
import type { AnyRule, Rule, RuleContext, Violation } from './rule.js';

export interface Evaluation {
  findings: Finding[];
  errors: ScanError[];
}

/** The file a subject was read from, or `engine object` for a live engine's (`ScanError.path`). */
export function subjectPath(subject: Subject): string {
  if (subject.kind === 'build') return subject.path;
  if (subject.kind === 'host') return subject.root;
  return placeOf(subject.at);
}

export function subjectName(subject: Subject): string {
  switch (subject.kind) {
    case 'build':
      return subject.path;
    case 'workload':
      return subject.label;
    case 'deployment':
      return subject.name;
    case 'engine-config':
      return subject.label;
    case 'host':
      return subject.label;
    case 'image':
      return subject.reference !== undefined ? `image ${subject.reference}` : `image ${subject.name}`;
  }
}

export function toFinding(rule: AnyRule, violation: Violation): Finding {
  const finding: Finding = {
    ruleId: rule.id,
    category: rule.category,
    severity: violation.severity ?? rule.severity,
    title: rule.title,
    message: violation.message,
    location: violation.location,
    remediation: rule.remediation,
    cis: rule.cis,
    threats: rule.threats,
  };
  if (violation.evidence !== undefined) finding.evidence = violation.evidence;
  return finding;
}

export class RuleSet {
  private readonly byKind = new Map<Subject['kind'], AnyRule[]>();

  constructor(readonly rules: readonly AnyRule[]) {
    for (const rule of rules) {
      this.add(rule.subject, rule);
      // A Dockerfile rule that also judges what the Dockerfile builds: the same id over images.
      if (rule.checkImage !== undefined && rule.subject !== 'image') this.add('image', rule);
    }
  }

  private add(kind: Subject['kind'], rule: AnyRule): void {
    const list = this.byKind.get(kind) ?? [];
    list.push(rule);
    this.byKind.set(kind, list);
  }

  forSubject(subject: Subject): readonly AnyRule[] {
    return this.byKind.get(subject.kind) ?? [];
  }
}

function runCheck(rule: AnyRule, subject: Subject, context: RuleContext): Violation[] {
  if (subject.kind === 'image' && rule.subject !== 'image') return rule.checkImage!(subject, context);
  // The kind match is guaranteed by RuleSet.forSubject; TypeScript cannot correlate the union by itself.
  return (rule as Rule<Subject['kind']>).check(subject as never, context);
}

/**
 * How many other workloads a merged finding names: an image shared by a thousand containers would make a
 * message of 20,000 characters, which no one reads and every report, fingerprint and log line pays for.
 * Each of them has its own findings; the message names the first ones and counts the rest.
 */
const MAX_OTHERS_NAMED = 10;

/** A finding and the other workloads the same setting applies to. */
interface CollectedFinding {
  finding: Finding;
  /**
   * In the order first seen; a Set, since one image's finding may name a thousand containers. Made on the
   * first other workload: most findings have none, and a scan makes tens of thousands of findings.
   */
  others?: Set<string>;
}

/**
 * One setting, one finding: a pod-level `hostNetwork: true` is seen by every container of the pod, a
 * setting inherited through compose `extends` by every extending service. Findings of one rule at one
 * place are merged, and the message names the other workloads the setting applies to.
 */
class FindingCollector {
  private readonly entries: CollectedFinding[] = [];
  private readonly byPlace = new Map<string, CollectedFinding>();

  private static place(finding: Finding): string {
    return `${finding.ruleId}\u0000${locationKey(finding.location)}`;
  }

  add(finding: Finding, subjectName: string): void {
    const place = FindingCollector.place(finding);
    const existing = this.byPlace.get(place);
    if (!existing) {
      const entry: CollectedFinding = { finding };
      this.byPlace.set(place, entry);
      this.entries.push(entry);
      return;
    }
    if (existing.others?.has(subjectName) || existing.finding.message.startsWith(subjectName)) return;
    (existing.others ??= new Set()).add(subjectName);
  }

  finish(): Finding[] {
    for (const { finding, others } of this.entries)
      if (others) finding.message += ` (also applies to ${listUpTo(others, MAX_OTHERS_NAMED)})`;
    return this.entries.map((entry) => entry.finding);
  }
}

/**
 * Evaluation in steps: the scan evaluates each file's subjects as soon as the file is loaded, so that
 * only findings (and what must be grouped across files) stay in memory, then the cross-file subjects.
 */
export class Evaluator {
  private readonly collector = new FindingCollector();
  private readonly errors: ScanError[] = [];

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly context: RuleContext,
  ) {}

  run(subjects: Iterable<Subject>): void {
    for (const subject of subjects) {
      for (const rule of this.ruleSet.forSubject(subject)) {
        try {
          for (const violation of runCheck(rule, subject, this.context))
            this.collector.add(toFinding(rule, violation), subjectName(subject));
        } catch (error) {
          this.errors.push({
            path: subjectPath(subject),
            ruleId: rule.id,
            message: `rule ${rule.id} failed on ${subjectName(subject)}: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      }
    }
  }

  finish(): Evaluation {
    return { findings: this.collector.finish(), errors: this.errors };
  }
}

export function evaluate(subjects: Iterable<Subject>, ruleSet: RuleSet, context: RuleContext): Evaluation {
  const evaluator = new Evaluator(ruleSet, context);
  evaluator.run(subjects);
  return evaluator.finish();
}
