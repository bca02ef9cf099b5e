// Loads files and judges the subjects each makes on its own, keeping of each file only what must be
// judged with every other file (Kubernetes objects) and what the report needs (errors, suppressions).
import type { Evaluator } from '../core/evaluator.js';
import { groupKubernetesDeployments } from '../sources/kubernetes/deployments.js';
import type { ScanError } from '../core/finding.js';
import type { KubernetesObjects } from '../sources/kubernetes/load.js';
import type { Subject } from '../subjects/index.js';
import type { DiscoveredFile } from './discover.js';
import { type LoadContext, type LoadedFile, loadFile } from './load-file.js';
import { mapBounded } from './map-bounded.js';

/** What the scan keeps of a file once its own subjects are evaluated. */
export interface FileOutcome {
  /** The file's place in the discovered list, so outcomes read in any order go back in order. */
  index: number;
  kubernetes: KubernetesObjects[];
  ignores: LoadedFile['ignores'];
  errors: ScanError[];
  unreadable: boolean;
  subjects: number;
}

export interface IndexedFile {
  file: DiscoveredFile;
  index: number;
}

/** The subjects one file makes on its own: all but the Kubernetes ones, which are judged with every file's. */
export function fileSubjects(file: LoadedFile): Subject[] {
  const subjects: Subject[] = [...file.builds];
  for (const project of file.compose) subjects.push(...project.workloads, project.deployment);
  subjects.push(...file.other);
  return subjects;
}

/** Judges a loaded file's own subjects now, so its parsed form can be dropped. */
export function settle(file: LoadedFile, index: number, evaluator: Evaluator): FileOutcome {
  const subjects = fileSubjects(file);
  evaluator.run(subjects);
  return {
    index,
    kubernetes: file.kubernetes,
    ignores: file.ignores,
    errors: file.errors,
    unreadable: file.unreadable,
    subjects: subjects.length,
  };
}

/**
 * Each file is judged as soon as it is loaded and its subjects dropped: memory holds findings, not the
 * parsed form of every file (the garbage collector's work grows with what stays alive). Reads overlap
 * with parsing, at most `concurrency` files in flight.
 */
export function judgeFiles(
  files: readonly IndexedFile[],
  evaluator: Evaluator,
  context: LoadContext,
  concurrency: number,
): Promise<FileOutcome[]> {
  return mapBounded(files, concurrency, async ({ file, index }) =>
    settle(await loadFile(file.path, file.kind, file.explicit, context), index, evaluator),
  );
}

/** Kubernetes workloads, then one Deployment per namespace: they need every file (ServiceAccounts, policies). */
export function kubernetesSubjects(objects: readonly KubernetesObjects[]): Subject[] {
  const deployments = groupKubernetesDeployments(objects);
  return [...objects.flatMap((o) => o.workloads), ...deployments];
}

/** Every subject of loaded files, Kubernetes ones grouped across them: what a scan of these files judges. */
export function subjectsOf(loaded: readonly LoadedFile[]): Subject[] {
  return [...loaded.flatMap(fileSubjects), ...kubernetesSubjects(loaded.flatMap((f) => f.kubernetes))];
}
