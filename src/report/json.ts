// `--format json`: the machine contract of DESIGN.md. Keys are written in a fixed order and absent
// values are null, so consumers and diffs see the same shape every time.
import type { Finding, ScanError, StaleSuppression, Suppression } from '../core/finding.js';
import type { ScanResult } from '../scan/pipeline.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { summarize } from './summary.js';

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

function findingsJson(findings: readonly Finding[], prints: ReadonlyMap<Finding, string>): string {
  if (findings.length === 0) return '[]';
  const compact = JSON.stringify(findings.map((finding) => findingJson(finding, prints.get(finding))));
  return `[\n    ${compact.slice(1, -1).replaceAll('},{"ruleId":', '},\n    {"ruleId":')}\n  ]`;
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
