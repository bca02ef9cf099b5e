// `dt10 fix` as a user runs it: --dry-run prints a diff and writes nothing; without it the file changes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const COMPOSE = `# the app
services:
  web:  # front
    image: nginx:1.27
    privileged: true
    read_only: true
    security_opt: ["no-new-privileges:true"]
    user: "10001:10001"
    mem_limit: 256m
    cpus: "0.5"
    pids_limit: 100
    ports: ["8080:80"]
`;

function composeFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dt10-fix-cli-'));
  dirs.push(dir);
  const path = join(dir, 'compose.yaml');
  writeFileSync(path, COMPOSE);
  return path;
}

describe('dt10 fix', () => {
  it('--dry-run prints a unified diff and leaves the file unchanged', () => {
    const path = composeFile();
    const run = runCli(['fix', '--dry-run', path]);
    expect(run.stderr).toBe(
      `dt10: ${path}: would fix D04.privileged in service "web"\n` +
        `dt10: ${path}: would fix D04.capabilities-not-dropped in service "web"\n` +
        'dt10: would apply 2 fixes in 1 file\n',
    );
    expect(run.stdout).toBe(
      `--- a/${path}\n+++ b/${path}\n@@ -2,7 +2,6 @@\n services:\n   web:  # front\n     image: nginx:1.27\n-    privileged: true\n     read_only: true\n     security_opt: ["no-new-privileges:true"]\n     user: "10001:10001"\n@@ -10,3 +9,4 @@\n     cpus: "0.5"\n     pids_limit: 100\n     ports: ["8080:80"]\n+    cap_drop: [ALL]\n`,
    );
    expect(run.status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(COMPOSE);
  });

  it('rewrites the file in place, and a second run has nothing to fix', () => {
    const path = composeFile();
    const run = runCli(['fix', path]);
    expect(run.stderr).toContain('applied 2 fixes in 1 file');
    expect(run.status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(
      COMPOSE.replace('    privileged: true\n', '') + '    cap_drop: [ALL]\n',
    );
    const again = runCli(['fix', path]);
    expect(again.stderr).toContain('nothing to fix');
    expect(again.status).toBe(0);
  });

  it('binds ports to loopback only when asked with --opt-in or --rules, and takes values from the config', () => {
    const path = composeFile();
    writeFileSync(path, COMPOSE.replace('    mem_limit: 256m\n', ''));
    writeFileSync(join(path, '..', '.dt10.yaml'), 'fix:\n  memory: 1g\n');
    expect(runCli(['fix', path]).status).toBe(0);
    const fixed = readFileSync(path, 'utf8');
    expect(fixed).toContain('    ports: ["8080:80"]\n');
    expect(fixed).toContain('    mem_limit: 1g\n');
    expect(runCli(['fix', '--opt-in', 'D03.port-all-interfaces', path]).status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(fixed.replace('"8080:80"', '"127.0.0.1:8080:80"'));
    const bad = runCli(['fix', '--opt-in', 'D04.privileged', path]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"D04.privileged" is not an opt-in fix');
  });

  it('--rules and --category choose the fixes', () => {
    const path = composeFile();
    expect(runCli(['fix', '--rules', 'D04.privileged', path]).status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(COMPOSE.replace('    privileged: true\n', ''));
    const none = runCli(['fix', '--category', 'D09', path]);
    expect(none.stderr).toContain('nothing to fix');
  });

  it('exits 2 on a rule without a fix, a bad category or no input', () => {
    const path = composeFile();
    const rule = runCli(['fix', '--rules', 'D04.host-pid', path]);
    expect(rule.status).toBe(2);
    expect(rule.stderr).toContain('"D04.host-pid" has no fix');
    expect(runCli(['fix', '--category', 'D11', path]).status).toBe(2);
    expect(runCli(['fix', join(path, '..', 'missing.yaml')]).status).toBe(2);
  });

  it("follows the project's .dt10.yaml: an accepted finding or a rule turned off is not fixed", () => {
    const path = composeFile();
    const dir = join(path, '..');
    writeFileSync(
      join(dir, '.dt10.yaml'),
      'rules:\n  disable: [D04.capabilities-not-dropped]\nignore:\n  - rule: D04.privileged\n    reason: the web tier needs it until the port move\n',
    );
    const run = runCli(['fix', '--dry-run', path]);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('nothing to fix');
    expect(run.status).toBe(0);
    // --no-config fixes them again.
    expect(runCli(['fix', '--dry-run', '--no-config', path]).stdout).toContain('-    privileged: true');
  });
});

describe('dt10 fix sends each file to the fixer of its kind', () => {
  it('a CI workflow, a Makefile and a script named on the command line get their docker run lines fixed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dt10-fix-kinds-'));
    dirs.push(dir);
    const workflow = join(dir, 'ci.yml');
    writeFileSync(
      workflow,
      'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker run --privileged app:1.0 make test\n',
    );
    const makefile = join(dir, 'Makefile');
    writeFileSync(makefile, 'test:\n\tdocker run --privileged app:1.0 make test\n');
    const script = join(dir, 'start');
    writeFileSync(script, '#!/bin/sh\nexec docker run --privileged app:1.0\n');
    // A file without a telling name is read (and fixed) when named: discovery goes by names.
    const run = runCli(['fix', '--rules', 'D04.privileged', dir, script]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('applied 3 fixes in 3 files');
    expect(readFileSync(workflow, 'utf8')).toContain('      - run: docker run app:1.0 make test\n');
    expect(readFileSync(makefile, 'utf8')).toBe('test:\n\tdocker run app:1.0 make test\n');
    expect(readFileSync(script, 'utf8')).toBe('#!/bin/sh\nexec docker run app:1.0\n');
  });
});
