// `--format markdown`: a compact report for a pull-request comment: counts first, then a capped table of
// findings, each rule id linked to its documentation.
import { CATEGORY_IDS, type Category } from '../core/category.js';
import type { Finding } from '../core/finding.js';
import { isSourceLocation, originOf } from '../core/location.js';
import type { ScanResult } from '../scan/pipeline.js';
import { ruleDocUrl } from './rules.js';
import { severityCounts } from './summary.js';

/** A comment of a few hundred rows is still read; GitHub refuses comments over 65,536 characters anyway. */
export const MAX_ROWS = 200;
const MAX_ERRORS = 20;

/**
 * Text in a table cell: Markdown punctuation that would format, link, hide (`<tag>`) or end the cell (`|`)
 * is backslash-escaped, and line breaks become `<br>`, since a cell is one line.
 */
export function escapeCell(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, '\\$&').replace(/\r\n|\r|\n/g, '<br>');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function where(finding: Finding): string {
  return isSourceLocation(finding.location)
    ? `${finding.location.path}:${finding.location.line}`
    : `${originOf(finding.location)} ${finding.location.object}`;
}

function heading(result: ScanResult): string {
  const total = result.findings.length;
  const counts = severityCounts(result.findings);
  const found = total === 0 ? 'no findings' : `${plural(total, 'finding')} (${counts})`;
  return `### dt10: ${found} in ${plural(result.filesScanned, 'file')}`;
}

function categoryTable(findings: readonly Finding[]): string[] {
  const counts = new Map<Category, number>(CATEGORY_IDS.map((category) => [category, 0]));
  for (const finding of findings) counts.set(finding.category, counts.get(finding.category)! + 1);
  return [
    `| ${CATEGORY_IDS.join(' | ')} |`,
    `|${' ---: |'.repeat(CATEGORY_IDS.length)}`,
    `| ${CATEGORY_IDS.map((category) => counts.get(category)).join(' | ')} |`,
  ];
}

function findingsTable(findings: readonly Finding[]): string[] {
  // One link per rule id, not one ruleDocUrl per row.
  const links = new Map<string, string>();
  const link = (finding: Finding): string => {
    let cell = links.get(finding.ruleId);
    if (cell === undefined) {
      cell = `[${escapeCell(finding.ruleId)}](${ruleDocUrl({ id: finding.ruleId, title: finding.title })})`;
      links.set(finding.ruleId, cell);
    }
    return cell;
  };
  const lines = ['| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |'];
  for (const finding of findings.slice(0, MAX_ROWS))
    lines.push(
      `| ${finding.severity} | ${link(finding)} | ${escapeCell(where(finding))} | ${escapeCell(finding.message)} |`,
    );
  if (findings.length > MAX_ROWS)
    lines.push(
      '',
      `… and ${findings.length - MAX_ROWS} more; the full list is in \`--format sarif\` or \`json\`.`,
    );
  return lines;
}

/** Suppressed, stale and error counts on one line, then the errors themselves. */
function otherOutcomes(result: ScanResult): string[] {
  const parts: string[] = [];
  if (result.suppressed.length > 0) parts.push(`${result.suppressed.length} suppressed`);
  if (result.staleSuppressions.length > 0)
    parts.push(plural(result.staleSuppressions.length, 'stale suppression'));
  if (result.baseline !== undefined)
    parts.push(
      `${result.baseline.unchanged} unchanged and ${result.baseline.fixed} fixed since the baseline ${escapeCell(result.baseline.path)}`,
    );
  if (result.errors.length > 0) parts.push(plural(result.errors.length, 'error'));
  if (parts.length === 0) return [];
  const lines = ['', `${parts.join(' · ')}`];
  if (result.errors.length > 0) {
    lines.push('');
    for (const error of result.errors.slice(0, MAX_ERRORS)) {
      const at = [error.path, error.line].filter((part) => part !== undefined).join(':');
      lines.push(`- ${escapeCell(at)}: ${escapeCell(error.message)}`);
    }
    if (result.errors.length > MAX_ERRORS) lines.push(`- … and ${result.errors.length - MAX_ERRORS} more`);
  }
  return lines;
}

export function renderMarkdown(result: ScanResult): string {
  const lines = [heading(result)];
  if (result.findings.length > 0)
    lines.push('', ...categoryTable(result.findings), '', ...findingsTable(result.findings));
  lines.push(...otherOutcomes(result));
  return `${lines.join('\n')}\n`;
}
