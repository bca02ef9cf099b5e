// What the webhook enforces: the config file and --deny-on, and what it answers when it cannot judge (the
// failure policy). Faults are injected where no real input makes them: a rule whose check throws (a real
// rule's metadata, its check replaced), and a judge that throws outside the evaluator.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RuleSet } from '../../src/core/evaluator.js';
import type { AnyRule } from '../../src/core/rule.js';
import { DecisionLog } from '../../src/serve/decision-log.js';
import { ServerMetrics } from '../../src/serve/metrics.js';
import { loadServePolicy, type ServePolicy } from '../../src/serve/policy.js';
import type { FailurePolicy, Mode } from '../../src/serve/admission/decision.js';
import { AdmissionHandler, type Judge } from '../../src/serve/admission/handler.js';
import { createAdmissionServer } from '../../src/serve/admission/server.js';
import { startAdmission } from '../../src/serve/admission/start.js';
import { readKeyPair } from '../../src/serve/admission/tls.js';
import { admit, LineCapture, pod, PRIVILEGED, reviewOf } from './admission-client.js';
import { makeCertificates, type TestCertificates } from './admission-tls.js';

const dir = mkdtempSync(join(tmpdir(), 'dt10-admission-policy-'));
let certificates: TestCertificates;
let policy: ServePolicy;

beforeAll(async () => {
  certificates = makeCertificates(join(dir, 'tls'));
  policy = await loadServePolicy({});
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withServer(
  flags: Record<string, string | string[]>,
  run: (url: string, log: LineCapture) => Promise<void>,
): Promise<void> {
  const log = new LineCapture();
  const server = await startAdmission(
    { cert: certificates.cert, key: certificates.key, port: '0', address: '127.0.0.1', ...flags },
    { stdout: log, stderr: new LineCapture() },
  );
  try {
    await run(server.url, log);
  } finally {
    await server.close();
  }
}

describe('the policy', () => {
  it('takes the rules, severities and rule-wide ignore entries of --config', async () => {
    const config = join(dir, 'dt10.yaml');
    writeFileSync(
      config,
      [
        'rules:',
        '  disable: [D04.no-new-privileges]',
        'ignore:',
        '  - rule: D04.privileged',
        '    reason: "the CNI agent needs it, SEC-42"',
        '  - rule: D04.host-pid',
        '    path: "deploy/**"',
        '    reason: "path-scoped entries name files, which a request has not"',
        '',
      ].join('\n'),
    );
    await withServer({ config }, async (url) => {
      expect(await admit(url, certificates.ca, reviewOf(pod('cni', PRIVILEGED), { uid: 'c1' }))).toEqual({
        uid: 'c1',
        allowed: true,
      });
      const hostPid = pod('agent');
      (hostPid.spec as Record<string, unknown>).hostPID = true;
      const response = await admit(url, certificates.ca, reviewOf(hostPid));
      expect(response.status?.message.split('\n')[1]?.split(' (')[0]).toBe('- D04.host-pid');
    });
  });

  it('denies at --deny-on: at critical the high findings are warnings; at none nothing is denied', async () => {
    const hostPid = pod('agent');
    (hostPid.spec as Record<string, unknown>).hostPID = true;
    await withServer({ denyOn: 'critical' }, async (url) => {
      const response = await admit(url, certificates.ca, reviewOf(hostPid));
      expect(response.allowed).toBe(true);
      expect(response.warnings?.map((w) => w.split(':')[0])).toEqual(['D04.host-pid (high)']);
      expect((await admit(url, certificates.ca, reviewOf(pod('web', PRIVILEGED)))).allowed).toBe(false);
    });
    await withServer({ denyOn: 'none' }, async (url, log) => {
      const response = await admit(url, certificates.ca, reviewOf(pod('web', PRIVILEGED)));
      expect(response.allowed).toBe(true);
      expect(response.warnings?.map((w) => w.split(':')[0])).toEqual([
        'D04.privileged (critical)',
        'D04.no-new-privileges (medium)',
      ]);
      expect(JSON.parse(log.lines.at(-1)!)).toMatchObject({ decision: 'warn' });
    });
  });
});

describe('the failure policy', () => {
  const servers: { close(): void }[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  async function handlerServer(
    options: { mode?: Mode; failurePolicy: FailurePolicy; judge?: Judge; policy?: ServePolicy },
    log: LineCapture,
  ): Promise<string> {
    const metrics = new ServerMetrics('dt10_admission');
    const handler = new AdmissionHandler({
      policy: options.policy ?? policy,
      mode: options.mode ?? 'enforce',
      failurePolicy: options.failurePolicy,
      exemptNamespaces: new Set(),
      log: new DecisionLog(log),
      metrics,
      ...(options.judge ? { judge: options.judge } : {}),
    });
    const server = createAdmissionServer({ keyPair: readKeyPair(certificates), handler, metrics });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** The policy with one more rule: D04.privileged's metadata, a check that throws. */
  function policyWithBrokenRule(): ServePolicy {
    const privileged = policy.rules.find((rule) => rule.id === 'D04.privileged')!;
    const broken = {
      ...privileged,
      id: 'D04.broken',
      check: () => {
        throw new Error('cannot read properties of undefined');
      },
    } as AnyRule;
    const rules = [...policy.rules, broken];
    return { ...policy, rules, ruleSet: new RuleSet(rules) };
  }

  const BROKEN =
    'rule D04.broken failed on container "web" of Pod/web (namespace shop): cannot read properties of undefined';

  it('fail: a rule that throws refuses the request with 500 and the error', async () => {
    const log = new LineCapture();
    const url = await handlerServer({ failurePolicy: 'fail', policy: policyWithBrokenRule() }, log);
    const response = await admit(url, certificates.ca, reviewOf(pod('web'), { uid: 'f1' }));
    expect(response).toEqual({
      uid: 'f1',
      allowed: false,
      status: { code: 500, message: `dt10 could not judge Pod shop/web: ${BROKEN}` },
    });
    expect(JSON.parse(log.lines[0]!)).toMatchObject({
      uid: 'f1',
      decision: 'error',
      rules: [],
      reason: BROKEN,
    });
  });

  it('ignore: the same request is admitted with the error as a warning', async () => {
    const log = new LineCapture();
    const url = await handlerServer({ failurePolicy: 'ignore', policy: policyWithBrokenRule() }, log);
    expect(await admit(url, certificates.ca, reviewOf(pod('web'), { uid: 'i1' }))).toEqual({
      uid: 'i1',
      allowed: true,
      warnings: [`dt10 could not judge Pod shop/web: ${BROKEN}`],
    });
    expect(JSON.parse(log.lines[0]!)).toMatchObject({ decision: 'error', reason: BROKEN });
  });

  it('a finding that denies still denies when another rule fails', async () => {
    const log = new LineCapture();
    const url = await handlerServer({ failurePolicy: 'ignore', policy: policyWithBrokenRule() }, log);
    const response = await admit(url, certificates.ca, reviewOf(pod('web', PRIVILEGED)));
    expect(response.status?.code).toBe(403);
    expect(JSON.parse(log.lines[0]!)).toMatchObject({ decision: 'deny', rules: ['D04.privileged'] });
  });

  it('an unexpected exception is answered by the failure policy too; warn mode always admits', async () => {
    const judge: Judge = () => {
      throw new TypeError('workloads is not iterable');
    };
    const failing = await handlerServer({ failurePolicy: 'fail', judge }, new LineCapture());
    expect(await admit(failing, certificates.ca, reviewOf(pod('web'), { uid: 'x1' }))).toEqual({
      uid: 'x1',
      allowed: false,
      status: {
        code: 500,
        message: 'dt10 could not judge Pod shop/web: internal error: workloads is not iterable',
      },
    });
    const warning = await handlerServer({ mode: 'warn', failurePolicy: 'fail', judge }, new LineCapture());
    expect(await admit(warning, certificates.ca, reviewOf(pod('web'), { uid: 'x2' }))).toEqual({
      uid: 'x2',
      allowed: true,
      warnings: ['dt10 could not judge Pod shop/web: internal error: workloads is not iterable'],
    });
  });
});
