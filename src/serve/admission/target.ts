// What an admission request asks to run: whether the webhook judges it at all, how it is named in answers
// and logs, and its containers as Workloads, read by the same Kubernetes source the scan uses (so a
// manifest in CI and the object the API server is about to store get the same findings).
import { loadKubernetes } from '../../sources/kubernetes/load.js';
import { asArray, asMapping, asScalarString, type Mapping } from '../../sources/shared/values.js';
import { RequestPositions } from './positions.js';
import type { Workload } from '../../subjects/workload.js';
import type { AdmissionRequest } from './review.js';

/** The kinds that carry a pod template, by the API group each belongs to (a CRD may reuse a name). */
const JUDGED_KINDS: ReadonlyMap<string, string> = new Map([
  ['Pod', ''],
  ['ReplicationController', ''],
  ['Deployment', 'apps'],
  ['StatefulSet', 'apps'],
  ['DaemonSet', 'apps'],
  ['ReplicaSet', 'apps'],
  ['Job', 'batch'],
  ['CronJob', 'batch'],
]);

/** `kubectl debug` adds containers to a running pod through this subresource: they are judged too. */
const EPHEMERAL = 'ephemeralcontainers';

/** Why the request is admitted without being judged; `undefined` when it is judged. */
export function notJudged(request: AdmissionRequest): string | undefined {
  if (request.operation !== 'CREATE' && request.operation !== 'UPDATE')
    return `${request.operation} is not judged`;
  const { group, kind } = request.kind;
  if (JUDGED_KINDS.get(kind) !== group) return `kind ${group === '' ? '' : `${group}/`}${kind} is not judged`;
  if (request.subResource !== '' && !(kind === 'Pod' && request.subResource === EPHEMERAL))
    return `subresource ${request.subResource} is not judged`;
  // Controllers update an object on its way out (finalizers): refusing that would keep it forever.
  if (asScalarString(asMapping(request.object?.metadata)?.deletionTimestamp) !== undefined)
    return 'the object is being deleted';
  return undefined;
}

/**
 * The object's name: the request's, else its own, else (a pod a ReplicaSet creates is named by the API
 * server after admission) its `generateName` with `*`, else its owner.
 */
function objectName(request: AdmissionRequest): string {
  const metadata = asMapping(request.object?.metadata);
  const name = request.name || asScalarString(metadata?.name);
  if (name) return name;
  const generateName = asScalarString(metadata?.generateName);
  if (generateName) return `${generateName}*`;
  const owner = asMapping(asArray(metadata?.ownerReferences)[0]);
  const ownerKind = asScalarString(owner?.kind);
  const ownerName = asScalarString(owner?.name);
  return ownerKind && ownerName ? `(of ${ownerKind} ${ownerName})` : '(unnamed)';
}

function objectNamespace(request: AdmissionRequest): string {
  return request.namespace || (asScalarString(asMapping(request.object?.metadata)?.namespace) ?? '');
}

/** `Deployment shop/web`: how answers and the decision log name the object. */
export function objectLabel(request: AdmissionRequest): string {
  const namespace = objectNamespace(request);
  return `${request.kind.kind || 'object'} ${namespace === '' ? '' : `${namespace}/`}${objectName(request)}`;
}

/** The names of the ephemeral containers of a pod object. */
function ephemeralNames(pod: Mapping | undefined): Set<string> {
  return new Set(
    asArray(asMapping(pod?.spec)?.ephemeralContainers).flatMap(
      (container) => asScalarString(asMapping(container)?.name) ?? [],
    ),
  );
}

/**
 * The object as the Kubernetes source should read it: kind, namespace and name filled in from the request
 * where the object leaves them out, without what the API server keeps about it. For `ephemeralcontainers`, only the containers this request adds: the
 * pod's own containers were judged when it was created, and ephemeral containers cannot be removed.
 */
function preparedObject(request: AdmissionRequest, object: Mapping): Mapping {
  // managedFields and status say nothing about what runs, and are often the larger part of the object.
  const { managedFields: _fields, ...metadata } = asMapping(object.metadata) ?? {};
  const { status: _status, ...rest } = object;
  const namespace = objectNamespace(request);
  const prepared: Mapping = {
    ...rest,
    kind: asScalarString(object.kind) ?? request.kind.kind,
    metadata: { ...metadata, name: objectName(request), ...(namespace !== '' ? { namespace } : {}) },
  };
  if (request.subResource === EPHEMERAL) {
    const spec = asMapping(object.spec) ?? {};
    const before = ephemeralNames(request.oldObject);
    prepared.spec = {
      ...spec,
      initContainers: [],
      containers: [],
      ephemeralContainers: asArray(spec.ephemeralContainers).filter(
        (container) => !before.has(asScalarString(asMapping(container)?.name) ?? ''),
      ),
    };
  }
  return prepared;
}

/** One Workload per container of the object's pod (template). */
export function requestWorkloads(request: AdmissionRequest, object: Mapping): Workload[] {
  const positions = new RequestPositions();
  return loadKubernetes([preparedObject(request, object)], positions, positions.path).workloads;
}
