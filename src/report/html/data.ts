// The findings as the page's script reads them: compact rows that point into shared tables, since a
// report of 30,000 findings would otherwise repeat each rule's remediation thousands of times.
import { THREATS } from '../../core/category.js';
import type { Finding } from '../../core/finding.js';
import { isSourceLocation, objectOf, originOf } from '../../core/location.js';
import { SEVERITIES } from '../../core/severity.js';
import type { ScanResult } from '../../scan/pipeline.js';
import { ruleDocUrl } from '../rules.js';

/** What findings of one rule share. Keyed by content, not id: one id can carry two remediations. */
export interface ClientRule {
  id: string;
  title: string;
  category: string;
  remediation: string;
  cis: string[];
  threats: number[];
  doc: string;
}

/**
 * `[rule, severity, place, line, column, object, message, evidence]`: indexes into `rules`, SEVERITIES and
 * `places` (a file path, or an engine's name); line and column for a file, `object` for an engine.
 */
export type ClientFinding = [
  number,
  number,
  number,
  number | null,
  number | null,
  string | null,
  string,
  string | null,
];

/** `[kind, justification, atPath, atLine, atColumn, until]` */
export type ClientSuppression = [string, string, string, number, number, string | null];

/** A suppressed finding: the finding, then its suppression (null only if the result lacks one). */
export type ClientSuppressed = [...ClientFinding, ClientSuppression | null];

export interface ClientData {
  severities: readonly string[];
  threats: Record<string, string>;
  rules: ClientRule[];
  places: string[];
  findings: ClientFinding[];
  suppressed: ClientSuppressed[];
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((item, i) => item === b[i]));
}

class Tables {
  readonly rules: ClientRule[] = [];
  readonly places: string[] = [];
  private readonly ruleIndex = new Map<string, number[]>();
  private readonly placeIndex = new Map<string, number>();

  rule(finding: Finding): number {
    const candidates = this.ruleIndex.get(finding.ruleId) ?? [];
    for (const index of candidates) {
      const rule = this.rules[index]!;
      if (
        rule.title === finding.title &&
        rule.remediation === finding.remediation &&
        sameList(rule.cis, finding.cis) &&
        sameList(rule.threats, finding.threats)
      )
        return index;
    }
    const index =
      this.rules.push({
        id: finding.ruleId,
        title: finding.title,
        category: finding.category,
        remediation: finding.remediation,
        cis: finding.cis,
        threats: finding.threats,
        doc: ruleDocUrl({ id: finding.ruleId, title: finding.title }),
      }) - 1;
    this.ruleIndex.set(finding.ruleId, [...candidates, index]);
    return index;
  }

  place(name: string): number {
    let index = this.placeIndex.get(name);
    if (index === undefined) {
      index = this.places.push(name) - 1;
      this.placeIndex.set(name, index);
    }
    return index;
  }

  finding(finding: Finding): ClientFinding {
    const location = finding.location;
    const source = isSourceLocation(location);
    return [
      this.rule(finding),
      SEVERITIES.indexOf(finding.severity),
      this.place(originOf(location)),
      source ? location.line : null,
      source ? location.column : null,
      source ? null : objectOf(location)!,
      finding.message,
      finding.evidence ?? null,
    ];
  }
}

export function clientData(result: ScanResult): ClientData {
  const tables = new Tables();
  const findings = result.findings.map((finding) => tables.finding(finding));
  const suppressed = result.suppressed.map((finding): ClientSuppressed => {
    const s = finding.suppression;
    // Shown even without its suppression: a finding left out of a security report is worse than a blank.
    const suppression: ClientSuppression | null = s
      ? [s.kind, s.justification, s.at.path, s.at.line, s.at.column, s.until ?? null]
      : null;
    return [...tables.finding(finding), suppression];
  });
  return {
    severities: SEVERITIES,
    threats: THREATS,
    rules: tables.rules,
    places: tables.places,
    findings,
    suppressed,
  };
}
