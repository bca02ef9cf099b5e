// The report's score: one number a reader can track from scan to scan, defined here and nowhere else.
import { CATEGORY_IDS, type Category } from '../../core/category.js';
import type { Finding } from '../../core/finding.js';
import type { Severity } from '../../core/severity.js';

/**
 * What one finding costs its category. A critical finding is an open door (privileged container, secret in
 * an image), so four of them empty a category; low findings are hygiene and only add up in numbers; info is
 * advice and costs nothing.
 */
export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  critical: 25,
  high: 10,
  medium: 3,
  low: 1,
  info: 0,
};

export interface CategoryScore {
  /** 100 minus the weights of the category's findings, at least 0. */
  score: number;
  /** No critical or high finding in the category. */
  passed: boolean;
}

export interface Score {
  /** The mean of the ten category scores, rounded down: 100 only when no finding costs anything. */
  overall: number;
  byCategory: Record<Category, CategoryScore>;
}

/**
 * Scores each OWASP category on its own, then averages the ten with equal weight: the Top 10 are ten
 * controls of equal standing, and a noisy category (many medium findings in D04) should not hide that the
 * other nine are in order. Suppressed findings are accepted risk and are not passed in.
 */
export function scoreFindings(findings: readonly Finding[]): Score {
  const cost = Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])) as Record<Category, number>;
  const severe = new Set<Category>();
  for (const finding of findings) {
    cost[finding.category] += SEVERITY_WEIGHTS[finding.severity];
    if (finding.severity === 'critical' || finding.severity === 'high') severe.add(finding.category);
  }
  const byCategory = Object.fromEntries(
    CATEGORY_IDS.map((c) => [c, { score: Math.max(0, 100 - cost[c]), passed: !severe.has(c) }]),
  ) as Record<Category, CategoryScore>;
  const total = CATEGORY_IDS.reduce((sum, c) => sum + byCategory[c].score, 0);
  return { overall: Math.floor(total / CATEGORY_IDS.length), byCategory };
}
