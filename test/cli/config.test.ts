// `.dt10.yaml` through the CLI: found upward from the scanned path, overridden by flags, turned off by
// --no-config; a bad file stops the scan with exit 2 naming file, line and key; ignores expire.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { makeTempDir } from '../temp-dir.js';

function tree(files: Record<string, string>): string {
  const dir = makeTempDir('dt10-config');
  // A .git directory stops the upward search here, as it would at a repository root.
  mkdirSync(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const COMPOSE = 'services:\n  web:\n    image: example/web:1.0\n    privileged: true\n';
const EOL_DOCKERFILE = 'FROM alpine:3.20\nUSER 10001\n';

interface Report {
  findings: { ruleId: string; severity: string; location: { path: string } }[];
  suppressed: { ruleId: string; suppression: { kind: string; until: string | null } }[];
  staleSuppressions: { expired: string | null }[];
}

function scanJson(cwd: string, ...args: string[]): { status: number | null; report: Report; stderr: string } {
  const run = runCli(['scan', '--format', 'json', '--now', '2026-11-01', ...args], { cwd });
  return {
    status: run.status,
    report: (run.stdout ? JSON.parse(run.stdout) : {}) as Report,
    stderr: run.stderr,
  };
}

const ruleIds = (report: Report) => [...new Set(report.findings.map((f) => f.ruleId))];

describe('.dt10.yaml', () => {
  it('is found upward from the scanned path and applies rules, categories and severities', () => {
    const dir = tree({
      '.dt10.yaml':
        'rules:\n  disable: [D04.privileged]\n  severity: { D08.no-digest: high }\ncategories:\n  disable: [D07]\n',
      'deploy/app/compose.yaml': COMPOSE,
    });
    const plain = scanJson(dir, '--no-config', 'deploy/app');
    expect(ruleIds(plain.report)).toEqual(expect.arrayContaining(['D04.privileged', 'D07.no-memory-limit']));
    const configured = scanJson(join(dir, 'deploy'), 'app');
    expect(ruleIds(configured.report)).not.toContain('D04.privileged');
    expect(ruleIds(configured.report).filter((id) => id.startsWith('D07.'))).toEqual([]);
    expect(configured.report.findings.find((f) => f.ruleId === 'D08.no-digest')?.severity).toBe('high');
  });

  it('sets failOn, and --fail-on on the command line wins', () => {
    const dir = tree({ '.dt10.yaml': 'failOn: none\n', 'compose.yaml': COMPOSE });
    expect(scanJson(dir, '.').status).toBe(0);
    expect(scanJson(dir, '.', '--fail-on', 'critical').status).toBe(1);
    expect(scanJson(dir, '.', '--no-config').status).toBe(1);
  });

  it('settings flags win over the file', () => {
    const dir = tree({ '.dt10.yaml': 'settings:\n  digestSeverity: medium\n', 'compose.yaml': COMPOSE });
    const digest = (report: Report) => report.findings.find((f) => f.ruleId === 'D08.no-digest')?.severity;
    expect(digest(scanJson(dir, '.').report)).toBe('medium');
    expect(digest(scanJson(dir, '.', '--digest-severity', 'info').report)).toBe('info');
  });

  it('--config names the file explicitly', () => {
    const dir = tree({
      'policy/strict.yaml': 'rules:\n  disable: [D04.privileged]\n',
      'compose.yaml': COMPOSE,
    });
    expect(ruleIds(scanJson(dir, '.', '--config', 'policy/strict.yaml').report)).not.toContain(
      'D04.privileged',
    );
    const missing = runCli(['scan', '.', '--config', 'nope.yaml'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.yaml');
  });

  it('excludes paths', () => {
    const dir = tree({
      '.dt10.yaml': 'exclude: ["vendor/**"]\n',
      'compose.yaml': COMPOSE,
      'vendor/lib/compose.yaml': COMPOSE,
    });
    const paths = new Set(scanJson(dir, '.').report.findings.map((f) => f.location.path));
    expect([...paths]).toEqual(['compose.yaml']);
  });

  it('a bad file is exit 2 with its path, line, key and the valid choices', () => {
    const dir = tree({
      '.dt10.yaml': 'rules:\n  disable: [D04.privileged]\nsettings:\n  digestSeverity: urgent\n',
      'compose.yaml': COMPOSE,
    });
    const run = runCli(['scan', '.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '.dt10.yaml:4:19: settings.digestSeverity must be one of critical, high, medium, low, info; got "urgent"',
    );
    writeFileSync(join(dir, '.dt10.yaml'), 'failOn: high\nrulez: []\n');
    const unknown = runCli(['scan', '.'], { cwd: dir });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/\.dt10\.yaml:2:1: unknown key "rulez"; valid keys: .*rules/);
  });

  it('an ignore entry holds until its day, then its finding is back and the entry is reported expired', () => {
    const dir = tree({
      '.dt10.yaml':
        'ignore:\n  - rule: D02.base-image-eol\n    path: Dockerfile\n    reason: upgrade planned in SEC-9\n    until: 2026-12-31\n',
      Dockerfile: EOL_DOCKERFILE,
    });
    const before = scanJson(dir, '.', '--now', '2026-12-31');
    expect(ruleIds(before.report)).not.toContain('D02.base-image-eol');
    expect(before.report.suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'D02.base-image-eol',
        suppression: expect.objectContaining({ kind: 'config', until: '2026-12-31' }),
      }),
    ]);
    const after = scanJson(dir, '.', '--now', '2027-01-01');
    expect(ruleIds(after.report)).toContain('D02.base-image-eol');
    expect(after.report.suppressed).toEqual([]);
    expect(after.report.staleSuppressions).toEqual([expect.objectContaining({ expired: '2026-12-31' })]);
    expect(after.status).toBe(1);
  });
});
