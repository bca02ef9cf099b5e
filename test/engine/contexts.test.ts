// `dt10 scan --context NAME` and a bare `--engine` that follows DOCKER_CONTEXT or config.json's currentContext,
// against real private engines (one on a unix socket, one on TCP with mutual TLS), with the context store in
// a temp DOCKER_CONFIG (or HOME/.docker) written as `docker context create` writes it.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCliAsync } from '../run-cli.js';
import { createContainer, sleeper } from './containers.js';
import { removeTempDockerConfigs, tempDockerConfig, useContext, writeContext } from './context-store.js';
import { engineDescribe, startEngine, type TestEngine } from './dockerd.js';
import { busyboxImage } from './images.js';

interface Report {
  findings: { ruleId: string; location: { engine?: string; object?: string } }[];
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

const engines = (report: Report) => report.summary.engines;

engineDescribe('dt10 scan --context (real dockerd, Docker CLI context store)', () => {
  let engine: TestEngine;
  let tlsEngine: TestEngine;
  /** DOCKER_CONFIG with the contexts "local" (unix), "secure" (TLS, all files), "insecure" (no CA, SkipTLSVerify), "unverified" (no CA). */
  let config: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    [engine, tlsEngine] = await Promise.all([startEngine(), startEngine({ tls: true })]);
    await createContainer(
      engine,
      'local-privileged',
      sleeper(await busyboxImage(engine), { HostConfig: { Privileged: true } }),
    );
    await createContainer(
      tlsEngine,
      'tls-privileged',
      sleeper(await busyboxImage(tlsEngine), { HostConfig: { Privileged: true } }),
    );
    const tls = tlsEngine.tls!;
    config = tempDockerConfig();
    writeContext(config, 'local', { host: engine.url, description: 'the test engine' });
    writeContext(config, 'secure', { host: tls.tcpUrl, tls: { ca: tls.ca, cert: tls.cert, key: tls.key } });
    writeContext(config, 'insecure', {
      host: tls.tcpUrl,
      skipTlsVerify: true,
      tls: { cert: tls.cert, key: tls.key },
    });
    writeContext(config, 'unverified', { host: tls.tcpUrl, tls: { cert: tls.cert, key: tls.key } });
    // HOME points nowhere useful: only DOCKER_CONFIG leads to the store.
    env = { DOCKER_CONFIG: config, HOME: tempDockerConfig('dt10-empty-home-') };
  }, 120_000);

  afterAll(async () => {
    await Promise.all([engine?.stop(), tlsEngine?.stop()]);
    removeTempDockerConfigs();
  }, 60_000);

  it('audits a context under its name', async () => {
    const { status, report } = await scanJson(['--context', 'local'], env);
    expect(status).toBe(0);
    expect(report.errors).toEqual([]);
    expect(engines(report)).toEqual([{ engine: 'local', reachable: true, containers: 1 }]);
    const privileged = report.findings.find((f) => f.ruleId === 'D04.privileged');
    expect(privileged?.location).toMatchObject({ engine: 'local', object: 'container/local-privileged' });
  });

  it('uses the TLS files of the store, and SkipTLSVerify', async () => {
    const secure = await scanJson(['--context', 'secure'], env);
    expect(secure.report.errors).toEqual([]);
    expect(engines(secure.report)).toEqual([{ engine: 'secure', reachable: true, containers: 1 }]);
    expect(secure.report.findings.find((f) => f.ruleId === 'D04.privileged')?.location.object).toBe(
      'container/tls-privileged',
    );
    // Over TLS the connection is no finding.
    expect(secure.report.findings.map((f) => f.ruleId)).not.toContain('D03.daemon-tcp-without-tls');

    // No CA in the store, but SkipTLSVerify: the client certificate is enough.
    const insecure = await scanJson(['--context', 'insecure'], env);
    expect(insecure.report.errors).toEqual([]);
    expect(engines(insecure.report)).toEqual([{ engine: 'insecure', reachable: true, containers: 1 }]);

    // No CA and verification on: the engine's certificate is not trusted; the error says where the context points.
    const unverified = await scanJson(['--context', 'unverified'], env);
    expect(unverified.status).toBe(2);
    expect(unverified.report.errors[0]?.message).toContain(
      `engine unverified: cannot reach the Docker Engine API: GET /_ping (${tlsEngine.tls!.tcpUrl}): `,
    );
  });

  it('refuses an unknown context with a usage error naming it and the store', async () => {
    const run = await runCliAsync(['scan', '--context', 'nope'], { env });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `dt10: --context "nope": no such Docker context in ${join(config, 'contexts', 'meta')}`,
    );
    expect(run.stderr).toContain('contexts there: insecure, local, secure, unverified');
  });

  it('follows DOCKER_CONTEXT, then currentContext, for a bare --engine; DOCKER_HOST wins', async () => {
    const fromEnvironment = await scanJson(['--engine'], { ...env, DOCKER_CONTEXT: 'local' });
    expect(engines(fromEnvironment.report)).toEqual([{ engine: 'local', reachable: true, containers: 1 }]);

    const home = tempDockerConfig('dt10-home-');
    const store = join(home, '.docker');
    writeContext(store, 'local', { host: engine.url });
    writeContext(store, 'secure', {
      host: tlsEngine.tls!.tcpUrl,
      tls: { ca: tlsEngine.tls!.ca, cert: tlsEngine.tls!.cert, key: tlsEngine.tls!.key },
    });
    useContext(store, 'secure');
    // No DOCKER_CONFIG: HOME/.docker, and its config.json's currentContext.
    const current = await scanJson(['--engine'], { HOME: home });
    expect(engines(current.report)).toEqual([{ engine: 'secure', reachable: true, containers: 1 }]);
    const environmentFirst = await scanJson(['--engine'], { HOME: home, DOCKER_CONTEXT: 'local' });
    expect(engines(environmentFirst.report)).toEqual([{ engine: 'local', reachable: true, containers: 1 }]);
    const hostFirst = await scanJson(['--engine'], {
      HOME: home,
      DOCKER_CONTEXT: 'secure',
      DOCKER_HOST: engine.url,
    });
    expect(engines(hostFirst.report)).toEqual([{ engine: engine.url, reachable: true, containers: 1 }]);

    useContext(store, 'gone');
    const missing = await runCliAsync(['scan', '--engine'], { env: { HOME: home } });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(
      `currentContext of ${join(store, 'config.json')} "gone": no such Docker context`,
    );
  });

  it('combines contexts with --engine, each engine once', async () => {
    const tls = tlsEngine.tls!;
    const { report } = await scanJson(
      [
        '--context',
        'local',
        '--engine',
        tls.tcpUrl,
        '--tlscacert',
        tls.ca,
        '--tlscert',
        tls.cert,
        '--tlskey',
        tls.key,
        '--context',
        'secure',
        '--context',
        'local',
        '--engine',
      ],
      { ...env, DOCKER_CONTEXT: 'local' },
    );
    expect(report.errors).toEqual([]);
    expect(engines(report).map((e) => e.engine)).toEqual([tls.tcpUrl, 'local', 'secure']);
    expect(
      report.findings
        .filter((f) => f.ruleId === 'D04.privileged')
        .map((f) => `${f.location.engine} ${f.location.object}`)
        .sort(),
    ).toEqual(
      [
        `${tls.tcpUrl} container/tls-privileged`,
        'local container/local-privileged',
        'secure container/tls-privileged',
      ].sort(),
    );
  });
});
