// What the report tests share: the JSON report's shape as a consumer reads it, builders for a ScanResult
// and a Finding with plain defaults, a temporary file tree, a scan of it, and the JSON report of
// examples/insecure from the built CLI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Category, Threat } from '../../src/core/category.js';
import { fingerprints } from '../../src/core/fingerprint.js';
import type { Finding, SuppressionKind } from '../../src/core/finding.js';
import type { Severity } from '../../src/core/severity.js';
import type { Summary } from '../../src/report/summary.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { type ScanResult, scan } from '../../src/scan/pipeline.js';
import { TEST_NOW, TEST_SETTINGS } from '../rule-tester.js';
import { runCli } from '../run-cli.js';
import { makeTempDir } from '../temp-dir.js';

/** A finding of `--format json`. Only file locations: examples/insecure has no engine finding. */
export interface JsonFinding {
  ruleId: string;
  category: Category;
  severity: Severity;
  title: string;
  message: string;
  location: { path: string; line: number; column: number };
  evidence: string | null;
  fingerprint: string;
  suppression: {
    kind: SuppressionKind;
    justification: string;
    at: { path: string; line: number; column: number };
    until: string | null;
  } | null;
  remediation: string;
  cis: string[];
  threats: Threat[];
}

/** The keys of a finding in `--format json`, in the contract's order. */
export const JSON_FINDING_KEYS = [
  'ruleId',
  'category',
  'severity',
  'title',
  'message',
  'location',
  'evidence',
  'fingerprint',
  'suppression',
  'remediation',
  'cis',
  'threats',
];

export interface JsonReport {
  findings: JsonFinding[];
  suppressed: JsonFinding[];
  summary: Summary;
}

/** A scan result with nothing in it (one file, one subject scanned), and what a test sets. */
/** A result as the scan makes it; fingerprints are taken over its findings as the scan would. */
export function scanResult(overrides: Partial<ScanResult> = {}): ScanResult {
  const findings = overrides.findings ?? [];
  const suppressed = overrides.suppressed ?? [];
  return {
    findings,
    suppressed,
    staleSuppressions: [],
    fingerprints: fingerprints([...findings, ...suppressed]),
    errors: [],
    engines: [],
    filesScanned: 1,
    filesUnreadable: 0,
    subjects: 1,
    ...overrides,
  };
}

/** A finding as the evaluator makes it, with whatever text a test needs to plant. */
export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'D04.privileged',
    category: 'D04',
    severity: 'critical',
    title: 'Privileged container',
    message: 'service "web" runs privileged',
    location: { path: 'compose.yaml', line: 7, column: 5 },
    remediation: 'Remove privileged: true.',
    cis: ['5.4'],
    threats: [1, 7],
    ...overrides,
  };
}

/** A new temporary directory holding `files` (relative paths, folders made as needed). */
export function tempTree(files: Record<string, string>): string {
  const dir = makeTempDir('dt10-report');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Scans `dir` with every rule, at the rule tests' date and settings, and no environment. */
export async function scanDir(dir: string): Promise<ScanResult> {
  return scan({
    paths: [dir],
    rules: ALL_RULES,
    context: { now: TEST_NOW, settings: TEST_SETTINGS },
    environment: {},
  });
}

export interface InsecureJson {
  status: number | null;
  report: JsonReport;
}

let insecure: InsecureJson | undefined;

/**
 * `dt10 scan examples/insecure --format json` by the built CLI (dist/dt10.js), run once per test file
 * however many tests ask for it.
 */
export function insecureJson(): InsecureJson {
  if (insecure === undefined) {
    const run = runCli(['scan', 'examples/insecure', '--format', 'json', '--now', '2026-11-01']);
    insecure = { status: run.status, report: JSON.parse(run.stdout) as JsonReport };
  }
  return insecure;
}
