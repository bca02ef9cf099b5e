// The probe against real private dockerds (test/engine/dockerd.ts) listening on 127.0.0.1: plain TCP is
// flagged, --tlsverify (a client without a certificate is refused) is not.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findingsOf, probe } from '../../src/probe/probe.js';
import { parseTargets } from '../../src/probe/targets.js';
import { engineDescribe, startEngine, type TestEngine } from '../engine/dockerd.js';
import { freePort } from './servers.js';

engineDescribe('probe: Docker Engine API', () => {
  let plain: TestEngine;
  let verified: TestEngine;
  let plainPort: number;
  beforeAll(async () => {
    plainPort = await freePort();
    // dockerd 20.10 waits some seconds before it listens on TCP without TLS (its warning): allow for it.
    [plain, verified] = await Promise.all([
      startEngine({ extraArgs: ['-H', `tcp://127.0.0.1:${plainPort}`], timeoutMs: 60_000 }),
      startEngine({ tls: true, timeoutMs: 60_000 }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([plain?.stop(), verified?.stop()]);
  }, 60_000);

  it('flags the API on plain TCP and accepts the one that requires client certificates', async () => {
    const tlsPort = verified.tls!.port;
    // The plain one on the TLS convention's port order too: named as docker-api, each port its own scheme order.
    const { outcomes } = await probe(
      parseTargets([`127.0.0.1:${plainPort}/docker-api,${tlsPort}/docker-api`]),
      { timeoutMs: 5_000, concurrency: 2 },
    );
    expect(outcomes.map((o) => [o.state, o.answer?.service, o.answer?.verdict, o.answer?.tls])).toEqual([
      ['open', 'docker-api', 'unauthenticated', false],
      ['open', 'docker-api', 'authenticated', true],
    ]);
    expect(outcomes[0]!.answer!.evidence).toMatch(
      /^GET \/version → 200 \(Docker \d+\.\d+\.\d+.*, API 1\.\d+\)$/,
    );
    expect(outcomes[1]!.answer!.evidence).toMatch(
      /^GET \/_ping over TLS without a client certificate → refused \(/,
    );
    expect(findingsOf(outcomes)).toMatchObject([
      {
        ruleId: 'D03.unauthenticated-interface',
        severity: 'high',
        location: { engine: `tcp://127.0.0.1:${plainPort}`, object: 'docker-api' },
      },
    ]);
  });

  it('recognises the Docker API on a port that names no service', async () => {
    const { outcomes } = await probe(parseTargets([`127.0.0.1:${plainPort}`]), {
      timeoutMs: 5_000,
      concurrency: 1,
    });
    expect(outcomes[0]!.answer).toMatchObject({ service: 'docker-api', verdict: 'unauthenticated' });
  });
});
