// Issue 8's acceptance: `dt10 fix` over a copy of examples/insecure leaves no finding of any rule that has a
// fix, the fixed compose file still parses with Debian's docker-compose, and a second run has nothing to do.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXABLE_RULES, OPT_IN_RULES } from '../../src/fix/fixers.js';
import { ROOT, runCli } from '../run-cli.js';

interface JsonReport {
  findings: { ruleId: string; location: { path: string; line: number } }[];
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyOfExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dt10-fix-example-'));
  dirs.push(dir);
  cpSync(join(ROOT, 'examples', 'insecure'), join(dir, 'insecure'), { recursive: true });
  return join(dir, 'insecure');
}

function findings(dir: string): JsonReport['findings'] {
  const run = runCli(['scan', '--format', 'json', '--fail-on', 'none', '--now', '2026-06-01', dir]);
  expect(run.status).toBe(0);
  return (JSON.parse(run.stdout) as JsonReport).findings;
}

function composeConfig(file: string): { status: number | null; stderr: string } {
  const run = spawnSync('docker-compose', ['-f', file, 'config', '-q'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, API_TOKEN: 'x' },
  });
  if (run.error)
    throw new Error(`docker-compose is needed (apt-get install docker-compose): ${run.error.message}`);
  return { status: run.status, stderr: run.stderr };
}

describe('dt10 fix over examples/insecure', () => {
  it('leaves no finding of a rule with a fix, and the compose file still parses', () => {
    const dir = copyOfExample();
    const before = findings(dir);
    const fixable = new Set(FIXABLE_RULES);
    const fixableBefore = before.filter((f) => fixable.has(f.ruleId));
    // Every kind of file the example has holds fixable findings: the test would notice a fixer left out.
    const files = new Set(fixableBefore.map((f) => f.location.path.slice(dir.length + 1)));
    expect([...files].sort()).toEqual([
      'Dockerfile',
      'daemon.json',
      'docker-compose.yml',
      'k8s/deployment.yaml',
      'run.sh',
    ]);

    const fix = runCli(['fix', '--opt-in', OPT_IN_RULES.join(','), dir]);
    expect(fix.status).toBe(0);
    expect(fix.stderr).not.toContain('could not be fixed');

    const after = findings(dir);
    expect(
      after
        .filter((f) => fixable.has(f.ruleId))
        .map((f) => `${f.ruleId} ${f.location.path}:${f.location.line}`),
    ).toEqual([]);
    // The rules without a fix still report what they reported (host namespaces, secrets, digests…).
    const rest = (list: JsonReport['findings']) =>
      new Set(list.filter((f) => !fixable.has(f.ruleId)).map((f) => f.ruleId));
    expect(rest(after)).toEqual(rest(before));

    const compose = join(dir, 'docker-compose.yml');
    expect(readFileSync(compose, 'utf8')).not.toBe(
      readFileSync(join(ROOT, 'examples/insecure/docker-compose.yml'), 'utf8'),
    );
    expect(composeConfig(compose)).toEqual({ status: 0, stderr: '' });

    const again = runCli(['fix', '--opt-in', OPT_IN_RULES.join(','), dir]);
    expect(again.stderr).toContain('nothing to fix');
  });
});
