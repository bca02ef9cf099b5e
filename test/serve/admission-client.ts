// What the admission tests send: AdmissionReviews as the API server writes them, over a real HTTPS client
// that trusts only the test CA, and the objects (a hardened pod, variants of it) they carry.
import { request } from 'node:https';
import { Writable } from 'node:stream';

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request on a new connection (no agent: a reloaded certificate is seen by new connections only). */
export function send(
  url: string,
  ca: Buffer,
  options: { method?: string; path?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const call = request(
      `${url}${options.path ?? '/validate?timeout=10s'}`,
      {
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        ca,
        agent: false,
        headers: { 'content-type': 'application/json', ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    call.on('error', reject);
    call.end(options.body);
  });
}

export interface ReviewResponse {
  uid: string;
  allowed: boolean;
  status?: { code: number; message: string };
  warnings?: string[];
}

export async function admit(url: string, ca: Buffer, review: object): Promise<ReviewResponse> {
  const reply = await send(url, ca, { body: JSON.stringify(review) });
  if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.text}`);
  const parsed = JSON.parse(reply.text) as { apiVersion: string; kind: string; response: ReviewResponse };
  if (parsed.apiVersion !== 'admission.k8s.io/v1' || parsed.kind !== 'AdmissionReview')
    throw new Error(`not an AdmissionReview: ${reply.text}`);
  return parsed.response;
}

type Json = Record<string, unknown>;

export interface ReviewFields {
  uid?: string;
  operation?: string;
  namespace?: string;
  subResource?: string;
  username?: string;
  oldObject?: Json;
  /** Left out for DELETE. */
  object?: Json | null;
}

/** An AdmissionReview for `object`, its kind and namespace taken from it as the API server would. */
export function reviewOf(object: Json, fields: ReviewFields = {}): Json {
  const apiVersion = String(object.apiVersion);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const metadata = (object.metadata ?? {}) as Json;
  const resource = `${String(object.kind).toLowerCase()}s`;
  const sent = fields.object === undefined ? object : fields.object;
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: fields.uid ?? '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group, version, kind: object.kind },
      resource: { group, version, resource },
      ...(fields.subResource !== undefined ? { subResource: fields.subResource } : {}),
      requestKind: { group, version, kind: object.kind },
      name: metadata.name ?? '',
      namespace: fields.namespace ?? metadata.namespace ?? 'shop',
      operation: fields.operation ?? 'CREATE',
      userInfo: { username: fields.username ?? 'alice@example.com', groups: ['system:authenticated'] },
      ...(sent !== null ? { object: sent } : {}),
      ...(fields.oldObject ? { oldObject: fields.oldObject } : {}),
      dryRun: false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    },
  };
}

/** A container every workload rule accepts. */
export function hardenedContainer(name = 'web'): Json {
  return {
    name,
    image: 'shop/web:1.4@sha256:6b1d3c2c4a0e6c1b8f2f1e0d9c8b7a6954433221100ffeeddccbbaa998877665',
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    resources: { requests: { memory: '128Mi', cpu: '100m' }, limits: { memory: '256Mi', cpu: '500m' } },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
}

/** The pod spec every workload rule accepts; `container` changes its one container. */
export function hardenedPodSpec(container: Json = {}): Json {
  return {
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [{ ...hardenedContainer(), ...container }],
    volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory' } }],
  };
}

export function pod(name: string, container: Json = {}, namespace = 'shop'): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name } },
    spec: hardenedPodSpec(container),
  };
}

/**
 * A privileged container otherwise hardened. The API server refuses `allowPrivilegeEscalation: false` beside
 * `privileged: true` before webhooks see the object, so it is left out, as it would be.
 */
export const PRIVILEGED: Json = {
  securityContext: { privileged: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
};

/** Lines written to it, as the decision log writes them. */
export class LineCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}
