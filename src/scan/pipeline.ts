// The scan pipeline: discover → load (sources) → subjects → evaluate (rules) → sorted findings.
// Files are read and parsed with bounded concurrency so that I/O overlaps parsing.
import { evaluate, RuleSet } from '../core/evaluator.js';
import type { Finding, ScanError, StaleSuppression } from '../core/finding.js';
import { fingerprints } from '../core/fingerprint.js';
import { isSourceLocation } from '../core/location.js';
import type { AnyRule, RuleContext } from '../core/rule.js';
import { severityRank } from '../core/severity.js';
import { compareWithBaseline } from '../policy/baseline.js';
import { applySuppressions, type ConfigIgnore } from '../policy/suppress.js';
import { groupKubernetesDeployments } from '../sources/kubernetes/deployments.js';
import type { Subject } from '../subjects/index.js';
import { type DiscoveredFile, discover, type FileKind } from './discover.js';
import { type LoadContext, type LoadedFile, loadFile, loadText } from './load-file.js';

export interface ScanOptions {
  paths: string[];
  rules: readonly AnyRule[];
  context: RuleContext;
  environment: Readonly<Record<string, string | undefined>>;
  /** Text read from standard input when `-` is among the paths, with its declared type. */
  stdin?: { text: string; kind: FileKind };
  concurrency?: number;
  /** The config file's `ignore:` entries. */
  configIgnores?: readonly ConfigIgnore[];
  /** Fingerprints of a baseline: findings with them are left out as already known. */
  baseline?: { path: string; fingerprints: ReadonlySet<string> };
  /** Paths to leave out of discovery (config `exclude`): see DiscoverOptions. */
  exclude?: (absolutePath: string, isDirectory: boolean) => boolean;
  /** Relative paths are relative to this directory (default: the process's). */
  cwd?: string;
}

export interface ScanResult {
  /** Findings that count: not suppressed, and new when a baseline is given. Sorted by file, line, column. */
  findings: Finding[];
  /** Findings a user accepted with a reason (each has `suppression`); reported, but never fail the scan. */
  suppressed: Finding[];
  /** Suppressions that matched nothing. */
  staleSuppressions: StaleSuppression[];
  /** Set when the scan was compared with a baseline: how many findings it already had, and how many are gone. */
  baseline?: BaselineComparison;
  errors: ScanError[];
  filesScanned: number;
  /** Files that could not be read or parsed at all: when every file is such, the scan read no input. */
  filesUnreadable: number;
  subjects: number;
}

export interface BaselineComparison {
  path: string;
  /** Findings also in the baseline: left out of `findings`. */
  unchanged: number;
  /** Baseline entries no longer found. */
  fixed: number;
}

async function mapBounded<T, R>(
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

export function subjectsOf(loaded: readonly LoadedFile[]): Subject[] {
  const subjects: Subject[] = [];
  for (const file of loaded) {
    subjects.push(...file.builds);
    for (const project of file.compose) subjects.push(...project.workloads, project.deployment);
    for (const objects of file.kubernetes) subjects.push(...objects.workloads);
    subjects.push(...file.other);
  }
  subjects.push(...groupKubernetesDeployments(loaded.flatMap((f) => f.kubernetes)));
  return subjects;
}

function compareFindings(a: Finding, b: Finding): number {
  const la = a.location;
  const lb = b.location;
  const pa = isSourceLocation(la) ? la.path : la.engine;
  const pb = isSourceLocation(lb) ? lb.path : lb.engine;
  if (pa !== pb) return pa < pb ? -1 : 1;
  const linea = isSourceLocation(la) ? la.line : 0;
  const lineb = isSourceLocation(lb) ? lb.line : 0;
  if (linea !== lineb) return linea - lineb;
  const cola = isSourceLocation(la) ? la.column : 0;
  const colb = isSourceLocation(lb) ? lb.column : 0;
  if (cola !== colb) return cola - colb;
  if (a.severity !== b.severity) return severityRank(b.severity) - severityRank(a.severity);
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const paths = options.paths.filter((p) => p !== '-');
  const { files, problems } =
    paths.length > 0
      ? await discover(paths, options.exclude ? { exclude: options.exclude } : {})
      : { files: [], problems: [] };
  const context: LoadContext = { environment: options.environment, dotEnvCache: new Map() };
  const loaded = await mapBounded<DiscoveredFile, LoadedFile>(files, options.concurrency ?? 32, (file) =>
    loadFile(file.path, file.kind, file.explicit, context),
  );
  if (options.stdin)
    loaded.push(await loadText('<stdin>', options.stdin.text, options.stdin.kind, true, context));
  const subjects = subjectsOf(loaded);
  const evaluation = evaluate(subjects, new RuleSet(options.rules), options.context);
  const all = evaluation.findings.sort(compareFindings);
  const directives = loaded.flatMap((f) => f.ignores);
  const configIgnores = options.configIgnores ?? [];
  // Fingerprints number repeated findings in report order: taken over the whole list before suppressions
  // or a baseline split it, so a finding's print does not depend on which list it ends up in. Without
  // either, the list stays whole and reporters fingerprint it on demand.
  if (directives.length > 0 || configIgnores.length > 0 || options.baseline) fingerprints(all);
  const suppression = applySuppressions(all, {
    directives,
    configIgnores,
    ruleIds: new Set(options.rules.map((rule) => rule.id)),
    now: options.context.now,
    cwd: options.cwd ?? process.cwd(),
  });
  const errors: ScanError[] = [
    ...problems,
    ...loaded.flatMap((f) => f.errors),
    ...evaluation.errors,
    ...suppression.errors,
  ];
  const result: ScanResult = {
    findings: suppression.active,
    suppressed: suppression.suppressed,
    staleSuppressions: suppression.stale,
    errors,
    filesScanned: files.length + (options.stdin ? 1 : 0),
    filesUnreadable: loaded.filter((f) => f.unreadable).length,
    subjects: subjects.length,
  };
  if (options.baseline) {
    const split = compareWithBaseline(result.findings, result.suppressed, options.baseline.fingerprints);
    result.findings = split.added;
    result.baseline = { path: options.baseline.path, unchanged: split.unchanged, fixed: split.fixed };
  }
  return result;
}
