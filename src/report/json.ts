// `--format json`: the machine contract of DESIGN.md. Keys are written in a fixed order and absent
// values are null, so consumers and diffs see the same shape every time.
import type { Finding, ScanError } from '../core/finding.js';
import type { ScanResult } from '../scan/pipeline.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { summarize } from './summary.js';

function findingJson(finding: Finding): Record<string, unknown> {
  return {
    ruleId: finding.ruleId,
    category: finding.category,
    severity: finding.severity,
    title: finding.title,
    message: finding.message,
    location:
      'path' in finding.location
        ? { path: finding.location.path, line: finding.location.line, column: finding.location.column }
        : { engine: finding.location.engine, object: finding.location.object },
    evidence: finding.evidence ?? null,
    remediation: finding.remediation,
    cis: finding.cis,
    threats: finding.threats,
  };
}

function errorJson(error: ScanError): Record<string, unknown> {
  return {
    path: error.path,
    line: error.line ?? null,
    column: error.column ?? null,
    message: error.message,
    ruleId: error.ruleId ?? null,
  };
}

/** A list with one compact item per line: readable, greppable and diffable, and quick to write for 100k items. */
function itemPerLine(items: readonly unknown[]): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
}

export function renderJson(result: ScanResult): string {
  const tool = JSON.stringify({ name: TOOL_NAME, version: TOOL_VERSION });
  const summary = JSON.stringify(summarize(result), null, 2).replace(/\n/g, '\n  ');
  return [
    '{',
    `  "tool": ${tool},`,
    `  "findings": ${itemPerLine(result.findings.map(findingJson))},`,
    `  "errors": ${itemPerLine(result.errors.map(errorJson))},`,
    `  "summary": ${summary}`,
    '}',
    '',
  ].join('\n');
}
