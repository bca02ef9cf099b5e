// The webhook's own manifests (deploy/admission): dt10 finds nothing in them at any severity, the webhook
// configuration sends what the server judges, and the webhook admits its own Deployment.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAdmission, startAdmission } from '../../src/serve/admission/start.js';
import { ROOT, runCli } from '../run-cli.js';
import { admit, LineCapture, reviewOf } from './admission-client.js';
import { makeCertificates, type TestCertificates } from './admission-tls.js';

type Json = Record<string, unknown>;

function manifests(file: string): Json[] {
  return loadAll(readFileSync(join(ROOT, 'deploy/admission', file), 'utf8')) as Json[];
}

function byKind(kind: string): Json {
  const found = ['namespace.yaml', 'deployment.yaml', 'webhook.yaml']
    .flatMap(manifests)
    .find((object) => object.kind === kind);
  if (!found) throw new Error(`no ${kind} in deploy/admission`);
  return found;
}

interface Container {
  args: string[];
  securityContext: Json;
  readinessProbe: Json;
  livenessProbe: Json;
  volumeMounts: Json[];
  resources: { limits: Json };
}

describe('deploy/admission', () => {
  it('has no finding at any severity, and nothing suppressed', () => {
    const run = runCli(['scan', 'deploy/admission', '--format', 'json', '--fail-on', 'info']);
    const report = JSON.parse(run.stdout) as {
      findings: unknown[];
      suppressed: unknown[];
      errors: unknown[];
      summary: { filesScanned: number };
    };
    expect(run.status).toBe(0);
    expect(report.errors).toEqual([]);
    expect(report.summary.filesScanned).toBe(4);
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toEqual([]);
  });

  it('registers a v1, side-effect-free webhook that fails closed and spares kube-system and itself', () => {
    const configuration = byKind('ValidatingWebhookConfiguration');
    const [webhook] = configuration.webhooks as Json[];
    expect(webhook).toMatchObject({
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      failurePolicy: 'Fail',
      timeoutSeconds: 5,
      namespaceSelector: {
        matchExpressions: [
          {
            key: 'kubernetes.io/metadata.name',
            operator: 'NotIn',
            values: ['kube-system', 'dt10-admission'],
          },
        ],
      },
      clientConfig: { service: { namespace: 'dt10-admission', name: 'dt10-admission', path: '/validate' } },
    });
    const resources = (
      webhook!.rules as { apiGroups: string[]; resources: string[]; operations: string[] }[]
    ).map((rule) => `${rule.apiGroups.join()}: ${rule.resources.join(' ')} (${rule.operations.join(' ')})`);
    expect(resources).toEqual([
      ': pods pods/ephemeralcontainers replicationcontrollers (CREATE UPDATE)',
      'apps: deployments statefulsets daemonsets replicasets (CREATE UPDATE)',
      'batch: jobs cronjobs (CREATE UPDATE)',
    ]);
  });

  it('runs the webhook unprivileged, with the certificate from the Secret and HTTPS probes', () => {
    const deployment = byKind('Deployment') as { spec: { template: { spec: Json } } };
    const pod = deployment.spec.template.spec;
    expect(pod).toMatchObject({
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      volumes: [{ name: 'tls', secret: { secretName: 'dt10-admission-tls' } }],
    });
    const [container] = pod.containers as Container[];
    expect(container!.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container!.volumeMounts).toEqual([{ name: 'tls', mountPath: '/tls', readOnly: true }]);
    expect(container!.args.slice(0, 4)).toEqual([
      'serve',
      'admission',
      '--cert=/tls/tls.crt',
      '--key=/tls/tls.key',
    ]);
    for (const probe of [container!.readinessProbe, container!.livenessProbe])
      expect(probe.httpGet).toEqual({ path: '/healthz', port: 'https', scheme: 'HTTPS' });
    expect(Object.keys(container!.resources.limits).sort()).toEqual(['cpu', 'memory']);
    expect(byKind('ServiceAccount').automountServiceAccountToken).toBe(false);
  });

  describe('the webhook and its own Deployment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dt10-admission-deploy-'));
    let certificates: TestCertificates;
    let server: RunningAdmission;
    beforeAll(async () => {
      certificates = makeCertificates(dir);
      server = await startAdmission(
        { cert: certificates.cert, key: certificates.key, port: '0', address: '127.0.0.1' },
        { stdout: new LineCapture(), stderr: new LineCapture() },
      );
    });
    afterAll(async () => {
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('admits it with no warning', async () => {
      const response = await admit(
        server.url,
        certificates.ca,
        reviewOf(byKind('Deployment'), { uid: 'self' }),
      );
      expect(response).toEqual({ uid: 'self', allowed: true });
    });
  });
});
