// `dt10 scan --engine ssh://…` against a real private engine behind a real private sshd: the same findings as
// over the engine's socket, through exactly one ssh process (and one login) per engine however many requests
// the scan makes, the Docker CLI's ssh command line, a remote socket path, an ssh context, and ssh failures
// as errors that quote ssh's stderr.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCliAsync } from '../run-cli.js';
import { createContainer, riskyHostConfig, runSleeper } from './containers.js';
import { removeTempDockerConfigs, tempDockerConfig, writeContext } from './context-store.js';
import { engineDescribe, startEngine, type TestEngine } from './dockerd.js';
import { busyboxImage } from './images.js';
import { startSshd, type TestSshd } from './sshd.js';

interface Report {
  findings: { ruleId: string; location: { engine?: string; object?: string; field?: string | null } }[];
  errors: { path: string; message: string }[];
  summary: { engines: { engine: string; reachable: boolean; containers: number }[] };
}

async function scanJson(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; report: Report; stderr: string }> {
  const run = await runCliAsync(
    ['scan', '--format', 'json', '--now', '2026-11-01', '--fail-on', 'none', ...args],
    {
      env,
    },
  );
  let report: Report;
  try {
    report = JSON.parse(run.stdout) as Report;
  } catch {
    throw new Error(`dt10 printed no JSON report (exit ${run.status}): ${run.stderr}`);
  }
  return { status: run.status, report, stderr: run.stderr };
}

/** What was found where, without the engine's label: comparable across transports. */
const found = (report: Report) =>
  report.findings.map((f) => `${f.ruleId} ${f.location.object ?? ''} ${f.location.field ?? ''}`).sort();

engineDescribe('dt10 scan --engine ssh:// (real dockerd behind a real sshd)', () => {
  let engine: TestEngine;
  let sshd: TestSshd;
  let url: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    engine = await startEngine();
    const image = await busyboxImage(engine);
    await createContainer(engine, 'risky', { Image: image, User: '0', HostConfig: riskyHostConfig() });
    for (const name of ['one', 'two', 'three'])
      await createContainer(engine, name, { Image: image, HostConfig: { NetworkMode: 'none' } });
    await runSleeper(engine, 'running', image, { User: '10001' });
    sshd = await startSshd({ dockerHost: engine.url });
    url = `ssh://root@${sshd.host}:${sshd.port}`;
    env = { PATH: sshd.path, HOME: tempDockerConfig('dt10-ssh-home-') };
  }, 120_000);

  afterAll(async () => {
    await sshd?.stop();
    await engine?.stop();
    removeTempDockerConfigs();
  }, 60_000);

  it('reads the engine as over its socket, through one ssh process and one login', async () => {
    const local = await scanJson(['--engine', engine.url], env);
    const invocations = sshd.invocations().length;
    const logins = sshd.logins();
    const { status, report } = await scanJson(['--engine', url], env);
    expect(status).toBe(0);
    expect(report.errors).toEqual([]);
    expect(report.summary.engines).toEqual([{ engine: url, reachable: true, containers: 5 }]);
    expect(found(report)).toEqual(found(local.report));
    expect(
      report.findings.filter((f) => f.location.object === 'container/risky').map((f) => f.ruleId),
    ).toEqual(expect.arrayContaining(['D04.privileged', 'D04.docker-socket-mount']));
    expect(new Set(report.findings.map((f) => f.location.engine))).toEqual(new Set([url]));
    // Dozens of requests (version, info, lists, five inspections, processes…), one process, one login.
    expect(sshd.invocations().slice(invocations)).toEqual([
      [
        '-o',
        'BatchMode=yes',
        '-o',
        'ConnectTimeout=10',
        '-T',
        '-l',
        'root',
        '-p',
        String(sshd.port),
        '--',
        '127.0.0.1',
        'docker',
        'system',
        'dial-stdio',
      ],
    ]);
    expect(sshd.logins() - logins).toBe(1);
  });

  it('passes the socket path of the URL to the remote docker, and quotes its stderr when it fails', async () => {
    const before = sshd.invocations().length;
    const withPath = await scanJson(['--engine', `${url}${engine.socketPath}`, '--timeout', '20'], env);
    expect(withPath.report.errors).toEqual([]);
    expect(withPath.report.summary.engines[0]).toMatchObject({ reachable: true, containers: 5 });
    expect(sshd.invocations()[before]?.slice(-5)).toEqual([
      '127.0.0.1',
      'docker',
      `--host=unix://${engine.socketPath}`,
      'system',
      'dial-stdio',
    ]);
    expect(sshd.invocations()[before]).toContain('ConnectTimeout=20');

    const missing = `${url}/nonexistent/dt10/docker.sock`;
    const { status, report } = await scanJson(['--engine', missing], env);
    expect(status).toBe(2);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]?.message).toContain(`engine ${missing}: cannot reach the Docker Engine API`);
    // docker system dial-stdio's own words, from the remote host, through ssh's stderr.
    expect(report.errors[0]?.message).toMatch(
      /ssh exited with code \d+ before the engine answered: .*\/nonexistent\/dt10\/docker\.sock/,
    );
  });

  it('reports an ssh that cannot log in as an error quoting ssh, after one try', async () => {
    const before = sshd.invocations().length;
    const untrusted = await scanJson(['--engine', url], { ...env, PATH: sshd.untrustingPath });
    expect(untrusted.status).toBe(2);
    expect(untrusted.report.errors[0]?.message).toContain(
      `engine ${url}: cannot reach the Docker Engine API: GET /_ping: ssh exited with code 255 before the engine answered: `,
    );
    expect(untrusted.report.errors[0]?.message).toContain('Host key verification failed.');
    expect(sshd.invocations().length - before).toBe(1);

    const stranger = `ssh://nobody@${sshd.host}:${sshd.port}`;
    const denied = await scanJson(['--engine', stranger], env);
    expect(denied.report.errors[0]?.message).toContain('Permission denied');
  });

  it('reads an ssh context under its name, beside the engine over its socket', async () => {
    const config = tempDockerConfig();
    writeContext(config, 'remote', { host: url });
    const { report } = await scanJson(['--context', 'remote', '--engine', engine.url], {
      ...env,
      DOCKER_CONFIG: config,
    });
    expect(report.errors).toEqual([]);
    expect(report.summary.engines).toEqual([
      { engine: engine.url, reachable: true, containers: 5 },
      { engine: 'remote', reachable: true, containers: 5 },
    ]);
    const privileged = report.findings.filter(
      (f) => f.ruleId === 'D04.privileged' && f.location.object === 'container/risky',
    );
    expect(privileged.map((f) => f.location.engine).sort()).toEqual([engine.url, 'remote'].sort());
  });
});
