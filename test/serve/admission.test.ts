// `dt10 serve admission` in process: a real HTTPS server on 127.0.0.1, certificates made by openssl, a real
// client trusting only the test CA, AdmissionReviews as the API server sends them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAdmission, startAdmission } from '../../src/serve/admission/start.js';
import { admit, hardenedPodSpec, LineCapture, pod, PRIVILEGED, reviewOf, send } from './admission-client.js';
import { makeCertificates, type TestCertificates } from './admission-tls.js';

const dir = mkdtempSync(join(tmpdir(), 'dt10-admission-'));
let certificates: TestCertificates;
let enforce: RunningAdmission;
let warn: RunningAdmission;
const enforceLog = new LineCapture();
const warnLog = new LineCapture();
const stderr = new LineCapture();

beforeAll(async () => {
  certificates = makeCertificates(join(dir, 'tls'));
  const common = { cert: certificates.cert, key: certificates.key, port: '0', address: '127.0.0.1' };
  enforce = await startAdmission(
    { ...common, exemptNamespace: ['kube-system', 'dt10-admission,monitoring'] },
    { stdout: enforceLog, stderr },
  );
  warn = await startAdmission({ ...common, mode: 'warn' }, { stdout: warnLog, stderr });
});

afterAll(async () => {
  await enforce?.close();
  await warn?.close();
  rmSync(dir, { recursive: true, force: true });
});

function deployment(container: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: hardenedPodSpec(container) },
    },
  };
}

const PRIVILEGED_LINE =
  '- D04.privileged (critical): container "web" of Pod/web (namespace shop) in the admission request runs privileged.';

describe('dt10 serve admission (enforce)', () => {
  it('says where it listens', () => {
    expect(stderr.lines).toContain(
      `dt10 serve admission: listening on ${enforce.url} (mode enforce, deny on high, failure policy fail, exempt namespaces kube-system, dt10-admission, monitoring)`,
    );
    expect(enforce.url).toBe(`https://127.0.0.1:${enforce.port}`);
  });

  it('admits a hardened pod with nothing to say', async () => {
    const response = await admit(enforce.url, certificates.ca, reviewOf(pod('web'), { uid: 'hardened-1' }));
    expect(response).toEqual({ uid: 'hardened-1', allowed: true });
  });

  it('denies a privileged pod with 403, the rule, its message and its fix; lower findings are warnings', async () => {
    const response = await admit(
      enforce.url,
      certificates.ca,
      reviewOf(pod('web', PRIVILEGED), { uid: 'priv-1' }),
    );
    expect(response.uid).toBe('priv-1');
    expect(response.allowed).toBe(false);
    expect(response.status?.code).toBe(403);
    expect(response.status!.message).toBe(
      'dt10 denied Pod shop/web: 1 finding at or above high\n' +
        `${PRIVILEGED_LINE} Fix (Kubernetes): securityContext: { privileged: false }`,
    );
    expect(response.warnings).toEqual([
      'D04.no-new-privileges (medium): container "web" of Pod/web (namespace shop) in the admission request ' +
        'does not set no-new-privileges (allowPrivilegeEscalation). Fix (Kubernetes): securityContext: { allowPrivilegeEscalation: false }',
    ]);
  });

  it('judges the pod template of a Deployment, naming the Deployment', async () => {
    const response = await admit(enforce.url, certificates.ca, reviewOf(deployment(PRIVILEGED)));
    expect(response.allowed).toBe(false);
    expect(
      response
        .status!.message.split('\n')
        .slice(0, 2)
        .map((l) => l.split('. Fix')[0]),
    ).toEqual([
      'dt10 denied Deployment shop/web: 1 finding at or above high',
      '- D04.privileged (critical): container "web" of Deployment/web (namespace shop) in the admission request runs privileged',
    ]);
    expect((await admit(enforce.url, certificates.ca, reviewOf(deployment({})))).allowed).toBe(true);
  });

  it('judges the job template of a CronJob', async () => {
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report', namespace: 'shop' },
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: {
          spec: { template: { spec: { ...hardenedPodSpec(), hostPID: true, restartPolicy: 'Never' } } },
        },
      },
    };
    const response = await admit(enforce.url, certificates.ca, reviewOf(cronJob));
    expect(response.allowed).toBe(false);
    expect(response.status!.message.split('\n').map((l) => l.split(' (')[0])).toEqual([
      'dt10 denied CronJob shop/report: 1 finding at or above high',
      '- D04.host-pid',
    ]);
  });

  it('names a pod that has no name yet by its generateName, in the namespace of the request', async () => {
    const unnamed = pod('web', PRIVILEGED);
    unnamed.metadata = { generateName: 'web-7d9f5-', labels: { app: 'web' } };
    const response = await admit(enforce.url, certificates.ca, reviewOf(unnamed, { namespace: 'shop' }));
    expect(
      response
        .status!.message.split('\n')
        .slice(0, 2)
        .map((l) => l.split('. Fix')[0]),
    ).toEqual([
      'dt10 denied Pod shop/web-7d9f5-*: 1 finding at or above high',
      '- D04.privileged (critical): container "web" of Pod/web-7d9f5-* (namespace shop) in the admission request runs privileged',
    ]);
  });

  it('judges the containers kubectl debug adds, not the pod ones, and lets other subresources through', async () => {
    const before = pod('web');
    const debugged = pod('web');
    (debugged.spec as { ephemeralContainers: unknown[] }).ephemeralContainers = [
      { name: 'debugger', image: 'busybox:1.36', securityContext: { privileged: true } },
    ];
    const response = await admit(
      enforce.url,
      certificates.ca,
      reviewOf(debugged, { operation: 'UPDATE', subResource: 'ephemeralcontainers', oldObject: before }),
    );
    expect(response.allowed).toBe(false);
    expect(response.status!.message.split('\n')[1]?.split(' runs')[0]).toBe(
      '- D04.privileged (critical): ephemeral container "debugger" of Pod/web (namespace shop) in the admission request',
    );
    const status = await admit(
      enforce.url,
      certificates.ca,
      reviewOf(pod('web', PRIVILEGED), { operation: 'UPDATE', subResource: 'status', uid: 'status-1' }),
    );
    expect(status).toEqual({ uid: 'status-1', allowed: true });
  });

  it('admits DELETE, other kinds, and objects being deleted without judging them', async () => {
    const privileged = pod('web', PRIVILEGED);
    const deleted = await admit(
      enforce.url,
      certificates.ca,
      reviewOf(privileged, { operation: 'DELETE', object: null, oldObject: privileged, uid: 'delete-1' }),
    );
    expect(deleted).toEqual({ uid: 'delete-1', allowed: true });
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: {} };
    expect(await admit(enforce.url, certificates.ca, reviewOf(service, { uid: 'svc-1' }))).toEqual({
      uid: 'svc-1',
      allowed: true,
    });
    const leaving = pod('web', PRIVILEGED);
    (leaving.metadata as Record<string, unknown>).deletionTimestamp = '2026-01-01T00:00:00Z';
    expect(
      await admit(enforce.url, certificates.ca, reviewOf(leaving, { operation: 'UPDATE', uid: 'leaving-1' })),
    ).toEqual({ uid: 'leaving-1', allowed: true });
  });

  it('admits requests in an exempt namespace unjudged, and logs why', async () => {
    const response = await admit(
      enforce.url,
      certificates.ca,
      reviewOf(pod('agent', PRIVILEGED, 'monitoring'), { uid: 'exempt-1' }),
    );
    expect(response).toEqual({ uid: 'exempt-1', allowed: true });
    const line = enforceLog.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.uid === 'exempt-1');
    expect(line).toMatchObject({
      object: 'Pod monitoring/agent',
      decision: 'allow',
      rules: [],
      reason: 'namespace monitoring is exempt',
    });
  });

  it('keeps a refusal with many findings under 4,096 characters, saying how many it left out', async () => {
    const many = pod('web');
    (many.spec as { containers: unknown[] }).containers = Array.from({ length: 40 }, (_, i) => ({
      ...(hardenedPodSpec().containers as Record<string, unknown>[])[0],
      name: `worker-with-a-rather-long-name-${i}`,
      ...PRIVILEGED,
    }));
    const response = await admit(enforce.url, certificates.ca, reviewOf(many));
    const lines = response.status!.message.split('\n');
    expect(lines[0]).toBe('dt10 denied Pod shop/web: 40 findings at or above high');
    expect(Array.from(response.status!.message).length).toBeLessThanOrEqual(4096);
    const shown = lines.filter((l) => l.startsWith('- D04.privileged')).length;
    expect(shown).toBeGreaterThan(5);
    expect(lines.at(-1)).toBe(`… and ${40 - shown} more findings`);
    const warnings = response.warnings!;
    expect(warnings.every((w) => Array.from(w).length <= 256)).toBe(true);
    expect(warnings.reduce((sum, w) => sum + Array.from(w).length, 0)).toBeLessThanOrEqual(4096);
    expect(warnings.at(-1)).toMatch(/^… and \d+ more warnings$/);
  });
});

describe('dt10 serve admission (warn)', () => {
  it('admits a privileged pod with every finding as a warning', async () => {
    const response = await admit(
      warn.url,
      certificates.ca,
      reviewOf(pod('web', PRIVILEGED), { uid: 'warn-1' }),
    );
    expect(response.allowed).toBe(true);
    expect(response.status).toBeUndefined();
    expect(response.warnings?.map((w) => w.split(':')[0])).toEqual([
      'D04.privileged (critical)',
      'D04.no-new-privileges (medium)',
    ]);
    expect(response.warnings?.[0]?.startsWith(PRIVILEGED_LINE.slice(2))).toBe(true);
    expect(JSON.parse(warnLog.lines.at(-1)!)).toMatchObject({
      uid: 'warn-1',
      decision: 'warn',
      rules: ['D04.privileged', 'D04.no-new-privileges'],
    });
  });
});

describe('dt10 serve admission: HTTP', () => {
  it('answers 400 to a body that is not an AdmissionReview v1', async () => {
    const cases: [string, string][] = [
      ['{"apiVersion":', 'body is not JSON'],
      ['[]', 'body is not a JSON object'],
      [
        '{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"x"}}',
        'expected kind AdmissionReview, apiVersion admission.k8s.io/v1; got kind "AdmissionReview", apiVersion "admission.k8s.io/v1beta1"',
      ],
      ['{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}', 'AdmissionReview has no request'],
      [
        '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"operation":"CREATE"}}',
        'AdmissionReview request has no uid',
      ],
    ];
    for (const [body, message] of cases) {
      const reply = await send(enforce.url, certificates.ca, { body });
      expect(reply.status).toBe(400);
      expect(reply.text.startsWith(message)).toBe(true);
    }
  });

  it('answers 413 to a body over 3 MiB without reading it', async () => {
    const body = Buffer.alloc(4 * 1024 * 1024, 'a');
    const reply = await send(enforce.url, certificates.ca, { body });
    expect(reply.status).toBe(413);
    expect(reply.text).toBe('request body larger than 3145728 bytes\n');
  });

  it('answers /healthz, 404 elsewhere, 405 to other methods', async () => {
    expect(await send(enforce.url, certificates.ca, { path: '/healthz' })).toMatchObject({
      status: 200,
      text: 'ok\n',
    });
    expect(await send(enforce.url, certificates.ca, { path: '/nope' })).toMatchObject({
      status: 404,
      text: 'no such path: /nope\n',
    });
    const get = await send(enforce.url, certificates.ca, { path: '/validate', method: 'GET' });
    expect(get).toMatchObject({ status: 405, text: '/validate answers POST only\n' });
    expect(get.headers.allow).toBe('POST');
    expect(
      (await send(enforce.url, certificates.ca, { path: '/healthz', method: 'POST', body: '' })).status,
    ).toBe(405);
  });

  it('accepts reviews on / as well as /validate', async () => {
    const reply = await send(enforce.url, certificates.ca, {
      path: '/',
      body: JSON.stringify(reviewOf(pod('web'), { uid: 'root-path' })),
    });
    expect(JSON.parse(reply.text)).toEqual({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: { uid: 'root-path', allowed: true },
    });
  });

  it('counts requests by decision, denials by rule, and latencies in /metrics', async () => {
    const metrics = new LineCapture();
    const server = await startAdmission(
      { cert: certificates.cert, key: certificates.key, port: '0', address: '127.0.0.1' },
      { stdout: metrics, stderr: new LineCapture() },
    );
    try {
      await admit(server.url, certificates.ca, reviewOf(pod('web')));
      await admit(server.url, certificates.ca, reviewOf(pod('web', PRIVILEGED)));
      await admit(server.url, certificates.ca, reviewOf(deployment(PRIVILEGED)));
      await send(server.url, certificates.ca, { body: 'nope' });
      const reply = await send(server.url, certificates.ca, { path: '/metrics' });
      expect(reply.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      const samples = new Map(
        reply.text
          .split('\n')
          .filter((line) => line !== '' && !line.startsWith('#'))
          .map((line) => [
            line.slice(0, line.lastIndexOf(' ')),
            Number(line.slice(line.lastIndexOf(' ') + 1)),
          ]),
      );
      expect(samples.get('dt10_admission_requests_total{decision="allow"}')).toBe(1);
      expect(samples.get('dt10_admission_requests_total{decision="deny"}')).toBe(2);
      expect(samples.get('dt10_admission_requests_total{decision="bad_request"}')).toBe(1);
      expect(samples.get('dt10_admission_denials_total{rule="D04.privileged"}')).toBe(2);
      expect(samples.get('dt10_admission_request_duration_seconds_count')).toBe(4);
      expect(samples.get('dt10_admission_request_duration_seconds_bucket{le="+Inf"}')).toBe(4);
      expect(samples.get('dt10_admission_request_duration_seconds_sum')).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('logs one JSON line per decision: time, object, user, uid, decision, rules, duration', () => {
    const lines = enforceLog.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const denied = lines.find((line) => line.uid === 'priv-1');
    expect(Object.keys(denied!)).toEqual([
      'time',
      'source',
      'object',
      'decision',
      'rules',
      'user',
      'uid',
      'durationMs',
    ]);
    expect(denied).toMatchObject({
      source: 'admission',
      object: 'Pod shop/web',
      decision: 'deny',
      rules: ['D04.privileged'],
      user: 'alice@example.com',
    });
    expect(Number.isNaN(Date.parse(String(denied!.time)))).toBe(false);
    expect(denied!.durationMs).toBeGreaterThan(0);
    expect(lines.find((line) => line.uid === 'hardened-1')).toMatchObject({ decision: 'allow', rules: [] });
    expect(lines.find((line) => line.uid === 'delete-1')).toMatchObject({
      object: 'Pod shop/web',
      decision: 'allow',
      reason: 'DELETE is not judged',
    });
    expect(lines.find((line) => line.uid === 'svc-1')).toMatchObject({
      object: 'Service shop/web',
      reason: 'kind Service is not judged',
    });
    expect(
      lines.filter((line) => line.object === '(malformed request)').map((line) => line.reason),
    ).toContain('HTTP 413: request body larger than 3145728 bytes');
  });
});

describe('dt10 serve admission: flags', () => {
  const io = { stdout: new LineCapture(), stderr: new LineCapture() };
  it.each([
    [{}, 'serve admission needs --cert FILE and --key FILE (the API server calls webhooks over HTTPS)'],
    [
      { cert: '/nonexistent/tls.crt', key: '/nonexistent/tls.key' },
      'cannot read the certificate /nonexistent/tls.crt: ENOENT',
    ],
    [{ mode: 'audit' }, '--mode must be one of enforce, warn; got "audit"'],
    [{ failurePolicy: 'open' }, '--failure-policy must be one of fail, ignore; got "open"'],
    [{ port: '70000' }, '--port must be a number from 0 to 65535; got "70000"'],
    [{ denyOn: 'severe' }, '--deny-on must be one of critical, high, medium, low, info, none; got "severe"'],
  ])('refuses %j', async (flags, message) => {
    const withFiles =
      'cert' in flags || Object.keys(flags).length === 0
        ? flags
        : { cert: certificates.cert, key: certificates.key, ...flags };
    await expect(startAdmission(withFiles, io)).rejects.toMatchObject({ name: 'UsageError', message });
  });
});
