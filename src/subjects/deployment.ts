// A set of workloads deployed together (a compose project, the manifests of one Kubernetes namespace),
// for rules that judge more than one workload at a time.
import type { Located, SourceLocation } from '../core/location.js';
import type { Workload } from './workload.js';

export interface NetworkPolicy {
  name: string;
  namespace: string;
  /** matchLabels of `spec.podSelector`; empty selects every pod of the namespace. */
  podSelector: Record<string, string>;
  at: SourceLocation;
}

export interface Deployment {
  kind: 'deployment';
  origin: 'compose' | 'kubernetes' | 'engine';
  name: string;
  at: SourceLocation;
  workloads: Workload[];
  networks: Located<string>[];
  networkPolicies: NetworkPolicy[];
}
