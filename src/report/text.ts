// `--format text`: findings grouped by file, then errors, then one summary line per category D01–D10.
// Colour only when the caller says the output is a colour terminal.
import pc from 'picocolors';
import { CATEGORIES, CATEGORY_IDS } from '../core/category.js';
import type { Finding, Suppression } from '../core/finding.js';
import { formatLocation, isSourceLocation, originOf } from '../core/location.js';
import type { Severity } from '../core/severity.js';
import type { ScanResult } from '../scan/pipeline.js';
import { severityCounts } from './summary.js';

type Colors = ReturnType<typeof pc.createColors>;

function severityColor(colors: Colors, severity: Severity): (text: string) => string {
  switch (severity) {
    case 'critical':
      return (t) => colors.bold(colors.magenta(t));
    case 'high':
      return colors.red;
    case 'medium':
      return colors.yellow;
    case 'low':
      return colors.cyan;
    default:
      return colors.gray;
  }
}

function suppressionSource(suppression: Suppression): string {
  switch (suppression.kind) {
    case 'inline':
      return `dt10-ignore at line ${suppression.at.line}`;
    case 'file':
      return `dt10-ignore-file at line ${suppression.at.line}`;
    case 'annotation':
      return `dt10.io/ignore annotation at line ${suppression.at.line}`;
    case 'config':
      return `${suppression.at.path}:${suppression.at.line}${suppression.until !== undefined ? ` until ${suppression.until}` : ''}`;
  }
}

/** ` and 2 engines (41 containers)`, when live engines were audited. */
function enginesText(result: ScanResult): string {
  const reached = result.engines.filter((engine) => engine.reachable);
  if (result.engines.length === 0) return '';
  const containers = reached.reduce((sum, engine) => sum + engine.containers, 0);
  const engines = `${reached.length} engine${reached.length === 1 ? '' : 's'}`;
  return ` and ${engines} (${containers} container${containers === 1 ? '' : 's'})`;
}

function groupKey(finding: Finding): string {
  return originOf(finding.location);
}

export function renderText(result: ScanResult, options: { color: boolean }): string {
  const colors = pc.createColors(options.color);
  const lines: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const key = groupKey(finding);
    const group = groups.get(key) ?? [];
    group.push(finding);
    groups.set(key, group);
  }
  // Rule ids line up in one column, as wide as the longest id reported.
  const idWidth = Math.max(0, ...result.findings.map((f) => f.ruleId.length));
  for (const [file, findings] of groups) {
    lines.push(colors.underline(file));
    for (const finding of findings) {
      const where = isSourceLocation(finding.location)
        ? `${finding.location.line}:${finding.location.column}`
        : `${finding.location.object}${finding.location.field !== undefined ? ` ${finding.location.field}` : ''}`;
      const severity = severityColor(colors, finding.severity)(finding.severity.padEnd(8));
      lines.push(
        `  ${where.padEnd(7)} ${severity} ${colors.dim(finding.ruleId.padEnd(idWidth))} ${finding.message}`,
      );
      if (finding.evidence !== undefined)
        lines.push(`  ${' '.repeat(7)} ${' '.repeat(8)} ${colors.dim(`evidence: ${finding.evidence}`)}`);
    }
    lines.push('');
  }
  if (result.suppressed.length > 0) {
    lines.push(colors.bold(`Suppressed (${result.suppressed.length})`));
    for (const finding of result.suppressed) {
      const suppression = finding.suppression!;
      lines.push(
        `  ${formatLocation(finding.location)}  ${colors.dim(finding.ruleId)}  ${finding.message}`,
        `    ${colors.dim(`accepted by ${suppressionSource(suppression)}: ${suppression.justification}`)}`,
      );
    }
    lines.push('');
  }
  if (result.staleSuppressions.length > 0) {
    lines.push(colors.bold('Stale suppressions'));
    for (const stale of result.staleSuppressions) {
      const why = stale.expired !== undefined ? `expired on ${stale.expired}` : 'matches no finding';
      lines.push(
        `  ${colors.cyan('info ')} ${formatLocation(stale.at)}  ${stale.ruleIds.join(', ')} ${why}: remove it or fix it`,
      );
    }
    lines.push('');
  }
  if (result.errors.length > 0) {
    lines.push(colors.bold('Errors'));
    for (const error of result.errors) {
      const where = formatLocation({
        path: error.path,
        line: error.line ?? 0,
        column: error.column ?? 0,
      }).replace(/:0:0$|:0$/, '');
      lines.push(`  ${colors.red('error')} ${where}  ${error.message}`);
    }
    lines.push('');
  }
  const total = result.findings.length;
  const counts = severityCounts(result.findings);
  lines.push(
    colors.bold(
      `${total} finding${total === 1 ? '' : 's'}${counts ? ` (${counts})` : ''} in ${result.filesScanned} file${result.filesScanned === 1 ? '' : 's'}${enginesText(result)}` +
        (result.suppressed.length > 0 ? `, ${result.suppressed.length} suppressed` : '') +
        (result.errors.length > 0
          ? `, ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`
          : ''),
    ),
  );
  if (result.baseline)
    lines.push(
      `  baseline ${result.baseline.path}: ${result.baseline.unchanged} known finding${result.baseline.unchanged === 1 ? '' : 's'} not shown, ${result.baseline.fixed} fixed`,
    );
  for (const category of CATEGORY_IDS) {
    const inCategory = result.findings.filter((f) => f.category === category);
    const detail = inCategory.length > 0 ? `  (${severityCounts(inCategory)})` : '';
    lines.push(
      `  ${category} ${CATEGORIES[category].padEnd(38)} ${String(inCategory.length).padStart(4)}${detail}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
