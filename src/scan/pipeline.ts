// The scan pipeline: discover → load (sources) → subjects → evaluate (rules) → sorted findings.
// Files are read and parsed with bounded concurrency so that I/O overlaps parsing.
import { Evaluator, RuleSet } from '../core/evaluator.js';
import type { Finding, ScanError, StaleSuppression } from '../core/finding.js';
import { fingerprints } from '../core/fingerprint.js';
import { isSourceLocation, originOf } from '../core/location.js';
import type { AnyRule, RuleContext } from '../core/rule.js';
import { severityRank } from '../core/severity.js';
import { compareWithBaseline } from '../policy/baseline.js';
import type { Endpoint } from '../engine/endpoint.js';
import { type EngineReadOptions, readEngine } from '../engine/read-engine.js';
import { applySuppressions, type ConfigIgnore } from '../policy/suppress.js';
import type { FileKind } from './discover.js';
import type { FileOutcome } from './judge-files.js';
import type { ImageReadOptions } from './judge-images.js';
import type { LoadContext } from './load-file.js';
import { markPhase } from './phases.js';

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
  /** Live engines to audit beside the files, read concurrently with them. */
  engines?: { endpoints: readonly Endpoint[]; options: EngineReadOptions };
  /** Image archives or layouts named with `--image` (discovery finds others among `paths`). */
  images?: readonly string[];
  /**
   * Images named with `--image` that are no file: each is exported from every engine of `engines`
   * (GET /images/{name}/get) and judged as an archive is. With them, the engines are where the images come
   * from, and are not audited themselves.
   */
  engineImages?: readonly string[];
  /** `--host`: audit the host whose filesystem is at `root` (`/`, or `--root DIR`). */
  host?: { root: string };
  /** How images are read: the platform of a multi-platform index. */
  imageOptions?: ImageReadOptions;
}

export interface ScanResult {
  /** Findings that count: not suppressed, and new when a baseline is given. Sorted by file, line, column. */
  findings: Finding[];
  /** Findings a user accepted with a reason (each has `suppression`); reported, but never fail the scan. */
  suppressed: Finding[];
  /** Suppressions that matched nothing. */
  staleSuppressions: StaleSuppression[];
  /** Every finding's fingerprint, active and suppressed (see core/fingerprint.ts). */
  fingerprints: ReadonlyMap<Finding, string>;
  /** Set when the scan was compared with a baseline: how many findings it already had, and how many are gone. */
  baseline?: BaselineComparison;
  errors: ScanError[];
  /** Each live engine asked for: whether it answered, and how many containers it has. */
  engines: { engine: string; reachable: boolean; containers: number }[];
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

/** What a finding is sorted by, read once: the comparator runs some 17 times per finding. */
interface SortKey {
  finding: Finding;
  origin: string;
  line: number;
  column: number;
  /** Higher first. */
  rank: number;
}

function sortKey(finding: Finding): SortKey {
  const location = finding.location;
  const source = isSourceLocation(location);
  return {
    finding,
    origin: originOf(location),
    line: source ? location.line : 0,
    column: source ? location.column : 0,
    rank: severityRank(finding.severity),
  };
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a.origin !== b.origin) return a.origin < b.origin ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.rank !== b.rank) return b.rank - a.rank;
  const fa = a.finding;
  const fb = b.finding;
  if (fa.ruleId !== fb.ruleId) return fa.ruleId < fb.ruleId ? -1 : 1;
  return fa.message < fb.message ? -1 : fa.message > fb.message ? 1 : 0;
}

/**
 * Findings in report order, in place: by file (or engine, image), line, column, severity, rule and message;
 * equal ones keep the order they were found in.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const keys = findings.map(sortKey).sort(compareKeys);
  for (let i = 0; i < keys.length; i++) findings[i] = keys[i]!.finding;
  return findings;
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  markPhase('scan-start');
  const paths = options.paths.filter((p) => p !== '-');
  // Discovery and the file sources are loaded only by scans that read files: an engine's audit starts sooner.
  const discovered =
    paths.length > 0
      ? await import('./discover.js').then(({ discover }) =>
          discover(paths, options.exclude ? { exclude: options.exclude } : {}),
        )
      : { files: [], problems: [] };
  const problems = discovered.problems;
  const named = new Set(discovered.files.map((file) => file.path));
  const files = [
    ...discovered.files,
    ...(options.images ?? [])
      .filter((path) => !named.has(path))
      .map((path) => ({ path, kind: 'image' as const, explicit: true })),
  ];
  const context: LoadContext = { environment: options.environment, dotEnvCache: new Map() };
  const evaluator = new Evaluator(new RuleSet(options.rules), options.context);
  const concurrency = options.concurrency ?? 32;
  const indexed = files.map((file, index) => ({ file, index }));
  const textFiles = indexed.filter(({ file }) => file.kind !== 'image');
  const imageFiles = indexed.filter(({ file }) => file.kind === 'image');
  const engineImages = options.engines !== undefined ? (options.engineImages ?? []) : [];
  const exports = engineImages.length * (options.engines?.endpoints.length ?? 0);
  // Engines are read while files are judged; each container is judged as soon as it is read.
  const engineReads = Promise.all(
    (engineImages.length > 0 ? [] : (options.engines?.endpoints ?? [])).map((endpoint) =>
      readEngine(endpoint, options.engines!.options, (subjects) => evaluator.run(subjects)),
    ),
  );
  // Image and host readers are loaded only by scans that read images or a host.
  const imageReads =
    imageFiles.length > 0 || engineImages.length > 0
      ? import('./judge-images.js').then(({ judgeImages }) =>
          judgeImages(
            imageFiles,
            evaluator,
            options.imageOptions ?? {},
            engineImages.length > 0
              ? {
                  endpoints: options.engines!.endpoints,
                  names: engineImages,
                  client: options.engines!.options,
                  firstIndex: files.length,
                }
              : undefined,
          ),
        )
      : Promise.resolve<FileOutcome[]>([]);
  const host = options.host;
  const hostRead = host
    ? import('./judge-host.js').then(({ judgeHost }) => judgeHost(host.root, evaluator, options.context.now))
    : undefined;
  const fileJudge = textFiles.length > 0 || options.stdin ? await import('./judge-files.js') : undefined;
  const loaded = fileJudge ? await fileJudge.judgeFiles(textFiles, evaluator, context, concurrency) : [];
  if (hostRead) loaded.push({ ...(await hostRead), index: Number.MAX_SAFE_INTEGER });
  loaded.push(...(await imageReads));
  loaded.sort((a, b) => a.index - b.index);
  const engines = await engineReads;
  if (options.stdin && fileJudge) {
    const { loadText } = await import('./load-file.js');
    const text = await loadText('<stdin>', options.stdin.text, options.stdin.kind, true, context);
    loaded.push(fileJudge.settle(text, loaded.length, evaluator));
  }
  const kubernetes = fileJudge ? fileJudge.kubernetesSubjects(loaded.flatMap((f) => f.kubernetes)) : [];
  evaluator.run(kubernetes);
  const subjectCount =
    kubernetes.length +
    loaded.reduce((sum, f) => sum + f.subjects, 0) +
    engines.reduce((sum, read) => sum + read.subjects, 0);
  markPhase('inputs-judged');
  const evaluation = evaluator.finish();
  const all = sortFindings(evaluation.findings);
  const directives = loaded.flatMap((f) => f.ignores);
  const configIgnores = options.configIgnores ?? [];
  // Fingerprints number repeated findings in report order: taken over the whole list before suppressions
  // or a baseline split it, so a finding's print does not depend on which list it ends up in.
  markPhase('findings-sorted');
  const prints = fingerprints(all);
  markPhase('fingerprinted');
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
    ...engines.flatMap((read) => read.errors),
    ...evaluation.errors,
    ...suppression.errors,
  ];
  const result: ScanResult = {
    findings: suppression.active,
    suppressed: suppression.suppressed,
    staleSuppressions: suppression.stale,
    fingerprints: prints,
    errors,
    engines: engines.map(({ engine, reachable, containers }) => ({ engine, reachable, containers })),
    // An image exported from an engine is an input as a file is: read, or unreadable.
    filesScanned: files.length + exports + (options.stdin ? 1 : 0) + (options.host ? 1 : 0),
    filesUnreadable: loaded.filter((f) => f.unreadable).length,
    subjects: subjectCount,
  };
  if (options.baseline) {
    const split = compareWithBaseline(
      result.findings,
      result.suppressed,
      options.baseline.fingerprints,
      prints,
    );
    result.findings = split.added;
    result.baseline = { path: options.baseline.path, unchanged: split.unchanged, fixed: split.fixed };
  }
  return result;
}
