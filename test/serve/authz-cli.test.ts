// `dt10 serve authz` as a user runs it: the bundled CLI as a child process, until SIGTERM.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { unixRequest } from '../engine/dockerd.js';
import { CLI, ROOT, runCli } from '../run-cli.js';
import { authzBody } from './authz-plugin.js';

interface Served {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dt10-authz-cli-'));
  dirs.push(dir);
  return dir;
}

/** Starts the CLI and waits for the stderr line that says it listens (and the metrics one, if asked). */
async function serve(args: string[], ready = 'listening on'): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', 'authz', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${ready}" on stderr in 15 s: ${stderr}`)), 15_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before "${ready}": ${stderr}`));
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

function get(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      })
      .on('error', reject);
  });
}

describe('dt10 serve authz (CLI)', () => {
  test('serves until SIGTERM, then exits 0 and removes its socket', async () => {
    const socket = join(tempDir(), 'x.sock');
    const served = await serve(['--socket', socket]);
    expect(served.stderr()).toBe(
      `dt10 serve authz: listening on ${socket} (mode enforce, deny on high, failure policy closed); ` +
        'start dockerd with --authorization-plugin=x\n',
    );
    const res = await unixRequest(
      socket,
      'POST',
      '/AuthZPlugin.AuthZReq',
      authzBody('POST', '/v1.41/containers/create?name=web', {
        Image: 'busybox:1.36',
        HostConfig: { Privileged: true },
      }),
    );
    expect((res.json as { Allow: boolean }).Allow).toBe(false);
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    expect(existsSync(socket)).toBe(false);
    const lines = served.stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const { time, durationMs, ...decision } = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(typeof time).toBe('string');
    expect(typeof durationMs).toBe('number');
    expect(decision).toEqual({
      source: 'authz',
      object: 'container create web (busybox:1.36)',
      decision: 'deny',
      rules: ['D04.privileged'],
      warnings: expect.arrayContaining(['D08.no-digest']) as unknown,
    });
    expect(served.stderr()).toMatch(/dt10 serve authz: SIGTERM: stopped\n$/);
  });

  test('--metrics-port serves the counts on 127.0.0.1', async () => {
    const socket = join(tempDir(), 'm.sock');
    const served = await serve(['--socket', socket, '--mode', 'warn', '--metrics-port', '0'], '/metrics\n');
    const port = /metrics on http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(served.stderr())?.[1];
    expect(port).toBeDefined();
    await unixRequest(socket, 'POST', '/AuthZPlugin.AuthZReq', authzBody('GET', '/_ping'));
    await unixRequest(
      socket,
      'POST',
      '/AuthZPlugin.AuthZReq',
      authzBody('POST', '/containers/create', { Image: 'busybox:1.36', HostConfig: { Privileged: true } }),
    );
    const metrics = await get(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('dt10_authz_requests_total{decision="allow"} 1\n');
    expect(metrics.text).toContain('dt10_authz_requests_total{decision="warn"} 1\n');
    expect(metrics.text).toContain('dt10_authz_request_duration_seconds_count 2\n');
    served.child.kill('SIGINT');
    expect(await served.exited).toBe(0);
  });

  test('a socket another plugin listens on is not taken over', async () => {
    const socket = join(tempDir(), 'busy.sock');
    const first = await serve(['--socket', socket]);
    const second = runCli(['serve', 'authz', '--socket', socket]);
    expect(second.status).toBe(2);
    expect(second.stderr).toBe(
      `dt10: cannot listen on ${socket}: another process is listening on ${socket}\n`,
    );
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  test('the socket a killed plugin left behind is replaced; a file that is not a socket is not', async () => {
    const socket = join(tempDir(), 'stale.sock');
    const killed = await serve(['--socket', socket]);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(existsSync(socket)).toBe(true);
    const again = await serve(['--socket', socket]);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    const file = join(tempDir(), 'file.sock');
    writeFileSync(file, 'keep me');
    const refused = runCli(['serve', 'authz', '--socket', file]);
    expect(refused.stderr).toBe(
      `dt10: cannot listen on ${file}: ${file} exists and is not a socket: not replacing it\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  test.each([
    [
      ['--mode', 'audit'],
      "error: option '--mode <mode>' argument 'audit' is invalid. Allowed choices are enforce, warn.",
    ],
    [
      ['--deny-on', 'severe'],
      'dt10: --deny-on must be one of critical, high, medium, low, info, none; got "severe"',
    ],
    [
      ['--name', '../etc'],
      'dt10: --name must be a plugin name (letters, digits, "_", ".", "-"); got "../etc"',
    ],
    [['--metrics-port', 'http'], 'dt10: --metrics-port must be a port number; got "http"'],
  ])('usage error %j exits 2', (args, message) => {
    const run = runCli(['serve', 'authz', '--socket', join(tempDir(), 'u.sock'), ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(message);
  });
});
