import type { ImageProblem } from './types.js';

/** Thrown when the input cannot be read as an image at all (no manifest to follow, platform absent…). */
export class ImageError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ImageError';
  }
}

/** Problems of one kind kept in full per layer; the rest are counted and summed up in one entry. */
const DETAILED_PER_KIND = 10;

/**
 * The problems of one read. A hostile layer can repeat one fault a million times (a traversal path per entry):
 * each kind keeps its first few entries per layer and one closing line with the count of the others.
 */
export class ProblemLog {
  readonly list: ImageProblem[] = [];
  private readonly counts = new Map<string, { count: number; problem: ImageProblem; summary: string }>();

  error(message: string, where: { layer?: number; path?: string; digestMismatch?: string } = {}): void {
    this.list.push({ message, severity: 'error', ...where });
  }

  warning(message: string, where: { layer?: number; path?: string } = {}): void {
    this.list.push({ message, severity: 'warning', ...where });
  }

  /**
   * A problem that may repeat: kept while fewer than 10 of `kind` were seen in this layer, counted after that.
   * `summary` names what the counted ones are ("more paths escaping the root").
   */
  repeated(kind: string, summary: string, problem: ImageProblem): void {
    const key = `${problem.layer ?? ''}\u0000${kind}`;
    const seen = this.counts.get(key);
    if (seen === undefined) {
      this.counts.set(key, { count: 1, problem, summary });
      this.list.push(problem);
      return;
    }
    seen.count++;
    if (seen.count <= DETAILED_PER_KIND) this.list.push(problem);
  }

  /** Adds the closing lines of the repeated kinds. */
  finish(): ImageProblem[] {
    for (const { count, problem, summary } of this.counts.values()) {
      if (count > DETAILED_PER_KIND) {
        this.list.push({
          message: `${count - DETAILED_PER_KIND} ${summary} not listed`,
          severity: problem.severity,
          ...(problem.layer !== undefined ? { layer: problem.layer } : {}),
        });
      }
    }
    this.counts.clear();
    return this.list;
  }
}
