// Runs every rule over every subject of its kind. A rule that throws becomes a ScanError naming the rule
// and the subject; it never stops the scan or loses the findings other rules made.
import type { Subject } from '../subjects/index.js';
import type { Finding, ScanError } from './finding.js';
import type { AnyRule, Rule, RuleContext, Violation } from './rule.js';

export interface Evaluation {
  findings: Finding[];
  errors: ScanError[];
}

export function subjectPath(subject: Subject): string {
  return subject.kind === 'build' ? subject.path : subject.at.path;
}

export function subjectName(subject: Subject): string {
  switch (subject.kind) {
    case 'build':
      return subject.path;
    case 'workload':
      return subject.label;
    case 'deployment':
      return subject.name;
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
      const list = this.byKind.get(rule.subject) ?? [];
      list.push(rule);
      this.byKind.set(rule.subject, list);
    }
  }

  forSubject(subject: Subject): readonly AnyRule[] {
    return this.byKind.get(subject.kind) ?? [];
  }
}

function runCheck(rule: AnyRule, subject: Subject, context: RuleContext): Violation[] {
  // The kind match is guaranteed by RuleSet.forSubject; TypeScript cannot correlate the union by itself.
  return (rule as Rule<Subject['kind']>).check(subject as never, context);
}

export function evaluate(subjects: Iterable<Subject>, ruleSet: RuleSet, context: RuleContext): Evaluation {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  for (const subject of subjects) {
    for (const rule of ruleSet.forSubject(subject)) {
      try {
        for (const violation of runCheck(rule, subject, context)) findings.push(toFinding(rule, violation));
      } catch (error) {
        errors.push({
          path: subjectPath(subject),
          ruleId: rule.id,
          message: `rule ${rule.id} failed on ${subjectName(subject)}: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  }
  return { findings, errors };
}
