// `dt10 serve admission` as a user runs it: the bundled CLI as a child process, serving until SIGTERM, then
// exiting 0; usage errors exit 2 before listening.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../run-cli.js';
import { admit, pod, PRIVILEGED, reviewOf } from './admission-client.js';
import { makeCertificates, type TestCertificates } from './admission-tls.js';

const dir = mkdtempSync(join(tmpdir(), 'dt10-admission-cli-'));
let certificates: TestCertificates;

beforeAll(() => {
  certificates = makeCertificates(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dt10 serve admission (CLI)', () => {
  it('serves until SIGTERM, logs each decision on stdout, and exits 0', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'serve',
        'admission',
        '--cert',
        certificates.cert,
        '--key',
        certificates.key,
        '--port',
        '0',
        '--address',
        '127.0.0.1',
      ],
      { cwd: ROOT, env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk;
          const listening = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
          if (listening) resolve(listening[1]!);
        });
        child.on('close', () => reject(new Error(`exited before listening: ${stderr}`)));
      });
      const response = await admit(url, certificates.ca, reviewOf(pod('web', PRIVILEGED), { uid: 'cli-1' }));
      expect(response.allowed).toBe(false);
      expect(response.status?.code).toBe(403);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
    expect(stderr).toMatch(
      /^dt10 serve admission: listening on https:\/\/127\.0\.0\.1:\d+ \(mode enforce, deny on high, failure policy fail\)\ndt10 serve admission: SIGTERM: closing\n$/,
    );
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      source: 'admission',
      object: 'Pod shop/web',
      decision: 'deny',
      rules: ['D04.privileged'],
      user: 'alice@example.com',
      uid: 'cli-1',
    });
  });

  it('exits 2 on a usage error', () => {
    const missing = runCli(['serve', 'admission', '--port', '0']);
    expect(missing).toMatchObject({
      status: 2,
      stdout: '',
      stderr:
        'dt10: serve admission needs --cert FILE and --key FILE (the API server calls webhooks over HTTPS)\n',
    });
    const mode = runCli([
      'serve',
      'admission',
      '--cert',
      certificates.cert,
      '--key',
      certificates.key,
      '--mode',
      'audit',
    ]);
    expect(mode).toMatchObject({
      status: 2,
      stderr: 'dt10: --mode must be one of enforce, warn; got "audit"\n',
    });
  });
});
