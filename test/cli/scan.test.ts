// The `dt10 scan` command end to end, through the bundled CLI: exit codes, formats, output file, stdin,
// colour, and what happens to good files when another one is broken.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '../../src/core/category.js';
import { runCli } from '../run-cli.js';
import { JSON_FINDING_KEYS } from '../report/fixtures.js';
import { makeTempDir } from '../temp-dir.js';

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

function tempDir(files: Record<string, string>): string {
  const dir = makeTempDir('dt10-cli');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const HIGH_ONLY = 'FROM alpine:3.20\nUSER root\n';
const BROKEN_YAML = 'services:\n  web:\n    image: [unclosed\n';

describe('exit codes', () => {
  it('0 for a clean scan, 1 for findings at or above --fail-on (default high)', () => {
    expect(runCli(['scan', 'examples/hardened', '--now', '2026-11-01']).status).toBe(0);
    expect(runCli(['scan', 'examples/insecure']).status).toBe(1);
  });

  it('honours --fail-on', () => {
    const dir = tempDir({ Dockerfile: HIGH_ONLY });
    expect(runCli(['scan', dir, '--fail-on', 'critical']).status).toBe(0);
    expect(runCli(['scan', dir, '--fail-on', 'high']).status).toBe(1);
    expect(runCli(['scan', dir, '--fail-on', 'low']).status).toBe(1);
    expect(runCli(['scan', 'examples/insecure', '--fail-on', 'none']).status).toBe(0);
  });

  it('2 for usage errors', () => {
    expect(runCli(['scan', '--format', 'xml', 'examples']).status).toBe(2);
    const badFailOn = runCli(['scan', '--fail-on', 'severe', 'examples/hardened']);
    expect(badFailOn.status).toBe(2);
    expect(badFailOn.stderr).toContain('--fail-on must be one of');
    expect(runCli(['frobnicate']).status).toBe(2);
    const stdinWithoutType = runCli(['scan', '-'], { input: HIGH_ONLY });
    expect(stdinWithoutType.status).toBe(2);
    expect(stdinWithoutType.stderr).toContain('--input-type');
  });

  it('2 when no input could be read', () => {
    const missing = runCli(['scan', 'no/such/path', '--format', 'json']);
    expect(missing.status).toBe(2);
    const report = JSON.parse(missing.stdout);
    expect(report.errors[0]).toMatchObject({ path: 'no/such/path', message: 'cannot read: ENOENT' });
    const onlyBroken = tempDir({ 'compose.yaml': BROKEN_YAML });
    expect(runCli(['scan', onlyBroken]).status).toBe(2);
    const empty = tempDir({ 'notes.txt': 'hello' });
    const nothing = runCli(['scan', empty]);
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toContain('no Dockerfile, compose file or Kubernetes manifest found');
  });

  it('0 for --help and --version', () => {
    expect(runCli(['--help']).status).toBe(0);
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('bad input loses nothing', () => {
  it('reports the broken file with its line and still reports the good ones', () => {
    const dir = tempDir({ 'compose.yaml': BROKEN_YAML, Dockerfile: HIGH_ONLY });
    const run = runCli(['scan', dir, '--format', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0].path).toBe(join(dir, 'compose.yaml'));
    expect(report.errors[0].line).toBe(4);
    expect(report.errors[0].message).toMatch(/^YAML: /);
    const good = report.findings.filter(
      (f: { location: { path: string } }) => f.location.path === join(dir, 'Dockerfile'),
    );
    expect(good.map((f: { ruleId: string }) => f.ruleId)).toContain('D01.image-root-user');
    expect(good).toHaveLength(report.findings.length);
  });
});

describe('output', () => {
  it('--output writes the report to the file and nothing to stdout', () => {
    const dir = tempDir({});
    const output = join(dir, 'report.json');
    const run = runCli(['scan', 'examples/insecure', '--format', 'json', '--output', output]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(output, 'utf8')).findings.length).toBeGreaterThan(10);
  });

  it('reads standard input with --input-type', () => {
    const run = runCli(['scan', '-', '--input-type', 'compose', '--format', 'json'], {
      input: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
    });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    const privileged = report.findings.find((f: { ruleId: string }) => f.ruleId === 'D04.privileged');
    expect(privileged.location).toEqual({ path: '<stdin>', line: 4, column: 5 });
  });

  it('colours text only on request or on a terminal, and NO_COLOR wins', () => {
    expect(runCli(['scan', 'examples/insecure']).stdout).not.toMatch(ANSI);
    expect(runCli(['scan', 'examples/insecure'], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ANSI);
    expect(
      runCli(['scan', 'examples/insecure'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout,
    ).not.toMatch(ANSI);
    expect(
      runCli(['scan', 'examples/insecure', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout,
    ).not.toMatch(ANSI);
  });

  it('text groups findings by file and ends with a summary line for every category', () => {
    const text = runCli(['scan', 'examples/insecure']).stdout;
    const lines = text.split('\n');
    const fileHeaders = lines.filter((l) => l.startsWith('examples/'));
    expect(fileHeaders).toEqual([
      'examples/insecure/Dockerfile',
      'examples/insecure/daemon.json',
      'examples/insecure/docker-compose.yml',
      'examples/insecure/k8s/deployment.yaml',
      'examples/insecure/legacy-host/etc/default/docker',
      'examples/insecure/run.sh',
    ]);
    expect(text).toMatch(/^\s+7:5\s+critical\s+D04\.privileged\s+service "web"/m);
    expect(text).toMatch(
      /^\d+ findings \(\d+ critical, \d+ high, \d+ medium, \d+ low(, \d+ info)?\) in 7 files$/m,
    );
    for (const category of CATEGORY_IDS) expect(text).toMatch(new RegExp(`^  ${category} `, 'm'));
  });
});

describe('json contract', () => {
  it('has the documented keys in a stable order', () => {
    const report = JSON.parse(runCli(['scan', 'examples/insecure', '--format', 'json']).stdout);
    expect(Object.keys(report)).toEqual([
      'tool',
      'findings',
      'suppressed',
      'staleSuppressions',
      'baseline',
      'errors',
      'summary',
    ]);
    expect(report.tool).toEqual({ name: 'dt10', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(JSON_FINDING_KEYS);
      expect(finding.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(finding.suppression).toBeNull();
      expect(Object.keys(finding.location)).toEqual(['path', 'line', 'column']);
      expect(finding.ruleId.startsWith(`${finding.category}.`)).toBe(true);
    }
    expect(Object.keys(report.summary)).toEqual([
      'filesScanned',
      'engines',
      'subjects',
      'findings',
      'suppressed',
      'staleSuppressions',
      'errors',
      'bySeverity',
      'byCategory',
    ]);
    expect(Object.keys(report.summary.byCategory)).toEqual(CATEGORY_IDS);
    expect(report.summary.findings).toBe(report.findings.length);
  });

  it('is the same for the same input', () => {
    const first = runCli(['scan', 'examples/insecure', '--format', 'json']).stdout;
    const second = runCli(['scan', 'examples/insecure', '--format', 'json']).stdout;
    expect(second).toBe(first);
  });
});

describe('rule settings from the command line', () => {
  const compose = 'services:\n  web:\n    image: ghcr.io/acme/web:1.0\n';

  function ruleSeverities(args: string[]): string[] {
    const dir = tempDir({ 'compose.yaml': compose });
    const run = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none', ...args]);
    expect(run.status).toBe(0);
    return (JSON.parse(run.stdout).findings as { ruleId: string; severity: string }[])
      .filter((f) => f.ruleId === 'D05.untrusted-registry' || f.ruleId === 'D08.no-digest')
      .map((f) => `${f.ruleId} ${f.severity}`);
  }

  it('turns the registry allow-list on with --allowed-registries', () => {
    expect(ruleSeverities([])).toEqual(['D08.no-digest low']);
    expect(ruleSeverities(['--allowed-registries', 'registry.example.com'])).toEqual([
      'D05.untrusted-registry medium',
      'D08.no-digest low',
    ]);
    expect(ruleSeverities(['--allowed-registries', 'ghcr.io'])).toEqual(['D08.no-digest low']);
  });

  it('sets the severity of a missing digest, and refuses an unknown one', () => {
    expect(ruleSeverities(['--digest-severity', 'high'])).toEqual(['D08.no-digest high']);
    const bad = runCli(['scan', 'examples/hardened', '--digest-severity', 'huge']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--digest-severity must be one of');
  });
});

describe('--now', () => {
  it('judges end-of-life as of the given day, and refuses a date it cannot read', () => {
    const dir = tempDir({ Dockerfile: 'FROM node:22-bookworm-slim\nUSER 10001\n' });
    const eolOn = (now: string): boolean => {
      const run = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none', '--now', now]);
      return (JSON.parse(run.stdout).findings as { ruleId: string }[]).some(
        (f) => f.ruleId === 'D02.base-image-eol',
      );
    };
    expect(eolOn('2026-11-01')).toBe(false);
    expect(eolOn('2030-01-01')).toBe(true);
    const bad = runCli(['scan', dir, '--now', 'someday']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--now must be a date');
  });
});

describe('the bundled executable', () => {
  it('is executable, so `npx dt10` can run it', async () => {
    const { statSync } = await import('node:fs');
    const { CLI } = await import('../run-cli.js');
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
  });
});
