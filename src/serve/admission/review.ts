// AdmissionReview (admission.k8s.io/v1) in: the request fields the webhook reads, or why the body is not a
// review it can answer. Only `uid` and the fields that decide whether to judge are required: the API server
// always sends them, and anything else missing is treated as absent rather than as a malformed review.
import { asMapping, asScalarString, type Mapping } from '../../sources/shared/values.js';

export const REVIEW_API_VERSION = 'admission.k8s.io/v1';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface AdmissionRequest {
  uid: string;
  /** The object's kind (`apps/v1 Deployment`), which `object.kind` may leave out. */
  kind: GroupVersionKind;
  /** `status`, `exec`, `ephemeralcontainers`…; empty for the object itself. */
  subResource: string;
  /** Empty for cluster-scoped objects. */
  namespace: string;
  /** Empty when the API server has not named the object yet (a pod from `generateName`). */
  name: string;
  operation: string;
  username?: string;
  /** The new object (CREATE, UPDATE, CONNECT options); absent for DELETE. */
  object?: Mapping;
  /** The object before an UPDATE. */
  oldObject?: Mapping;
}

export type ParsedReview = { request: AdmissionRequest } | { error: string };

function text(mapping: Mapping | undefined, key: string): string {
  return asScalarString(mapping?.[key]) ?? '';
}

export function parseReview(body: Buffer): ParsedReview {
  let review: unknown;
  try {
    review = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { error: `body is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const mapping = asMapping(review);
  if (!mapping) return { error: 'body is not a JSON object' };
  if (mapping.kind !== 'AdmissionReview' || mapping.apiVersion !== REVIEW_API_VERSION)
    return {
      error: `expected kind AdmissionReview, apiVersion ${REVIEW_API_VERSION}; got kind ${JSON.stringify(mapping.kind ?? null)}, apiVersion ${JSON.stringify(mapping.apiVersion ?? null)}`,
    };
  const request = asMapping(mapping.request);
  if (!request) return { error: 'AdmissionReview has no request' };
  const uid = text(request, 'uid');
  if (uid === '') return { error: 'AdmissionReview request has no uid' };
  const operation = text(request, 'operation');
  if (operation === '') return { error: 'AdmissionReview request has no operation' };
  const kind = asMapping(request.kind);
  const object = asMapping(request.object);
  const oldObject = asMapping(request.oldObject);
  const username = asScalarString(asMapping(request.userInfo)?.username);
  return {
    request: {
      uid,
      kind: { group: text(kind, 'group'), version: text(kind, 'version'), kind: text(kind, 'kind') },
      subResource: text(request, 'subResource'),
      namespace: text(request, 'namespace'),
      name: text(request, 'name'),
      operation,
      ...(username !== undefined ? { username } : {}),
      ...(object ? { object } : {}),
      ...(oldObject ? { oldObject } : {}),
    },
  };
}
