// The probe against real Redis and etcd servers on 127.0.0.1 (Debian's redis-server and etcd-server).
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit.js';
import { runProbe } from '../../src/probe/command.js';
import { findingsOf, probe } from '../../src/probe/probe.js';
import { parseTargets } from '../../src/probe/targets.js';
import { freePort, startEtcd, startRedis, type TestServer } from './servers.js';

const OPTIONS = { timeoutMs: 3_000, concurrency: 8 };

function sink(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

describe('probe: Redis', () => {
  let open: TestServer;
  let locked: TestServer;
  beforeAll(async () => {
    [open, locked] = await Promise.all([startRedis(), startRedis('s3cret-dt10')]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([open?.stop(), locked?.stop()]);
  });

  it('flags Redis without a password and accepts one with --requirepass', async () => {
    const { outcomes } = await probe(
      parseTargets([`127.0.0.1:${open.port}/redis,${locked.port}/redis`]),
      OPTIONS,
    );
    expect(outcomes.map((o) => [o.state, o.answer?.verdict, o.answer?.evidence])).toEqual([
      ['open', 'unauthenticated', 'PING → +PONG'],
      ['open', 'authenticated', expect.stringMatching(/^PING → -NOAUTH/)],
    ]);
    const findings = findingsOf(outcomes);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'D03.unauthenticated-interface',
      severity: 'high', // on loopback; beyond it, critical
      location: { engine: `tcp://127.0.0.1:${open.port}`, object: 'redis' },
      evidence: 'PING → +PONG',
    });
  });

  it('recognises Redis on a port that names no service, after the HTTP probes found nothing', async () => {
    const { outcomes } = await probe(parseTargets([`127.0.0.1:${open.port}`]), OPTIONS);
    expect(outcomes[0]!.answer).toMatchObject({ service: 'redis', verdict: 'unauthenticated' });
  });

  it('exits 1 with a finding at or above --fail-on, 0 below it, and writes every format', async () => {
    const stdout = sink();
    const stderr = sink();
    const target = `127.0.0.1:${open.port}/redis`;
    expect(await runProbe([target], {}, { stdout, stderr })).toBe(ExitCode.Findings);
    expect(stdout.text).toMatch(
      new RegExp(`tcp://127\\.0\\.0\\.1:${open.port}\\s+redis\\s+UNAUTHENTICATED\\s+PING → \\+PONG`),
    );
    expect(stdout.text).toContain(
      '1 unauthenticated interface (D03.unauthenticated-interface); 1 port probed, 1 open',
    );
    expect(await runProbe([target], { failOn: 'critical' }, { stdout: sink(), stderr })).toBe(ExitCode.Clean);
    const json = sink();
    await runProbe([target], { format: 'json' }, { stdout: json, stderr });
    const report = JSON.parse(json.text) as { findings: { ruleId: string; location: unknown }[] };
    expect(report.findings.map((f) => [f.ruleId, f.location])).toEqual([
      [
        'D03.unauthenticated-interface',
        { engine: `tcp://127.0.0.1:${open.port}`, object: 'redis', field: null },
      ],
    ]);
    const sarif = sink();
    await runProbe([target], { format: 'sarif' }, { stdout: sarif, stderr });
    expect(JSON.parse(sarif.text).runs[0].results[0].ruleId).toBe('D03.unauthenticated-interface');
  });
});

describe('probe: etcd', () => {
  let etcd: Awaited<ReturnType<typeof startEtcd>>;
  beforeAll(async () => {
    etcd = await startEtcd();
  }, 60_000);
  afterAll(async () => {
    await etcd?.stop();
  });

  it('flags etcd without authentication (a range read answered), client and peer port, then accepts it with auth on', async () => {
    const [client, peer] = etcd.ports as [number, number];
    const targets = parseTargets([`127.0.0.1:${client}/etcd,${peer}/etcd`]);
    const before = await probe(targets, OPTIONS);
    expect(before.outcomes.map((o) => [o.answer?.verdict, o.answer?.evidence])).toEqual([
      ['unauthenticated', expect.stringMatching(/^POST \/v3\/kv\/range → 200 \(etcd 3\./)],
      ['unauthenticated', expect.stringMatching(/^GET \/members → 200 \(etcd .* peer port/)],
    ]);
    expect(findingsOf(before.outcomes).map((f) => f.location)).toEqual([
      { engine: `tcp://127.0.0.1:${client}`, object: 'etcd' },
      { engine: `tcp://127.0.0.1:${peer}`, object: 'etcd' },
    ]);

    await etcd.enableAuth();
    const after = await probe(parseTargets([`127.0.0.1:${client}/etcd`]), OPTIONS);
    expect(after.outcomes[0]!.answer).toMatchObject({
      service: 'etcd',
      verdict: 'authenticated',
      evidence: expect.stringMatching(/^POST \/v3\/kv\/range → 4\d\d \(etcdserver: user name is empty\)/),
    });
    expect(findingsOf(after.outcomes)).toEqual([]);
  });
});

describe('probe: ports and hosts', () => {
  it('reports a closed port as closed, with no finding', async () => {
    const port = await freePort();
    const { outcomes } = await probe(parseTargets([`127.0.0.1:${port}/redis`]), OPTIONS);
    expect(outcomes.map((o) => o.state)).toEqual(['closed']);
    expect(findingsOf(outcomes)).toEqual([]);
  });

  it('exits 2 when no host resolves, and on a malformed target', async () => {
    const stderr = sink();
    expect(await runProbe(['no-such-host.invalid:6379'], {}, { stdout: sink(), stderr })).toBe(
      ExitCode.UsageOrInput,
    );
    expect(stderr.text).toContain('no host could be resolved');
    await expect(runProbe(['127.0.0.1:notaport'], {}, { stdout: sink(), stderr })).rejects.toThrow(
      /not a port/,
    );
    await expect(runProbe(['127.0.0.1:1'], { timeout: '0' }, { stdout: sink(), stderr })).rejects.toThrow(
      /--timeout/,
    );
  });
});
