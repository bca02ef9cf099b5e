// Counts shared by every reporter: findings per severity and per category, in a fixed key order.
import { CATEGORY_IDS, type Category } from '../core/category.js';
import type { Finding } from '../core/finding.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import type { ScanResult } from '../scan/pipeline.js';

export interface Summary {
  filesScanned: number;
  /** Live engines audited: whether each answered and how many containers it has. */
  engines: { engine: string; reachable: boolean; containers: number }[];
  subjects: number;
  findings: number;
  /** Findings accepted with a reason (not counted in `findings`). */
  suppressed: number;
  staleSuppressions: number;
  errors: number;
  bySeverity: Record<Severity, number>;
  byCategory: Record<Category, number>;
}

export function summarize(result: ScanResult): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byCategory = Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])) as Record<Category, number>;
  for (const finding of result.findings) {
    bySeverity[finding.severity]++;
    byCategory[finding.category]++;
  }
  return {
    filesScanned: result.filesScanned,
    engines: result.engines,
    subjects: result.subjects,
    findings: result.findings.length,
    suppressed: result.suppressed.length,
    staleSuppressions: result.staleSuppressions.length,
    errors: result.errors.length,
    bySeverity,
    byCategory,
  };
}

export function severityCounts(findings: readonly Finding[]): string {
  const counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(
    ([, n]) => n > 0,
  );
  return counts.map(([s, n]) => `${n} ${s}`).join(', ');
}
