// `dt10 scan --host` on this machine, as root and as an unprivileged user (uid 65534): it reads what it may,
// lists the rest as unknown, and answers the patch-state questions either way. The bundled CLI runs as a
// separate process, as users run it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../run-cli.js';

interface Report {
  findings: { ruleId: string; message: string }[];
  errors: { path: string; message: string }[];
}

function scanHost(uid?: number): { status: number | null; report: Report; stderr: string } {
  const child = spawnSync(
    process.execPath,
    [CLI, 'scan', '--host', '--no-config', '--format', 'json', '--fail-on', 'none'],
    {
      cwd: '/',
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
      timeout: 60_000,
      ...(uid !== undefined ? { uid, gid: uid } : {}),
    },
  );
  let report: Report;
  try {
    report = JSON.parse(child.stdout) as Report;
  } catch {
    throw new Error(`no JSON report (exit ${child.status}): ${child.stderr}`);
  }
  return { status: child.status, report, stderr: child.stderr };
}

describe('dt10 scan --host on this machine', () => {
  it('as root: reads the host and states its patch state', () => {
    expect(process.getuid?.(), 'run the tests as root (as CI does)').toBe(0);
    const { status, report, stderr } = scanHost();
    expect(status, stderr).toBe(0);
    const state = report.findings.find((f) => f.ruleId === 'D02.host-patch-state');
    expect(state?.message).toMatch(/up \d+ days?; kernel \S+ running/);
    // Nothing it needs is closed to root but what the kernel keeps from everyone (init's maps in a sandbox).
    for (const error of report.errors) expect(error.message).toMatch(/^unknown: /);
  });

  it('as an unprivileged user: still answers, and lists what it could not read as unknown', () => {
    expect(ROOT.length).toBeGreaterThan(0);
    const { status, report, stderr } = scanHost(65534);
    expect(status, stderr).toBe(0);
    expect(report.findings.some((f) => f.ruleId === 'D02.host-patch-state')).toBe(true);
    const unknown = report.errors.filter((e) => e.message.startsWith('unknown: '));
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.map((e) => e.message).join('\n')).toMatch(/EACCES/);
  });
});
