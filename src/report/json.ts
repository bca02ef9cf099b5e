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

export function renderJson(result: ScanResult): string {
  const document = {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    findings: result.findings.map(findingJson),
    errors: result.errors.map(errorJson),
    summary: summarize(result),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
