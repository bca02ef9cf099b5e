// A set of workloads deployed together (a compose project, the manifests of one Kubernetes namespace),
// for rules that judge more than one workload at a time.
import type { Location, Placed } from '../core/location.js';
import type { Workload } from './workload.js';

export interface NetworkPolicy {
  name: string;
  namespace: string;
  /** matchLabels of `spec.podSelector`; empty (with no expressions) selects every pod of the namespace. */
  podSelector: Record<string, string>;
  /** matchExpressions of `spec.podSelector`: `In`, `NotIn`, `Exists`, `DoesNotExist`. */
  podSelectorExpressions: { key: string; operator: string; values: string[] }[];
  at: Location;
}

/** A namespaced Kubernetes object other than a workload, by kind and name (LimitRange, ResourceQuota…). */
export interface NamespacedObject {
  kind: string;
  name: string;
  namespace: string;
  at: Location;
}

/** A ConfigMap's literal data, each entry with its position. */
export interface ConfigMap extends NamespacedObject {
  data: { key: string; value: string; at: Location }[];
}

export interface Deployment {
  kind: 'deployment';
  origin: 'compose' | 'kubernetes' | 'engine';
  name: string;
  at: Location;
  workloads: Workload[];
  networks: Placed<string>[];
  networkPolicies: NetworkPolicy[];
  /** Kubernetes LimitRange and ResourceQuota objects of the namespace. */
  resourceControls: NamespacedObject[];
  configMaps: ConfigMap[];
}
