// `--format junit`: JUnit XML for CI test dashboards (GitLab, Jenkins, Azure DevOps). Each category D01–D10
// is a test suite; each rule that found something in a file is a failing test case, each rule that found
// nothing one passing case, each suppressed finding a skipped case; scan errors are a suite of their own.
import { CATEGORIES, CATEGORY_IDS, type Category } from '../core/category.js';
import type { Finding, ScanError } from '../core/finding.js';
import { isImageLocation, isSourceLocation, originOf } from '../core/location.js';
import { severityRank } from '../core/severity.js';
import type { ScanResult } from '../scan/pipeline.js';
import type { RenderOptions } from './index.js';
import { catalogue } from './rules.js';

/**
 * Characters XML 1.0 cannot hold at all, not even as character references: C0 controls other than tab,
 * newline and carriage return, lone surrogates, U+FFFE and U+FFFF. They become U+FFFD.
 */
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NEEDS_TEXT_ESCAPE = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NEEDS_ATTRIBUTE_ESCAPE = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

const TEXT_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
// A parser normalizes a literal tab or newline in an attribute to a space; references keep them.
const ATTRIBUTE_ENTITY: Record<string, string> = {
  ...TEXT_ENTITY,
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
};

function escapeText(value: string): string {
  if (!NEEDS_TEXT_ESCAPE.test(value)) return value;
  return value.replace(FORBIDDEN, '\uFFFD').replace(/[&<>\r]/g, (c) => TEXT_ENTITY[c]!);
}

function escapeAttribute(value: string): string {
  if (!NEEDS_ATTRIBUTE_ESCAPE.test(value)) return value;
  return value.replace(FORBIDDEN, '\uFFFD').replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ENTITY[c]!);
}

/** ` name="value"` for each value given; an undefined value leaves its attribute out. */
function attributes(values: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    parts.push(` ${name}="${typeof value === 'number' ? value : escapeAttribute(value)}"`);
  }
  return parts.join('');
}

/** What a test case is about: a file, or an object of an engine. */
function subjectName(finding: Finding): string {
  return isSourceLocation(finding.location)
    ? finding.location.path
    : `${originOf(finding.location)}/${finding.location.object}`;
}

function findingLine(finding: Finding): string {
  const where = isSourceLocation(finding.location)
    ? `${finding.location.line}:${finding.location.column}`
    : finding.location.object;
  const line = `${where} ${finding.severity} ${finding.message}`;
  return finding.evidence === undefined ? line : `${line}\n  evidence: ${finding.evidence}`;
}

interface Suite {
  name: string;
  cases: string[];
  failures: number;
  errors: number;
  skipped: number;
}

function suiteXml(suite: Suite): string {
  const head = `  <testsuite${attributes({
    name: suite.name,
    tests: suite.cases.length,
    failures: suite.failures,
    errors: suite.errors,
    skipped: suite.skipped,
  })}`;
  if (suite.cases.length === 0) return `${head}/>`;
  return [`${head}>`, ...suite.cases, '  </testsuite>'].join('\n');
}

/** Findings of one rule in one file or engine object: one failing test case. */
function failureCase(ruleId: string, subject: string, findings: readonly Finding[], fix: string): string {
  const first = findings[0]!;
  const worst = findings.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
  const message =
    findings.length === 1 ? first.message : `${findings.length} findings of ${ruleId}: ${first.title}`;
  const body = escapeText(findings.map(findingLine).join('\n'));
  // GitLab links a test case to its file; an engine object is no file.
  const file = isSourceLocation(first.location)
    ? subject
    : isImageLocation(first.location)
      ? first.location.archive
      : undefined;
  return [
    `    <testcase${attributes({ classname: ruleId, name: subject, file })}>`,
    `      <failure${attributes({ message, type: worst.severity })}>${body}\n${fix}</failure>`,
    '    </testcase>',
  ].join('\n');
}

function skippedCase(finding: Finding): string {
  const accepted = finding.suppression!;
  const at = `${accepted.at.path}:${accepted.at.line}`;
  const until = accepted.until === undefined ? '' : `, until ${accepted.until}`;
  const name = isSourceLocation(finding.location)
    ? `${finding.location.path}:${finding.location.line}:${finding.location.column}`
    : subjectName(finding);
  const body = `${findingLine(finding)}\nsuppressed (${accepted.kind}) at ${at}${until}`;
  return [
    `    <testcase${attributes({ classname: finding.ruleId, name })}>`,
    `      <skipped${attributes({ message: `suppressed: ${accepted.justification}` })}>${escapeText(body)}</skipped>`,
    '    </testcase>',
  ].join('\n');
}

function errorCase(error: ScanError): string {
  const where = [error.path, error.line, error.column].filter((part) => part !== undefined).join(':');
  const culprit = error.ruleId === undefined ? '' : ` (rule ${error.ruleId})`;
  return [
    `    <testcase${attributes({ classname: error.ruleId ?? 'dt10', name: where })}>`,
    `      <error${attributes({ message: error.message, type: 'scan error' })}>${escapeText(`${where}: ${error.message}${culprit}`)}</error>`,
    '    </testcase>',
  ].join('\n');
}

/** A rule's fix is the same in every file it fails in: escaped once, not once per test case. */
class FixTexts {
  private readonly escaped = new Map<string, string>();

  get(remediation: string): string {
    let text = this.escaped.get(remediation);
    if (text === undefined) {
      text = escapeText(`Fix: ${remediation}`);
      this.escaped.set(remediation, text);
    }
    return text;
  }
}

/** Findings by rule id, then by subject, in report order. */
function groupFindings(findings: readonly Finding[]): Map<string, Map<string, Finding[]>> {
  const byRule = new Map<string, Map<string, Finding[]>>();
  for (const finding of findings) {
    let bySubject = byRule.get(finding.ruleId);
    if (bySubject === undefined) byRule.set(finding.ruleId, (bySubject = new Map()));
    const subject = subjectName(finding);
    const list = bySubject.get(subject);
    if (list === undefined) bySubject.set(subject, [finding]);
    else list.push(finding);
  }
  return byRule;
}

function groupSuppressed(suppressed: readonly Finding[]): Map<string, Finding[]> {
  const byRule = new Map<string, Finding[]>();
  for (const finding of suppressed) {
    const list = byRule.get(finding.ruleId);
    if (list === undefined) byRule.set(finding.ruleId, [finding]);
    else list.push(finding);
  }
  return byRule;
}

export function renderJunit(result: ScanResult, options: RenderOptions): string {
  const failing = groupFindings(result.findings);
  const skipped = groupSuppressed(result.suppressed);
  // Rule ids per category: the catalogue's first, then any reported id the catalogue does not list.
  const ruleIds = new Map<Category, string[]>(CATEGORY_IDS.map((category) => [category, []]));
  const listed = new Set<string>();
  for (const rule of catalogue(options.rules)) {
    ruleIds.get(rule.category)!.push(rule.id);
    listed.add(rule.id);
  }
  for (const finding of [...result.findings, ...result.suppressed]) {
    if (listed.has(finding.ruleId)) continue;
    listed.add(finding.ruleId);
    ruleIds.get(finding.category)!.push(finding.ruleId);
  }

  const fixes = new FixTexts();
  const suites: Suite[] = [];
  for (const category of CATEGORY_IDS) {
    const suite: Suite = {
      name: `${category} ${CATEGORIES[category]}`,
      cases: [],
      failures: 0,
      errors: 0,
      skipped: 0,
    };
    for (const ruleId of ruleIds.get(category)!) {
      const bySubject = failing.get(ruleId);
      const accepted = skipped.get(ruleId);
      if (bySubject === undefined && accepted === undefined) {
        suite.cases.push(`    <testcase${attributes({ classname: ruleId, name: 'no findings' })}/>`);
        continue;
      }
      if (bySubject !== undefined) {
        for (const [subject, findings] of bySubject) {
          suite.cases.push(failureCase(ruleId, subject, findings, fixes.get(findings[0]!.remediation)));
          suite.failures++;
        }
      }
      for (const finding of accepted ?? []) {
        suite.cases.push(skippedCase(finding));
        suite.skipped++;
      }
    }
    suites.push(suite);
  }
  if (result.errors.length > 0)
    suites.push({
      name: 'dt10 errors',
      cases: result.errors.map(errorCase),
      failures: 0,
      errors: result.errors.length,
      skipped: 0,
    });

  const total = (count: (suite: Suite) => number): number => suites.reduce((sum, s) => sum + count(s), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({
      name: 'dt10',
      tests: total((s) => s.cases.length),
      failures: total((s) => s.failures),
      errors: total((s) => s.errors),
      skipped: total((s) => s.skipped),
    })}>`,
    ...suites.map(suiteXml),
    '</testsuites>',
    '',
  ].join('\n');
}
