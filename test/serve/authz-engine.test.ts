// `dt10 serve authz` in front of a real dockerd (--authorization-plugin): the engine refuses a privileged
// create with the plugin's message, runs a hardened one, and passes everything else through.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { PLUGIN_DIR } from '../../src/serve/authz/cli.js';
import { ENGINE } from '../../src/serve/authz/create-body.js';
import { judgedRequest } from '../../src/serve/authz/judged-request.js';
import { judgeWorkloads, loadServePolicy } from '../../src/serve/policy.js';
import type { ApiContainer } from '../../src/sources/engine/api-types.js';
import { containerWorkload } from '../../src/sources/engine/container.js';
import { engineDescribe, INSTALL_HINT, startEngine, type TestEngine } from '../engine/dockerd.js';
import { busyboxImage, DEFAULT_BUSYBOX_TAG } from '../engine/images.js';
import { startTestPlugin, type TestPlugin } from './authz-plugin.js';

/** Unique per run: dockerd finds the plugin by this name in /run/docker/plugins. */
const NAME = `dt10-test-${process.pid}-${Date.now().toString(36)}`;

/** The docker CLI, when installed (docker.io has it): `docker run` shows the message to a person. */
function findDockerCli(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/bin', '/usr/bin'];
  return dirs.map((dir) => join(dir, 'docker')).find((path) => path !== 'docker' && existsSync(path));
}

function dockerCli(
  cli: string,
  engine: TestEngine,
  args: string[],
): Promise<{ status: number | null; stderr: string; stdout: string }> {
  const config = mkdtempSync(join(tmpdir(), 'dt10-docker-config-'));
  return new Promise((resolve, reject) => {
    // A config dir of its own: no context or credential helper of the machine's user gets in the way.
    const child = spawn(cli, ['-H', engine.url, ...args], {
      env: { PATH: process.env.PATH, DOCKER_CONFIG: config, DOCKER_CLI_HINTS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      rmSync(config, { recursive: true, force: true });
      resolve({ status, stdout, stderr });
    });
  });
}

/** The docker run flags that satisfy every workload rule (the image has no digest: D08.no-digest, low). */
const HARDENED_FLAGS = [
  '--user',
  '10001:10001',
  '--read-only',
  '--cap-drop',
  'ALL',
  '--security-opt',
  'no-new-privileges:true',
  '--memory',
  '64m',
  '--memory-swap',
  '64m',
  '--cpus',
  '0.5',
  '--pids-limit',
  '64',
  '--network',
  'none',
  '--log-driver',
  'json-file',
  '--log-opt',
  'max-size=10m',
  '--log-opt',
  'max-file=3',
];

const HARDENED_HOST_CONFIG = {
  ReadonlyRootfs: true,
  CapDrop: ['ALL'],
  SecurityOpt: ['no-new-privileges:true'],
  Memory: 64 * 1024 * 1024,
  MemorySwap: 64 * 1024 * 1024,
  NanoCpus: 500_000_000,
  PidsLimit: 64,
  NetworkMode: 'none',
  LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
};

engineDescribe('dt10 serve authz in front of a real dockerd', () => {
  let plugin: TestPlugin;
  let engine: TestEngine | undefined;

  beforeAll(async () => {
    // dockerd activates its authorization plugins when it starts: the socket must be listening first.
    plugin = await startTestPlugin({ socketPath: join(PLUGIN_DIR, `${NAME}.sock`) });
    engine = await startEngine({ extraArgs: [`--authorization-plugin=${NAME}`] });
    await busyboxImage(engine);
  }, 60_000);

  afterAll(async () => {
    await engine?.stop();
    await plugin?.close();
    expect(existsSync(join(PLUGIN_DIR, `${NAME}.sock`))).toBe(false);
  }, 30_000);

  test('dockerd activated the plugin and asks it about every call', async () => {
    const info = await engine!.request<{ Plugins: { Authorization: string[] | null } }>('GET', '/info');
    expect(info.status).toBe(200);
    expect(info.json.Plugins.Authorization).toEqual([NAME]);
    const list = await engine!.request('GET', '/v1.41/containers/json?all=1');
    expect(list.status).toBe(200);
    const objects = plugin.decisions().map((d) => `${d.decision} ${d.object}`);
    expect(objects).toContain('allow GET /info');
    expect(objects).toContain('allow GET /v1.41/containers/json?all=1');
  });

  test('a privileged create is refused with the plugin message (HTTP 403)', async () => {
    const res = await engine!.request('POST', '/v1.41/containers/create?name=priv', {
      Image: DEFAULT_BUSYBOX_TAG,
      Cmd: ['sh'],
      HostConfig: { Privileged: true, NetworkMode: 'none' },
    });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      message:
        `authorization denied by plugin ${NAME}: dt10 refused container create priv (dt10-test/busybox:1): ` +
        'D04.privileged (critical): container "priv" on the engine runs privileged. Fix (docker run): drop --privileged',
    });
    expect(plugin.decisions()).toContainEqual(
      expect.objectContaining({
        source: 'authz',
        object: 'container create priv (dt10-test/busybox:1)',
        decision: 'deny',
        rules: ['D04.privileged'],
      }),
    );
    const gone = await engine!.request('GET', '/containers/priv/json');
    expect(gone.status).toBe(404);
  });

  test('a hardened create is admitted (HTTP 201) and runs', async () => {
    const res = await engine!.request<{ Id: string }>('POST', '/v1.41/containers/create?name=hardened', {
      Image: DEFAULT_BUSYBOX_TAG,
      User: '10001:10001',
      Cmd: ['true'],
      HostConfig: HARDENED_HOST_CONFIG,
    });
    expect(res.status).toBe(201);
    const start = await engine!.request('POST', `/containers/${res.json.Id}/start`);
    expect(start.status).toBe(204);
    const wait = await engine!.request<{ StatusCode: number }>('POST', `/containers/${res.json.Id}/wait`);
    expect(wait.json.StatusCode).toBe(0);
  });

  test('a HostConfig on start (API < 1.24) replaces the created one: judged, and refused when privileged', async () => {
    const res = await engine!.request<{ Id: string }>('POST', '/v1.41/containers/create?name=restarted', {
      Image: DEFAULT_BUSYBOX_TAG,
      User: '10001:10001',
      Cmd: ['true'],
      HostConfig: HARDENED_HOST_CONFIG,
    });
    expect(res.status).toBe(201);
    const privileged = await engine!.request('POST', '/v1.23/containers/restarted/start', {
      ...HARDENED_HOST_CONFIG,
      Privileged: true,
    });
    expect(privileged.status).toBe(403);
    // Before API 1.24 dockerd answers errors as plain text.
    expect(privileged.text.trim()).toBe(
      `authorization denied by plugin ${NAME}: dt10 refused container start restarted: D04.privileged ` +
        '(critical): container "restarted" on the engine runs privileged. Fix (docker run): drop --privileged',
    );
    // What the plugin guards against: dockerd does apply a start's HostConfig (here a smaller PIDs limit).
    const admitted = await engine!.request('POST', '/v1.23/containers/restarted/start', {
      ...HARDENED_HOST_CONFIG,
      PidsLimit: 32,
    });
    expect(admitted.status).toBe(204);
    const inspect = await engine!.request<ApiContainer>('GET', '/containers/restarted/json');
    expect(inspect.json.HostConfig?.PidsLimit).toBe(32);
    expect(inspect.json.HostConfig?.Privileged).toBe(false);
  });

  test('a create is judged as the container it makes: same findings as its inspect', async () => {
    // Findings below high only, so the plugin admits it; every part of the body that a rule reads.
    const body = {
      Image: DEFAULT_BUSYBOX_TAG,
      User: '10001',
      Env: ['DEBUG=1'],
      Labels: { env: 'prod' },
      HostConfig: {
        Binds: ['/tmp:/data'],
        Tmpfs: { '/run': 'rw,size=1m' },
        Mounts: [{ Type: 'volume', Source: 'cache', Target: '/cache' }],
        CapAdd: ['NET_RAW'],
        RestartPolicy: { Name: 'always' },
        LogConfig: { Type: 'none' },
        Memory: 64 * 1024 * 1024,
        MemorySwap: -1,
        NetworkMode: 'none',
        PidsLimit: -1,
        Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }],
      },
    };
    const policy = await loadServePolicy({});
    const now = new Date();
    const judged = judgedRequest({ kind: 'create', name: 'parity' }, Buffer.from(JSON.stringify(body)));
    const asked = judgeWorkloads(judged.workloads, policy, now);
    const created = await engine!.request('POST', '/v1.41/containers/create?name=parity', body);
    expect(created.status).toBe(201);
    const inspect = await engine!.request<ApiContainer>('GET', '/containers/parity/json');
    const made = judgeWorkloads([containerWorkload(inspect.json, engine!.url)], policy, now);
    expect(asked.denials).toEqual([]);
    // The wording differs where the inspect says more than the request (`ReadonlyRootfs: false` written out).
    const ids = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.ruleId}`).sort();
    expect(ids(asked.warnings)).toEqual(ids(made.warnings));
    expect(ids(asked.warnings)).toEqual([
      'low D07.restart-unbounded',
      'low D07.swap-unlimited',
      'low D08.no-digest',
      'medium D04.capabilities-not-dropped',
      'medium D04.no-new-privileges',
      'medium D07.no-cpu-limit',
      'medium D07.no-pids-limit',
      'medium D09.writable-host-mount',
      'medium D09.writable-rootfs',
      'medium D10.logging-disabled',
    ]);
    const mount = (findings: Finding[], engineName: string) =>
      findings.find((f) => f.ruleId === 'D09.writable-host-mount')?.message.replace(engineName, 'ENGINE');
    expect(mount(asked.warnings, ENGINE)).toBe(
      'container "parity" on ENGINE mounts host path /tmp writable at /data',
    );
    expect(mount(made.warnings, engine!.url)).toBe(mount(asked.warnings, ENGINE));
  });

  // docker.io installs the CLI beside dockerd: without it these fail, never skip.
  const requireCli = (): string => {
    const cli = findDockerCli();
    if (cli === undefined) throw new Error(`the docker CLI is missing: ${INSTALL_HINT}`);
    return cli;
  };
  test('docker run --privileged fails with the rule id on stderr', async () => {
    const run = await dockerCli(requireCli(), engine!, [
      'run',
      '--rm',
      '--privileged',
      '--network',
      'none',
      DEFAULT_BUSYBOX_TAG,
      'true',
    ]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      `Error response from daemon: authorization denied by plugin ${NAME}: dt10 refused container create (dt10-test/busybox:1): D04.privileged (critical)`,
    );
  });

  test('a hardened docker run --rm exits 0', async () => {
    const run = await dockerCli(requireCli(), engine!, [
      'run',
      '--rm',
      ...HARDENED_FLAGS,
      DEFAULT_BUSYBOX_TAG,
      'id',
      '-u',
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('10001\n');
    expect(run.status).toBe(0);
  });
});
