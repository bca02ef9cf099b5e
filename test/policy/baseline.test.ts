// Baselines through the CLI: a recorded baseline hides known findings after unrelated edits (lines
// inserted above, re-indentation), shows what is new, counts what is fixed, and rejects a bad file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { makeTempDir } from '../temp-dir.js';

const DOCKERFILE = 'FROM alpine:3.22\nRUN apk add --no-cache curl\nADD app.py /app/\n';
const COMPOSE = 'services:\n  web:\n    image: example/web:1.0\n    privileged: true\n';

function project(): string {
  const dir = makeTempDir('dt10-baseline');
  writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
  writeFileSync(join(dir, 'compose.yaml'), COMPOSE);
  return dir;
}

interface JsonReport {
  findings: { ruleId: string; fingerprint: string; location: { line: number } }[];
  baseline: { path: string; unchanged: number; fixed: number } | null;
}

function scanJson(
  dir: string,
  ...args: string[]
): { status: number | null; report: JsonReport; stderr: string } {
  const run = runCli(['scan', '.', '--now', '2026-11-01', '--format', 'json', ...args], { cwd: dir });
  return { status: run.status, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
}

describe('--write-baseline and --baseline', () => {
  it('records every finding, then shows none of them again', () => {
    const dir = project();
    const first = scanJson(dir, '--write-baseline', '.dt10-baseline.json');
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(`wrote ${first.report.findings.length} findings to the baseline`);
    const file = JSON.parse(readFileSync(join(dir, '.dt10-baseline.json'), 'utf8')) as {
      version: number;
      findings: { fingerprint: string; ruleId: string }[];
    };
    expect(file.version).toBe(1);
    expect(file.findings.map((f) => f.fingerprint).sort()).toEqual(
      first.report.findings.map((f) => f.fingerprint).sort(),
    );
    const again = scanJson(dir, '--baseline', '.dt10-baseline.json');
    expect(again.status).toBe(0);
    expect(again.report.findings).toEqual([]);
    expect(again.report.baseline).toEqual({
      path: '.dt10-baseline.json',
      unchanged: first.report.findings.length,
      fixed: 0,
    });
  });

  it('fingerprints survive lines inserted above and re-indentation', () => {
    const dir = project();
    const before = scanJson(dir, '--write-baseline', 'base.json').report;
    writeFileSync(
      join(dir, 'Dockerfile'),
      `# syntax=docker/dockerfile:1\n\n# build the app\n${DOCKERFILE.replace('ADD ', 'ADD   ')}`,
    );
    writeFileSync(
      join(dir, 'compose.yaml'),
      `# stack\nname: shop\n\n${COMPOSE.replace(/^ {2}/gm, '    ').replace(/^ {4}/gm, '      ')}`,
    );
    const after = scanJson(dir);
    const byRule = (report: JsonReport) => report.findings.map((f) => [f.ruleId, f.fingerprint]).sort();
    expect(byRule(after.report)).toEqual(byRule(before));
    // The lines did move: the fingerprints held although the locations changed.
    const add = (report: JsonReport) =>
      report.findings.find((f) => f.ruleId === 'D04.add-instead-of-copy')!.location.line;
    expect(add(after.report)).toBe(add(before) + 3);
    const compared = scanJson(dir, '--baseline', 'base.json');
    expect(compared.report.findings).toEqual([]);
    expect(compared.report.baseline?.fixed).toBe(0);
  });

  it('reports only the new finding, fails on it, and counts a fixed one', () => {
    const dir = project();
    scanJson(dir, '--write-baseline', 'base.json');
    writeFileSync(join(dir, 'compose.yaml'), `${COMPOSE}    network_mode: host\n`);
    writeFileSync(join(dir, 'Dockerfile'), `${DOCKERFILE}USER 10001\n`);
    const compared = scanJson(dir, '--baseline', 'base.json', '--fail-on', 'high');
    expect(compared.report.findings.map((f) => f.ruleId)).toEqual(['D03.host-network']);
    expect(compared.report.baseline?.fixed).toBe(1);
    expect(compared.status).toBe(1);
    const text = runCli(['scan', '.', '--now', '2026-11-01', '--baseline', 'base.json', '--no-color'], {
      cwd: dir,
    });
    expect(text.stdout).toMatch(/baseline base\.json: \d+ known findings not shown, 1 fixed/);
  });

  it('a missing or malformed baseline is an input error (exit 2), naming the file', () => {
    const dir = project();
    const missing = runCli(['scan', '.', '--baseline', 'nope.json'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.json: cannot read the baseline: ENOENT');
    writeFileSync(join(dir, 'bad.json'), '{"findings": [');
    const bad = runCli(['scan', '.', '--baseline', 'bad.json'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bad.json: not JSON');
    writeFileSync(join(dir, 'other.json'), '{"version": 1, "results": []}');
    expect(runCli(['scan', '.', '--baseline', 'other.json'], { cwd: dir }).stderr).toContain(
      'not a dt10 baseline',
    );
  });

  it('--baseline and --write-baseline together is a usage error', () => {
    const dir = project();
    const run = runCli(['scan', '.', '--baseline', 'a.json', '--write-baseline', 'b.json'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot be used together');
  });
});
