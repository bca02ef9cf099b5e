// The JUnit XML report, parsed back as GitLab and Jenkins read it: testsuites › testsuite › testcase with
// failure, skipped or error; counts that add up; text that survives any character a finding can hold.
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, CATEGORY_IDS } from '../../src/core/category.js';
import { toFinding } from '../../src/core/evaluator.js';
import { formatLocation } from '../../src/core/location.js';
import { severityRank } from '../../src/core/severity.js';
import { renderJunit } from '../../src/report/junit.js';
import { catalogue } from '../../src/report/rules.js';
import { ALL_RULES } from '../../src/rules/index.js';
import type { ScanResult } from '../../src/scan/pipeline.js';
import { runCli } from '../run-cli.js';
import { insecureJson, type JsonFinding, scanDir, scanResult, tempTree } from './fixtures.js';

interface Outcome {
  message: string;
  type?: string;
  '#text'?: string;
}

interface TestCase {
  classname: string;
  name: string;
  file?: string;
  failure?: Outcome[];
  skipped?: Outcome[];
  error?: Outcome[];
}

interface TestSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  testcase?: TestCase[];
}

interface TestSuites {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  testsuite: TestSuite[];
}

const LISTS = new Set(['testsuite', 'testcase', 'failure', 'skipped', 'error']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Character references (&#10;) are decoded only with this on.
  htmlEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && LISTS.has(name),
});

/** Characters XML 1.0 does not allow in a document, even escaped. */
const FORBIDDEN_IN_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function parseJunit(xml: string): TestSuites {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(FORBIDDEN_IN_XML);
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  return (parser.parse(xml) as { testsuites: TestSuites }).testsuites;
}

function casesOf(suite: TestSuite): TestCase[] {
  return suite.testcase ?? [];
}

/** Every count the report states is the count of what it contains. */
function expectCountsAddUp(report: TestSuites): void {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const suite of report.testsuite) {
    const cases = casesOf(suite);
    const count = (outcome: 'failure' | 'error' | 'skipped'): number =>
      cases.filter((c) => c[outcome] !== undefined).length;
    expect(Number(suite.tests), suite.name).toBe(cases.length);
    expect(Number(suite.failures), suite.name).toBe(count('failure'));
    expect(Number(suite.errors), suite.name).toBe(count('error'));
    expect(Number(suite.skipped), suite.name).toBe(count('skipped'));
    tests += cases.length;
    failures += count('failure');
    errors += count('error');
    skipped += count('skipped');
  }
  expect(Number(report.tests)).toBe(tests);
  expect(Number(report.failures)).toBe(failures);
  expect(Number(report.errors)).toBe(errors);
  expect(Number(report.skipped)).toBe(skipped);
}

const OPTIONS = { color: false, rules: ALL_RULES };

describe('examples/insecure through the CLI', () => {
  const run = runCli(['scan', 'examples/insecure', '--format', 'junit', '--now', '2026-11-01']);
  const report = parseJunit(run.stdout);
  const json = insecureJson().report;

  it('has one suite per category, D01 to D10, and no error suite', () => {
    expect(run.status).toBe(1);
    expect(report.name).toBe('dt10');
    expect(report.testsuite.map((suite) => suite.name)).toEqual(
      CATEGORY_IDS.map((category) => `${category} ${CATEGORIES[category]}`),
    );
  });

  it('states counts that match its test cases', () => {
    expectCountsAddUp(report);
    expect(Number(report.failures)).toBeGreaterThan(10);
    expect(Number(report.errors)).toBe(0);
  });

  it('has one failing case per rule and file with findings, listing each finding with the fix', () => {
    const pairs = new Map<string, JsonFinding[]>();
    for (const finding of json.findings) {
      const key = `${finding.ruleId} ${finding.location.path}`;
      pairs.set(key, [...(pairs.get(key) ?? []), finding]);
    }
    const failing = report.testsuite.flatMap(casesOf).filter((c) => c.failure !== undefined);
    expect(failing.map((c) => `${c.classname} ${c.name}`).sort()).toEqual([...pairs.keys()].sort());
    for (const testCase of failing) {
      const findings = pairs.get(`${testCase.classname} ${testCase.name}`)!;
      expect(testCase.file).toBe(testCase.name);
      expect(testCase.failure).toHaveLength(1);
      const failure = testCase.failure![0]!;
      const worst = findings.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
      expect(failure.type).toBe(worst.severity);
      if (findings.length === 1) expect(failure.message).toBe(findings[0]!.message);
      else expect(failure.message).toMatch(new RegExp(`^${findings.length} findings of `));
      const body = failure['#text']!;
      for (const finding of findings) {
        const { line, column } = finding.location;
        expect(body).toContain(`${line}:${column} ${finding.severity} ${finding.message}`);
        if (finding.evidence !== null) expect(body).toContain(`evidence: ${finding.evidence}`);
      }
      expect(body).toContain('Fix: ');
    }
  });

  it('puts each case in the suite of its rule category, with one passing case per rule that found nothing', () => {
    const reported = new Set(json.findings.map((f) => f.ruleId));
    for (const suite of report.testsuite) {
      const category = suite.name.slice(0, 3);
      for (const testCase of casesOf(suite)) expect(testCase.classname.startsWith(`${category}.`)).toBe(true);
      const passing = casesOf(suite).filter((c) => c.failure === undefined);
      const silent = catalogue(ALL_RULES)
        .filter((rule) => rule.category === category && !reported.has(rule.id))
        .map((rule) => rule.id);
      expect(passing.map((c) => c.classname)).toEqual(silent);
      for (const testCase of passing) expect(testCase.name).toBe('no findings');
    }
  });
});

describe('examples/hardened through the CLI', () => {
  it('passes every rule: one passing case each, no failure', () => {
    const run = runCli(['scan', 'examples/hardened', '--format', 'junit', '--now', '2026-11-01']);
    const report = parseJunit(run.stdout);
    expectCountsAddUp(report);
    expect(Number(report.failures)).toBe(0);
    expect(Number(report.tests)).toBe(catalogue(ALL_RULES).length);
    expect(report.testsuite).toHaveLength(10);
  });
});

describe('suppressed findings and errors', () => {
  it('skips suppressed findings with their reason and lists errors in a suite of their own', async () => {
    const dir = tempTree({
      Dockerfile: 'FROM alpine:3.20\nUSER root\n',
      'compose.yaml': 'services:\n  web:\n    image: [unclosed\n',
    });
    const scanned = await scanDir(dir);
    const accepted = scanned.findings.find((f) => f.ruleId === 'D01.image-root-user')!;
    accepted.suppression = {
      kind: 'inline',
      justification: 'the entrypoint drops to uid 10001',
      at: { path: join(dir, 'Dockerfile'), line: 2, column: 1 },
    };
    const result: ScanResult = {
      ...scanned,
      findings: scanned.findings.filter((f) => f !== accepted),
      suppressed: [accepted],
    };
    const report = parseJunit(renderJunit(result, OPTIONS));
    expectCountsAddUp(report);

    const d01 = report.testsuite.find((suite) => suite.name.startsWith('D01 '))!;
    const skipped = casesOf(d01).filter((c) => c.skipped !== undefined);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({
      classname: 'D01.image-root-user',
      name: formatLocation(accepted.location),
    });
    expect(skipped[0]!.skipped![0]!.message).toBe('suppressed: the entrypoint drops to uid 10001');
    // A rule with only a suppressed finding is no passing case too.
    expect(casesOf(d01).filter((c) => c.classname === 'D01.image-root-user')).toHaveLength(1);

    const errors = report.testsuite.at(-1)!;
    expect(errors.name).toBe('dt10 errors');
    expect(casesOf(errors)).toHaveLength(1);
    const [error] = casesOf(errors);
    expect(error!.name).toBe(
      `${join(dir, 'compose.yaml')}:${scanned.errors[0]!.line}:${scanned.errors[0]!.column}`,
    );
    expect(error!.error![0]!.message).toMatch(/^YAML: /);
    expect(Number(report.errors)).toBe(1);
  });
});

describe('escaping', () => {
  const rule = ALL_RULES.find((r) => r.id === 'D04.privileged')!;
  // Every character XML treats specially, a bell, a NUL, a tab, a CR, a lone surrogate, and a CDATA end.
  const message = `service "a<b>" & 'c' rings \u0007, ends\u0000 here\tthen\r\nnext ]]> \uD800 done`;
  const path = 'deploy/a&b "quoted" <dir>.yaml';
  const finding = toFinding(rule, {
    message,
    location: { path, line: 3, column: 7 },
    evidence: 'privileged: true # ]]> <!-- -->',
  });

  it('keeps every allowed character and replaces the ones XML 1.0 forbids', () => {
    const xml = renderJunit(scanResult({ findings: [finding] }), OPTIONS);
    // Tab, CR and newline as references: a parser would turn them into spaces in an attribute.
    expect(xml).toContain(
      `message="service &quot;a&lt;b&gt;&quot; &amp; 'c' rings \uFFFD, ends\uFFFD here&#9;then&#13;&#10;next ]]&gt; \uFFFD done"`,
    );
    const report = parseJunit(xml);
    const testCase = casesOf(report.testsuite.find((s) => s.name.startsWith('D04 '))!).find(
      (c) => c.failure !== undefined,
    )!;
    expect(testCase.classname).toBe('D04.privileged');
    expect(testCase.name).toBe(path);
    expect(testCase.file).toBe(path);
    const safe = message.replace(/[\u0000\u0007\uD800]/g, '\uFFFD');
    expect(testCase.failure![0]!.message).toBe(safe);
    const body = testCase.failure![0]!['#text']!;
    expect(body).toContain(`3:7 critical ${safe}`);
    expect(body).toContain('evidence: privileged: true # ]]> <!-- -->');
  });

  it('names an engine object as the subject, with no file', () => {
    const engineRule = ALL_RULES.find((r) => r.id === 'D04.live-restore-disabled')!;
    const engineFinding = toFinding(engineRule, {
      message: 'live-restore is off',
      location: { engine: 'unix:///run/docker.sock', object: 'daemon' },
    });
    const report = parseJunit(renderJunit(scanResult({ findings: [engineFinding] }), OPTIONS));
    const failing = report.testsuite.flatMap(casesOf).filter((c) => c.failure !== undefined);
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({
      classname: 'D04.live-restore-disabled',
      name: 'unix:///run/docker.sock/daemon',
    });
    expect(failing[0]!.file).toBeUndefined();
    expect(failing[0]!.failure![0]!['#text']).toContain(`daemon ${engineRule.severity} live-restore is off`);
  });
});
