// Every subject kind, and the mapping from a kind to its type that rules are typed by.
import type { BuildSpec } from './build-spec.js';
import type { Deployment } from './deployment.js';
import type { EngineConfig } from './engine-config.js';
import type { HostFacts } from './host-facts.js';
import type { ImageSpec } from './image-spec.js';
import type { Workload } from './workload.js';

export type {
  BuildCopy,
  BuildInstruction,
  BuildRun,
  BuildSpec,
  BuildStage,
  BuildVariable,
} from './build-spec.js';
export type { ConfigMap, Deployment, NamespacedObject, NetworkPolicy } from './deployment.js';
export type { EngineConfig, EngineConfigOrigin } from './engine-config.js';
export type { ImageRef } from './image-ref.js';
export type { HostFacts, HostUnknown } from './host-facts.js';
export type { HostSystem } from './host/system.js';
export type { HostNetwork, ListeningSocket } from './host/network.js';
export type { HostAccess } from './host/access.js';
export type {
  DigestMismatch,
  ImageAttachment,
  ImageDeletedFile,
  ImageFile,
  ImageFileContent,
  ImageHistoryEntry,
  ImageLayerInfo,
  ImageSpec,
} from './image-spec.js';
export type {
  EnvVar,
  Healthcheck,
  PublishedPort,
  SecretRef,
  Sysctl,
  Workload,
  WorkloadMount,
  WorkloadOrigin,
} from './workload.js';

export interface SubjectKinds {
  build: BuildSpec;
  workload: Workload;
  deployment: Deployment;
  'engine-config': EngineConfig;
  image: ImageSpec;
  host: HostFacts;
}
export type SubjectKind = keyof SubjectKinds;
export type SubjectOfKind<K extends SubjectKind> = SubjectKinds[K];
export type Subject = SubjectKinds[SubjectKind];
