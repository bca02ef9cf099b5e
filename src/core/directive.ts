// A suppression written in a scanned file: a `# dt10-ignore` comment or a Kubernetes `dt10.io/ignore`
// annotation. Sources find them (they know the comment syntax and object extents); the scan applies them.
import type { SourceLocation } from './location.js';

export interface IgnoreDirective {
  kind: 'inline' | 'file' | 'annotation';
  /** Rule ids (`D04.privileged`) or whole categories (`D04`). */
  ruleIds: string[];
  justification: string;
  /** Where the directive is written. */
  at: SourceLocation;
  /** The lines of `at.path` whose findings it covers, inclusive. */
  lines: { from: number; to: number };
}

/** A directive that cannot be applied (no reason, no rule): reported as an error, never silently ignored. */
export interface DirectiveProblem {
  at: SourceLocation;
  message: string;
}
