// `--format json`: the machine contract of DESIGN.md. Keys are written in a fixed order and absent
// values are null, so consumers and diffs see the same shape every time.
import type { Finding, ScanError, StaleSuppression, Suppression } from '../core/finding.js';
import type { ScanResult } from '../scan/pipeline.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { summarize } from './summary.js';

/**
 * Writes one finding as compact JSON, keys in contract order. The parts every finding of a rule shares
 * (title, remediation, cis, threats) are serialized once per rule: escaping the same remediation text
 * for each of 100,000 findings was most of the cost of the report.
 */
class FindingWriter {
  private readonly heads = new Map<string, { title: string; json: string }>();
  private readonly tails = new Map<
    string,
    { remediation: string; cis: string[]; threats: number[]; json: string }
  >();

  private head(finding: Finding): string {
    const cached = this.heads.get(finding.ruleId);
    if (cached && cached.title === finding.title) return cached.json;
    const json = `{"ruleId":${JSON.stringify(finding.ruleId)},"category":${JSON.stringify(finding.category)},`;
    this.heads.set(finding.ruleId, { title: finding.title, json });
    return json;
  }

  private tail(finding: Finding): string {
    const cached = this.tails.get(finding.ruleId);
    if (
      cached &&
      cached.remediation === finding.remediation &&
      cached.cis === finding.cis &&
      cached.threats === finding.threats
    )
      return cached.json;
    const json = `"remediation":${JSON.stringify(finding.remediation)},"cis":${JSON.stringify(finding.cis)},"threats":${JSON.stringify(finding.threats)}}`;
    this.tails.set(finding.ruleId, {
      remediation: finding.remediation,
      cis: finding.cis,
      threats: finding.threats,
      json,
    });
    return json;
  }

  /** `"path":"…"` written once per file: a report repeats a few hundred paths thousands of times. */
  private readonly paths = new Map<string, string>();

  private locationJson(location: Finding['location']): string {
    if ('engine' in location)
      return JSON.stringify({
        engine: location.engine,
        object: location.object,
        field: location.field ?? null,
      });
    if ('image' in location)
      return JSON.stringify({
        image: location.image,
        ...(location.archive !== undefined ? { archive: location.archive } : {}),
        object: location.object,
        field: location.field ?? null,
      });
    let path = this.paths.get(location.path);
    if (path === undefined) {
      path = `{"path":${JSON.stringify(location.path)},"line":`;
      this.paths.set(location.path, path);
    }
    return `${path}${location.line},"column":${location.column}}`;
  }

  write(finding: Finding, fingerprint: string): string {
    return (
      this.head(finding) +
      `"severity":"${finding.severity}","title":${JSON.stringify(finding.title)},` +
      `"message":${JSON.stringify(finding.message)},"location":${this.locationJson(finding.location)},` +
      `"evidence":${finding.evidence === undefined ? 'null' : JSON.stringify(finding.evidence)},"fingerprint":"${fingerprint}",` +
      `"suppression":${finding.suppression ? JSON.stringify(suppressionJson(finding.suppression)) : 'null'},` +
      this.tail(finding)
    );
  }
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
  const writer = new FindingWriter();
  const prints = result.fingerprints;
  const findingsJson = (list: readonly Finding[]) =>
    itemPerLine(list.map((finding) => writer.write(finding, prints.get(finding)!)));
  const tool = JSON.stringify({ name: TOOL_NAME, version: TOOL_VERSION });
  const summary = JSON.stringify(summarize(result), null, 2).replace(/\n/g, '\n  ');
  return [
    '{',
    `  "tool": ${tool},`,
    `  "findings": ${findingsJson(result.findings)},`,
    `  "suppressed": ${findingsJson(result.suppressed)},`,
    `  "staleSuppressions": ${itemPerLine(result.staleSuppressions.map((stale) => JSON.stringify(staleJson(stale))))},`,
    `  "baseline": ${result.baseline ? JSON.stringify(result.baseline) : 'null'},`,
    `  "errors": ${itemPerLine(result.errors.map((error) => JSON.stringify(errorJson(error))))},`,
    `  "summary": ${summary}`,
    '}',
    '',
  ].join('\n');
}
