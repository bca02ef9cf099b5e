// `dt10 scan --engine URL --image NAME` against a real private engine: the image is exported with
// GET /images/{name}/get and read as it streams — the same subject as `docker save` of it read from a file, only
// GET requests on the wire, nothing written to disk; a missing image and an engine that breaks off or stalls
// mid-export end as errors naming the engine and the image, every other finding kept.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EngineClient } from '../../src/engine/client.js';
import type { Endpoint } from '../../src/engine/endpoint.js';
import { exportImage, ImageExportError } from '../../src/engine/export-image.js';
import { readImageFile } from '../../src/scan/judge-images.js';
import type { ImageSpec } from '../../src/subjects/image-spec.js';
import { runCliAsync } from '../run-cli.js';
import { engineDescribe, startEngine, type TestEngine } from './dockerd.js';
import { buildImage, busyboxImage } from './images.js';
import { removeTempDockerConfigs, tempDockerConfig } from './context-store.js';
import { type RecordingProxy, startRecordingProxy } from './recording-proxy.js';
import { startSshd } from './sshd.js';

const TAG = 'dt10-test/exported:1';
const ROOT_TAG = 'dt10-test/exported-root:1';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';

interface Report {
  findings: {
    ruleId: string;
    message: string;
    location: { image?: string; archive?: string; object?: string; field?: string | null; path?: string };
  }[];
  errors: { path: string; message: string }[];
  summary: { filesScanned: number; engines: unknown[] };
}

async function scanJson(args: string[], options: { timeoutMs?: number } = {}) {
  const run = await runCliAsync(['scan', '--format', 'json', '--no-config', '--now', '2026-11-01', ...args], {
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  let report: Report;
  try {
    report = JSON.parse(run.stdout) as Report;
  } catch {
    throw new Error(`no JSON report (exit ${run.status}): ${run.stderr}`);
  }
  return { status: run.status, report, stderr: run.stderr };
}

/** What an image subject says, without the name it was read under (its locations carry that). */
function portable(spec: ImageSpec) {
  return {
    format: spec.format,
    reference: spec.reference,
    platform: spec.platform,
    id: spec.id,
    user: spec.user?.value,
    env: spec.env.map((e) => e.value),
    history: spec.history,
    layers: spec.layers,
    files: spec.files,
    deleted: spec.deleted,
    contents: spec.contents,
    mismatches: spec.mismatches,
  };
}

/**
 * A proxy in front of the engine's socket that passes everything, except that the body of an image export
 * stops after `after` bytes: the connection is cut (`cut`), or nothing more is sent (`stall`).
 */
async function startBreakingProxy(
  engineSocket: string,
  mode: 'cut' | 'stall',
  after: number,
): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir().length <= 60 ? tmpdir() : '/tmp', 'dt10-break-'));
  const socketPath = join(dir, 'break.sock');
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      { socketPath: engineSocket, method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        if (!/\/images\/[^/]+\/get$/.test(req.url ?? '')) {
          answer.pipe(res);
          return;
        }
        let sent = 0;
        answer.on('data', (chunk: Buffer) => {
          if (sent >= after) return;
          const part = chunk.subarray(0, after - sent);
          sent += part.length;
          res.write(part);
          if (sent >= after) {
            if (mode === 'cut') res.socket?.destroy();
            answer.destroy();
          }
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    url: `unix://${socketPath}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

engineDescribe('images exported from a live engine (real dockerd)', () => {
  let engine: TestEngine;
  let proxy: RecordingProxy;
  let dir: string;
  let saved: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dt10-export-'));
    engine = await startEngine();
    await busyboxImage(engine);
    await buildImage(
      engine,
      `FROM dt10-test/busybox:1
COPY deploy.key /root/.ssh/deploy.key
RUN rm /root/.ssh/deploy.key && touch /bin/su2 && chmod 4755 /bin/su2
ENV APP_MODE=production
USER app
`,
      TAG,
      { 'deploy.key': KEY },
    );
    await buildImage(engine, 'FROM dt10-test/busybox:1\nUSER 0\n', ROOT_TAG);
    const answer = await engine.request('GET', `/images/${encodeURIComponent(TAG)}/get`, undefined, {
      timeoutMs: 60_000,
    });
    expect(answer.status).toBe(200);
    saved = join(dir, 'saved.tar');
    await writeFile(saved, answer.body);
    proxy = await startRecordingProxy(engine.socketPath);
  }, 180_000);

  afterAll(async () => {
    await proxy?.stop();
    await engine?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  const endpoint = (socketPath: string): Endpoint => ({
    kind: 'unix',
    label: `unix://${socketPath}`,
    socketPath,
  });

  it('gives the subject `docker save` of the same image gives when read from a file', async () => {
    const client = new EngineClient(endpoint(engine.socketPath), { concurrency: 4, timeoutMs: 10_000 });
    try {
      await client.negotiate();
      const exported = await exportImage(client, TAG);
      const fromFile = await readImageFile(saved, { image: saved, archive: saved }, {});
      expect(fromFile.errors).toEqual([]);
      expect(exported.contents.problems).toEqual([]);
      expect(exported.image).toBe(`${engine.url} image/${TAG}`);
      expect(portable(exported.spec)).toEqual(portable(fromFile.spec!));
      expect(exported.spec.files.get('/bin/su2')).toMatchObject({ mode: 0o4755 });
      expect(exported.spec.deleted.map((d) => d.path)).toEqual(['/root/.ssh/deploy.key']);
      expect(exported.spec.user).toEqual({
        value: 'app',
        at: { image: `${engine.url} image/${TAG}`, object: 'config', field: 'Config.User' },
      });
      // Built here, never pushed: the engine knows it has no registry digest.
      expect(exported.spec.repoDigests).toEqual([]);
      expect(fromFile.spec!.repoDigests).toBeUndefined();

      const error = await exportImage(client, 'dt10-test/absent:9').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageExportError);
      expect(error).toMatchObject({
        message: `engine ${engine.url} has no image dt10-test/absent:9`,
        missing: true,
      });
    } finally {
      client.close();
    }
  });

  it('audits the image through the CLI with GET requests only, writing nothing to disk', async () => {
    proxy.requests.length = 0;
    const tmp = await mkdtemp(join(tmpdir(), 'dt10-export-tmp-'));
    try {
      const run = await runCliAsync(
        [
          'scan',
          '--format',
          'json',
          '--no-config',
          '--engine',
          proxy.url,
          '--image',
          ROOT_TAG,
          '--fail-on',
          'high',
        ],
        { env: { TMPDIR: tmp } },
      );
      const report = JSON.parse(run.stdout) as Report;
      expect(report.errors).toEqual([]);
      const image = `${proxy.url} image/${ROOT_TAG}`;
      const root = report.findings.find((f) => f.ruleId === 'D01.image-root-user');
      expect(root?.location).toEqual({ image, object: 'config', field: 'Config.User' });
      expect(report.summary.filesScanned).toBe(1);
      // The engine gave the image: it is not audited itself (no containers read, no engine findings).
      expect(report.summary.engines).toEqual([]);
      expect(report.findings.filter((f) => !f.location.image)).toEqual([]);
      // The image's findings set the exit code as a file's do.
      expect(run.status).toBe(1);
      expect(proxy.requests.map((r) => `${r.method} ${r.path.replace(/^\/v[\d.]+/, '')}`)).toEqual([
        'GET /_ping',
        `GET /images/${encodeURIComponent(ROOT_TAG)}/json`,
        `GET /images/${encodeURIComponent(ROOT_TAG)}/get`,
      ]);
      expect(await readdir(tmp)).toEqual([]);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }, 120_000);

  it('reports a missing image naming the engine and the image; exit 2 only when nothing else was read', async () => {
    const alone = await scanJson(['--engine', engine.url, '--image', 'dt10-test/absent:9']);
    expect(alone.status).toBe(2);
    expect(alone.report.errors.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: `${engine.url} image/dt10-test/absent:9`,
        message: `engine ${engine.url} has no image dt10-test/absent:9`,
      },
    ]);
    expect(alone.stderr).toContain('no input could be read');

    const withOther = await scanJson([
      '--engine',
      engine.url,
      '--image',
      'dt10-test/absent:9',
      '--image',
      ROOT_TAG,
      '--fail-on',
      'none',
    ]);
    expect(withOther.status).toBe(0);
    expect(withOther.report.errors.map((e) => e.message)).toEqual([
      `engine ${engine.url} has no image dt10-test/absent:9`,
    ]);
    expect(withOther.report.findings.map((f) => f.ruleId)).toContain('D01.image-root-user');
    expect(withOther.report.summary.filesScanned).toBe(2);

    const dockerfile = join(dir, 'Dockerfile');
    await writeFile(dockerfile, 'FROM busybox:latest\n');
    const withFile = await scanJson([
      '--engine',
      engine.url,
      '--image',
      'dt10-test/absent:9',
      dockerfile,
      '--fail-on',
      'none',
    ]);
    expect(withFile.status).toBe(0);
    expect(withFile.report.errors).toHaveLength(1);
    expect(withFile.report.findings.some((f) => f.location.path === dockerfile)).toBe(true);
  }, 120_000);

  it('refuses an --image that is no file without --engine, naming it', async () => {
    const run = await runCliAsync(['scan', '--image', 'dt10-test/absent:9']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      '--image dt10-test/absent:9: no such file or directory (to export an image from an engine, add --engine)',
    );
    expect(run.stdout).toBe('');
  });

  it('exports two images over one ssh connection, one after the other', async () => {
    const sshd = await startSshd({ dockerHost: engine.url });
    try {
      const url = `ssh://root@${sshd.host}:${sshd.port}`;
      const env = { PATH: sshd.path, HOME: tempDockerConfig('dt10-export-ssh-') };
      const run = await runCliAsync(
        [
          'scan',
          '--format',
          'json',
          '--no-config',
          '--fail-on',
          'none',
          '--engine',
          url,
          '--image',
          TAG,
          '--image',
          ROOT_TAG,
        ],
        { env, timeoutMs: 120_000 },
      );
      const report = JSON.parse(run.stdout) as Report;
      expect(report.errors).toEqual([]);
      expect(run.status).toBe(0);
      const images = new Set(report.findings.map((f) => f.location.image));
      expect(images).toEqual(new Set([`${url} image/${TAG}`, `${url} image/${ROOT_TAG}`]));
      expect(sshd.invocations()).toHaveLength(1);
      expect(sshd.logins()).toBe(1);
    } finally {
      await sshd.stop();
      removeTempDockerConfigs();
    }
  }, 120_000);

  it('says once that an engine cannot be reached, and reads none of the images asked of it', async () => {
    const gone = `unix://${join(dir, 'no-engine.sock')}`;
    const { status, report } = await scanJson(['--engine', gone, '--image', TAG, '--image', ROOT_TAG]);
    expect(status).toBe(2);
    expect(report.errors.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: gone, message: `engine ${gone}: cannot reach the Docker Engine API: GET /_ping: ENOENT` },
    ]);
    expect(report.summary.filesScanned).toBe(2);
  });

  it('ends an export that breaks off or stalls as an error, and keeps every other finding', async () => {
    const cut = await startBreakingProxy(engine.socketPath, 'cut', 300_000);
    const stall = await startBreakingProxy(engine.socketPath, 'stall', 300_000);
    try {
      const { status, report } = await scanJson(
        [
          '--engine',
          cut.url,
          '--engine',
          stall.url,
          '--engine',
          engine.url,
          '--image',
          ROOT_TAG,
          '--timeout',
          '2',
          '--fail-on',
          'none',
        ],
        { timeoutMs: 60_000 },
      );
      expect(status).toBe(0);
      const byPath = new Map(report.errors.map((e) => [e.path, e.message]));
      expect(byPath.get(`${cut.url} image/${ROOT_TAG}`)).toMatch(
        new RegExp(
          `^engine ${cut.url}: image ${ROOT_TAG} cannot be read as an image: the stream broke off after \\d+ bytes, inside [^:]+: aborted$`,
        ),
      );
      expect(byPath.get(`${stall.url} image/${ROOT_TAG}`)).toMatch(
        /cannot be read as an image: the stream broke off after 300000 bytes, inside [^:]+: GET \/v[\d.]+\/images\/.*\/get: the engine sent nothing for 2000 ms$/,
      );
      expect(report.errors).toHaveLength(2);
      // The whole export, from the engine itself, was read and judged.
      const judged = report.findings.filter((f) => f.ruleId === 'D01.image-root-user');
      expect(judged.map((f) => f.location.image)).toEqual([`${engine.url} image/${ROOT_TAG}`]);
    } finally {
      await Promise.all([cut.stop(), stall.stop()]);
    }
  }, 120_000);
});
