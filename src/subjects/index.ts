// Every subject kind, and the mapping from a kind to its type that rules are typed by.
import type { BuildSpec } from './build-spec.js';
import type { Deployment } from './deployment.js';
import type { EngineConfig } from './engine-config.js';
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
}
export type SubjectKind = keyof SubjectKinds;
export type SubjectOfKind<K extends SubjectKind> = SubjectKinds[K];
export type Subject = SubjectKinds[SubjectKind];
