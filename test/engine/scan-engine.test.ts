// `dt10 scan --engine` against real private engines: what a live container's settings make it report,
// that only GET requests ever reach an engine, TLS engines, several engines in one report, and an engine
// that cannot be reached beside files that can.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCliAsync } from '../run-cli.js';
import { createContainer, riskyHostConfig, runSleeper, sleeper } from './containers.js';
import { engineDescribe, startEngine, type TestEngine } from './dockerd.js';
import { buildImage, busyboxImage } from './images.js';
import { type RecordingProxy, startRecordingProxy } from './recording-proxy.js';
import { makeTempDir } from '../temp-dir.js';

interface Report {
  findings: {
    ruleId: string;
    message: string;
    severity: string;
    location: { engine?: string; object?: string; field?: string | null; path?: string };
  }[];
  errors: { path: string; message: string }[];
  summary: { engines: { engine: string; reachable: boolean; containers: number }[] };
}

async function scanJson(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number | null; report: Report; stderr: string }> {
  const run = await runCliAsync(['scan', '--format', 'json', '--now', '2026-11-01', ...args], { env });
  return { status: run.status, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

const at = (report: Report, object: string) =>
  report.findings.filter((f) => f.location.object === object).map((f) => f.ruleId);

engineDescribe('dt10 scan --engine (real dockerd)', () => {
  let engine: TestEngine;
  let tlsEngine: TestEngine;
  let proxy: RecordingProxy;

  beforeAll(async () => {
    [engine, tlsEngine] = await Promise.all([startEngine(), startEngine({ tls: true })]);
    const image = await busyboxImage(engine);
    await createContainer(engine, 'risky', {
      Image: image,
      User: '0',
      Env: ['DB_PASSWORD=s3cr3t-Value-9'],
      HostConfig: riskyHostConfig(),
    });
    // Created from the image id: content-addressed, as a digest-pinned reference is.
    await createContainer(engine, 'hardened', {
      Image: image,
      User: '10001:10001',
      HostConfig: {
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        ReadonlyRootfs: true,
        Memory: 64 * 1024 * 1024,
        NanoCpus: 500_000_000,
        PidsLimit: 100,
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        LogConfig: { Type: 'local' },
        NetworkMode: 'none',
      },
    });
    await runSleeper(engine, 'running', image, { User: '10001' });
    // Runs as root, and its sleeper touches /tmp/dt10-touched: root processes; /tmp is no drift.
    await runSleeper(engine, 'running-root', image, {
      User: '0',
      Cmd: ['sh', '-c', 'touch /etc/dt10-planted && exec sleep 3600'],
    });
    // Created from the tag, which then moves to another image: the container runs what the tag no longer names.
    await createContainer(engine, 'drifted', { Image: 'dt10-test/busybox:1', User: '10001' });
    const other = await buildImage(
      engine,
      'FROM dt10-test/busybox:1\nLABEL rebuilt=yes\n',
      'dt10-test/rebuilt:1',
    );
    const tagged = await engine.request(
      'POST',
      `/images/${encodeURIComponent(other)}/tag?repo=dt10-test/busybox&tag=1`,
    );
    expect(tagged.status).toBe(201);
    await createContainer(
      tlsEngine,
      'over-tls',
      sleeper(await busyboxImage(tlsEngine), { HostConfig: { Privileged: true } }),
    );
    proxy = await startRecordingProxy(engine.socketPath);
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all([engine?.stop(), tlsEngine?.stop()]);
  }, 60_000);

  it('reports the risky container and the engine, and not the hardened one', async () => {
    const { status, report } = await scanJson(['--engine', engine.url, '--fail-on', 'critical']);
    expect(status).toBe(1);
    expect(report.errors).toEqual([]);
    expect(report.summary.engines).toEqual([{ engine: engine.url, reachable: true, containers: 5 }]);
    const risky = at(report, 'container/risky');
    for (const id of [
      'D04.privileged',
      'D04.dangerous-capabilities',
      'D04.docker-socket-mount',
      'D04.host-pid',
      'D04.host-ipc',
      'D04.seccomp-disabled',
      'D01.workload-root-user',
      'D06.secret-in-env',
      'D10.logging-disabled',
      'D07.restart-unbounded',
      'D03.port-all-interfaces',
    ])
      expect(risky, id).toContain(id);
    expect(at(report, 'container/hardened')).toEqual([]);
    // Imported here, never pulled: the image lacks a registry origin. One finding at the image, naming
    // every container that runs it.
    const origin = report.findings.filter((f) => f.ruleId === 'D08.no-registry-origin');
    expect(origin.map((f) => f.location.object?.startsWith('image/'))).toEqual([true]);
    expect(origin[0]!.message).toContain('also applies to');
    const privileged = report.findings.find(
      (f) => f.ruleId === 'D04.privileged' && f.location.object === 'container/risky',
    );
    expect(privileged?.location).toEqual({
      engine: engine.url,
      object: 'container/risky',
      field: 'HostConfig.Privileged',
    });
    // The engine itself: its versions and settings from /version and /info.
    expect(at(report, 'engine')).toEqual(
      expect.arrayContaining(['D01.userns-remap-disabled', 'D02.runtime-vulnerable']),
    );
  });

  it("reads running containers' processes and changes, and images' age, origin and tag", async () => {
    const { report } = await scanJson(['--engine', engine.url, '--fail-on', 'none']);
    expect(at(report, 'container/running-root')).toEqual(
      expect.arrayContaining(['D01.root-processes', 'D09.runtime-drift']),
    );
    const drift = report.findings.find(
      (f) => f.ruleId === 'D09.runtime-drift' && f.location.object === 'container/running-root',
    );
    expect(drift?.location.field).toBe('changes');
    expect(at(report, 'container/running')).not.toContain('D01.root-processes');
    expect(at(report, 'container/running')).not.toContain('D09.runtime-drift');
    expect(at(report, 'container/drifted')).toContain('D08.image-drift-from-tag');
    expect(at(report, 'container/running')).not.toContain('D08.image-drift-from-tag');
    // The image was made today: not old now, old in a year.
    expect(report.findings.filter((f) => f.ruleId === 'D02.image-age')).toEqual([]);
    const later = await scanJson([
      '--engine',
      engine.url,
      '--fail-on',
      'none',
      '--now',
      new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
    ]);
    const old = later.report.findings.filter((f) => f.ruleId === 'D02.image-age');
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((f) => f.severity === 'high' && f.location.field === 'Created')).toBe(true);
    // --no-processes leaves /top and /changes out.
    const quick = await scanJson(['--engine', engine.url, '--fail-on', 'none', '--no-processes']);
    expect(
      quick.report.findings.filter(
        (f) => f.ruleId === 'D01.root-processes' || f.ruleId === 'D09.runtime-drift',
      ),
    ).toEqual([]);
  });

  it('never shows a secret value from a container', async () => {
    const run = await runCliAsync(['scan', '--engine', engine.url, '--no-color']);
    expect(run.stdout).toContain('D06.secret-in-env');
    expect(run.stdout).not.toContain('s3cr3t-Value-9');
  });

  it('sends only GET requests to the engine (a recording proxy sits between)', async () => {
    proxy.requests.length = 0;
    const { report } = await scanJson(['--engine', proxy.url, '--fail-on', 'none']);
    expect(report.summary.engines[0]).toMatchObject({ reachable: true, containers: 5 });
    expect(proxy.requests.length).toBeGreaterThan(5);
    expect(proxy.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD')).toEqual([]);
  });

  it('reads a TLS engine with client certificates, from flags or from DOCKER_CERT_PATH', async () => {
    const tls = tlsEngine.tls!;
    const withFlags = await scanJson([
      '--engine',
      tls.tcpUrl,
      '--tlscacert',
      join(tls.certPath, 'ca.pem'),
      '--tlscert',
      join(tls.certPath, 'cert.pem'),
      '--tlskey',
      join(tls.certPath, 'key.pem'),
      '--fail-on',
      'none',
    ]);
    expect(withFlags.report.errors).toEqual([]);
    expect(at(withFlags.report, 'container/over-tls')).toContain('D04.privileged');
    const fromEnvironment = await scanJson(['--engine', '--fail-on', 'none'], tls.env);
    expect(fromEnvironment.report.summary.engines).toEqual([
      { engine: tls.tcpUrl, reachable: true, containers: 1 },
    ]);
    // Over TLS the connection itself is no finding.
    expect(at(fromEnvironment.report, 'engine')).not.toContain('D03.daemon-tcp-without-tls');
    // Without the client certificate the engine refuses: an error naming it, not a crash.
    const refused = await scanJson([
      '--engine',
      tls.tcpUrl.replace('tcp://', 'https://'),
      '--tlscacert',
      join(tls.certPath, 'ca.pem'),
    ]);
    expect(refused.status).toBe(2);
    expect(refused.report.errors[0]?.message).toContain(
      `engine ${tls.tcpUrl.replace('tcp://', 'https://')}: cannot reach`,
    );
  });

  it('labels findings of several engines with their engine, in one report with files', async () => {
    const dir = makeTempDir('dt10-engine-files');
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  web:\n    image: example/web:1.0\n    privileged: true\n',
    );
    const tls = tlsEngine.tls!;
    const { report } = await scanJson([
      dir,
      '--engine',
      engine.url,
      '--engine',
      tls.tcpUrl,
      '--tlscacert',
      join(tls.certPath, 'ca.pem'),
      '--tlscert',
      join(tls.certPath, 'cert.pem'),
      '--tlskey',
      join(tls.certPath, 'key.pem'),
      '--fail-on',
      'none',
    ]);
    const privileged = report.findings.filter((f) => f.ruleId === 'D04.privileged');
    expect(privileged.map((f) => f.location.engine ?? f.location.path).sort()).toEqual(
      [engine.url, join(dir, 'compose.yaml'), tls.tcpUrl].sort(),
    );
  });

  it('reports an unreachable engine as an error and keeps every other finding', async () => {
    const dir = makeTempDir('dt10-engine-down');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.22\nUSER root\n');
    const down = 'unix:///nonexistent/dt10-test/docker.sock';
    const { status, report } = await scanJson([
      dir,
      '--engine',
      engine.url,
      '--engine',
      down,
      '--fail-on',
      'none',
    ]);
    expect(status).toBe(0);
    expect(report.errors).toEqual([
      {
        path: down,
        message: expect.stringContaining(`engine ${down}: cannot reach the Docker Engine API`),
        line: null,
        column: null,
        ruleId: null,
      },
    ]);
    expect(report.findings.some((f) => f.location.path?.endsWith('Dockerfile'))).toBe(true);
    expect(report.findings.some((f) => f.location.engine === engine.url)).toBe(true);
    const alone = await scanJson(['--engine', down]);
    expect(alone.status).toBe(2);
  });
});
