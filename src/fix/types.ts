// What every fixer shares: a request is a finding's rule and line, a result is the new text with what was
// applied and what was skipped (and why). Fixers are text in → text out; the command reads and writes files.

export interface FixRequest {
  ruleId: string;
  /** The finding's line (1-based). */
  line: number;
  /** The finding's column (1-based), when the source gives one. */
  column?: number;
}

export interface AppliedFix {
  ruleId: string;
  /** What was changed, as a user finds it: `service "web"`, `container "api"`, `docker run on line 9`. */
  target: string;
}

export interface SkippedFix {
  ruleId: string;
  line: number;
  reason: string;
}

export interface TextFixResult {
  text: string;
  applied: AppliedFix[];
  skipped: SkippedFix[];
}

/** The values a fix writes where the right value is the user's choice (config `fix:`; defaults below). */
export interface FixValues {
  /** Memory limit in Docker's notation (`512m`); Kubernetes gets the same amount in its own (`512Mi`). */
  memory: string;
  /** CPUs (`1`, `0.5`). */
  cpus: string;
  /** Maximum number of processes. */
  pids: number;
  /** The numeric UID (and GID) a non-root user is given. */
  uid: number;
  /** json-file / local log rotation. */
  logMaxSize: string;
  logMaxFile: number;
}

export const DEFAULT_FIX_VALUES: FixValues = {
  memory: '512m',
  cpus: '1',
  pids: 256,
  uid: 10001,
  logMaxSize: '10m',
  logMaxFile: 3,
};

export interface FixOptions {
  /** The rules chosen for this run (a subset of the fixer's own). */
  rules: readonly string[];
  values: FixValues;
}

/** A fixer for one kind of file. */
export type TextFixer = (text: string, requests: readonly FixRequest[], options: FixOptions) => TextFixResult;
