// The bar chart of findings per category: inline SVG, one bar per category D01–D10 (zero included, so
// a clean category is seen to be clean), each bar stacked by severity with the most severe at the base.
import { CATEGORIES, CATEGORY_IDS, type Category } from '../../core/category.js';
import type { Finding } from '../../core/finding.js';
import { SEVERITIES, type Severity } from '../../core/severity.js';
import { escapeHtml } from './escape.js';

const WIDTH = 800;
const HEIGHT = 280;
const TOP = 28;
const BASE = 236;
const LEFT = 16;
const SLOT = (WIDTH - 2 * LEFT) / CATEGORY_IDS.length;
const BAR = 44;

export type CategoryCounts = Record<Category, Record<Severity, number>>;

export function categoryCounts(findings: readonly Finding[]): CategoryCounts {
  const counts = Object.fromEntries(
    CATEGORY_IDS.map((c) => [c, Object.fromEntries(SEVERITIES.map((s) => [s, 0]))]),
  ) as CategoryCounts;
  for (const finding of findings) counts[finding.category][finding.severity]++;
  return counts;
}

export function total(counts: Record<Severity, number>): number {
  return SEVERITIES.reduce((sum, s) => sum + counts[s], 0);
}

function bar(category: Category, counts: Record<Severity, number>, index: number, scale: number): string {
  const count = total(counts);
  const x = LEFT + index * SLOT + (SLOT - BAR) / 2;
  const centre = x + BAR / 2;
  const parts: string[] = [];
  let y = BASE;
  for (const severity of SEVERITIES) {
    const n = counts[severity];
    if (n === 0) continue;
    const height = n * scale;
    y -= height;
    parts.push(
      `<rect class="sev-${severity}" x="${x}" y="${y.toFixed(2)}" width="${BAR}" height="${height.toFixed(2)}"><title>${category}: ${n} ${severity}</title></rect>`,
    );
  }
  const detail = SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
  const label = `${category} ${CATEGORIES[category]}: ${count} finding${count === 1 ? '' : 's'}${detail ? ` (${detail})` : ''}`;
  return [
    `<g class="bar" data-category="${category}" data-count="${count}" tabindex="0" role="button" aria-label="${escapeHtml(label)}">`,
    `<title>${escapeHtml(label)}</title>`,
    // A full-height hit area, so a category with few findings (or none) is as easy to click as the rest.
    `<rect class="hit" x="${LEFT + index * SLOT}" y="0" width="${SLOT}" height="${HEIGHT}"></rect>`,
    ...parts,
    `<text class="count" x="${centre}" y="${(y - 6).toFixed(2)}">${count}</text>`,
    `<text class="label" x="${centre}" y="${BASE + 20}">${category}</text>`,
    '</g>',
  ].join('');
}

export function categoryChart(counts: CategoryCounts): string {
  const max = Math.max(1, ...CATEGORY_IDS.map((c) => total(counts[c])));
  const scale = (BASE - TOP) / max;
  const legend = SEVERITIES.map(
    (s, i) =>
      `<g transform="translate(${LEFT + i * 110},${HEIGHT - 14})"><rect class="sev-${s}" width="12" height="12"></rect><text class="legend" x="18" y="10">${s}</text></g>`,
  ).join('');
  return [
    `<svg id="category-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="group" aria-label="Findings per OWASP Docker Top 10 category">`,
    `<line class="axis" x1="${LEFT}" x2="${WIDTH - LEFT}" y1="${BASE}" y2="${BASE}"></line>`,
    ...CATEGORY_IDS.map((c, i) => bar(c, counts[c], i, scale)),
    legend,
    '</svg>',
  ].join('\n');
}
