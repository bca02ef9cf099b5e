// `--format json`: the machine contract of DESIGN.md. Keys are written in a fixed order and absent
// values are null, so consumers and diffs see the same shape every time.
import type { Finding, ScanError, StaleSuppression, Suppression } from '../core/finding.js';
import type { ScanResult } from '../scan/pipeline.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { summarize } from './summary.js';

/** A finding in the contract's key order, absent values null: what `JSON.stringify` writes for it. */
function findingJson(finding: Finding, fingerprint: string | undefined): Record<string, unknown> {
  return {
    ruleId: finding.ruleId,
    category: finding.category,
    severity: finding.severity,
    title: finding.title,
    message: finding.message,
    location: locationJson(finding.location),
    evidence: finding.evidence ?? null,
    fingerprint: fingerprint ?? null,
    suppression: finding.suppression ? suppressionJson(finding.suppression) : null,
    remediation: finding.remediation,
    cis: finding.cis,
    threats: finding.threats,
  };
}

function locationJson(location: Finding['location']): Record<string, unknown> {
  if ('engine' in location)
    return { engine: location.engine, object: location.object, field: location.field ?? null };
  if ('image' in location)
    return {
      image: location.image,
      ...(location.archive !== undefined ? { archive: location.archive } : {}),
      object: location.object,
      field: location.field ?? null,
    };
  return { path: location.path, line: location.line, column: location.column };
}

/**
 * The findings, one per line. Each thousand are written by one `JSON.stringify` (native, and twice as
 * quick as joining a string per finding) and broken into lines between items: every item opens with
 * `{"ruleId":`, and inside a JSON string a quote is always escaped, so `},{"ruleId":` occurs only between
 * two items. A thousand at a time, no copy of the whole list is made before the final join.
 */
const FINDINGS_PER_CALL = 1000;

function findingsJson(findings: readonly Finding[], prints: ReadonlyMap<Finding, string>): string {
  if (findings.length === 0) return '[]';
  const parts: string[] = [];
  for (let start = 0; start < findings.length; start += FINDINGS_PER_CALL) {
    const some = findings.slice(start, start + FINDINGS_PER_CALL);
    const compact = JSON.stringify(some.map((finding) => findingJson(finding, prints.get(finding))));
    parts.push(compact.slice(1, -1).replaceAll('},{"ruleId":', '},\n    {"ruleId":'));
  }
  return `[\n    ${parts.join(',\n    ')}\n  ]`;
}

function suppressionJson(suppression: Suppression): Record<string, unknown> {
  return {
    kind: suppression.kind,
    justification: suppression.justification,
    at: { path: suppression.at.path, line: suppression.at.line, column: suppression.at.column },
    until: suppression.until ?? null,
  };
}

function staleJson(stale: StaleSuppression): Record<string, unknown> {
  return {
    kind: stale.kind,
    ruleIds: stale.ruleIds,
    justification: stale.justification,
    at: { path: stale.at.path, line: stale.at.line, column: stale.at.column },
    expired: stale.expired ?? null,
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
function itemPerLine(items: readonly string[]): string {
  if (items.length === 0) return '[]';
  return `[\n    ${items.join(',\n    ')}\n  ]`;
}

export function renderJson(result: ScanResult): string {
  const prints = result.fingerprints;
  const tool = JSON.stringify({ name: TOOL_NAME, version: TOOL_VERSION });
  const summary = JSON.stringify(summarize(result), null, 2).replace(/\n/g, '\n  ');
  return [
    '{',
    `  "tool": ${tool},`,
    `  "findings": ${findingsJson(result.findings, prints)},`,
    `  "suppressed": ${findingsJson(result.suppressed, prints)},`,
    `  "staleSuppressions": ${itemPerLine(result.staleSuppressions.map((stale) => JSON.stringify(staleJson(stale))))},`,
    `  "baseline": ${result.baseline ? JSON.stringify(result.baseline) : 'null'},`,
    `  "errors": ${itemPerLine(result.errors.map((error) => JSON.stringify(errorJson(error))))},`,
    `  "summary": ${summary}`,
    '}',
    '',
  ].join('\n');
}
