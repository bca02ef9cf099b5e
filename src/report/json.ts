// `--format json`: the machine contract of DESIGN.md. Keys are written in a fixed order and absent
// values are null, so consumers and diffs see the same shape every time.
import type { Finding, ScanError } from '../core/finding.js';
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

  write(finding: Finding): string {
    const location =
      'path' in finding.location
        ? { path: finding.location.path, line: finding.location.line, column: finding.location.column }
        : { engine: finding.location.engine, object: finding.location.object };
    return (
      this.head(finding) +
      `"severity":${JSON.stringify(finding.severity)},"title":${JSON.stringify(finding.title)},` +
      `"message":${JSON.stringify(finding.message)},"location":${JSON.stringify(location)},` +
      `"evidence":${JSON.stringify(finding.evidence ?? null)},` +
      this.tail(finding)
    );
  }
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
  const tool = JSON.stringify({ name: TOOL_NAME, version: TOOL_VERSION });
  const summary = JSON.stringify(summarize(result), null, 2).replace(/\n/g, '\n  ');
  return [
    '{',
    `  "tool": ${tool},`,
    `  "findings": ${itemPerLine(result.findings.map((finding) => writer.write(finding)))},`,
    `  "errors": ${itemPerLine(result.errors.map((error) => JSON.stringify(errorJson(error))))},`,
    `  "summary": ${summary}`,
    '}',
    '',
  ].join('\n');
}
