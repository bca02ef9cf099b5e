// Loads files and judges the subjects each makes on its own, keeping of each file only what must be
// judged with every other file (Kubernetes objects) and what the report needs (errors, suppressions).
// The main thread runs it over its share of the files, and a worker thread over the other share.
import type { Evaluator } from '../core/evaluator.js';
import type { ScanError } from '../core/finding.js';
import type { KubernetesObjects } from '../sources/kubernetes/load.js';
import type { Subject } from '../subjects/index.js';
import type { DiscoveredFile } from './discover.js';
import { type LoadContext, type LoadedFile, loadFile } from './load-file.js';

/** What the scan keeps of a file once its own subjects are evaluated. */
export interface FileOutcome {
  /** The file's place in the discovered list, so shares from several threads go back in order. */
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

export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
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
