// `dt10 fix [paths…]`: scan, then fix in place the findings of the rules that have a fix (or print the
// fixes as a unified diff with --dry-run). Every fix is a text edit: what it does not touch stays as it was.
import { readFile, writeFile } from 'node:fs/promises';
import { CATEGORY_IDS } from '../core/category.js';
import type { Finding } from '../core/finding.js';
import type { SourceLocation } from '../core/location.js';
import { configuredScan } from '../cli/scan.js';
import { scan } from '../scan/pipeline.js';
import { ExitCode, UsageError } from '../cli/exit.js';
import { unifiedDiff } from './diff.js';
import { FIXABLE_RULES, fixFile, fixKindOf, isFixable, OPT_IN_RULES } from './fixers.js';
import { DEFAULT_FIX_VALUES, type FixRequest } from './types.js';

export interface FixCommandOptions {
  dryRun?: boolean;
  /** `--config FILE`, or false for `--no-config`. */
  config?: string | false;
  rules?: string;
  category?: string;
  /** Opt-in rules to fix as well (their fix changes reachability). */
  optIn?: string;
}

export interface FixIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  environment: Readonly<Record<string, string | undefined>>;
  now: Date;
}

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * The rules to fix: those `--rules` names (opt-in ones included when named), else every rule with a fix
 * but the opt-in ones, plus those `--opt-in` names; narrowed to `--category`.
 */
export function selectRules(options: FixCommandOptions): string[] {
  const ids = list(options.rules);
  const optIn = list(options.optIn) ?? [];
  for (const id of ids ?? [])
    if (!isFixable(id))
      throw new UsageError(`--rules: "${id}" has no fix; rules with a fix: ${FIXABLE_RULES.join(', ')}`);
  for (const id of optIn)
    if (!OPT_IN_RULES.includes(id))
      throw new UsageError(
        `--opt-in: "${id}" is not an opt-in fix; opt-in fixes: ${OPT_IN_RULES.join(', ')}`,
      );
  const categories = list(options.category)?.map((category) => category.toUpperCase());
  for (const category of categories ?? [])
    if (!(CATEGORY_IDS as string[]).includes(category))
      throw new UsageError(`--category must be among ${CATEGORY_IDS.join(', ')}; got "${category}"`);
  return FIXABLE_RULES.filter(
    (id) =>
      (ids !== undefined ? ids.includes(id) : !OPT_IN_RULES.includes(id) || optIn.includes(id)) &&
      (categories === undefined || categories.includes(id.slice(0, 3))),
  );
}

const isSource = (finding: Finding): finding is Finding & { location: SourceLocation } =>
  'line' in finding.location;

export async function runFix(paths: string[], options: FixCommandOptions, io: FixIO): Promise<ExitCode> {
  const rules = selectRules(options);
  const inputs = paths.length > 0 ? paths : ['.'];
  if (inputs.includes('-')) throw new UsageError('fix edits files in place and cannot read standard input');
  // The project's config decides what is a finding: a rule it turns off or a finding it accepts is not fixed.
  const configured = await configuredScan(inputs, options.config);
  const values = { ...DEFAULT_FIX_VALUES, ...configured.fix };
  const result = await scan({
    paths: inputs,
    ...configured,
    context: { now: io.now, settings: configured.settings },
    environment: io.environment,
  });
  for (const error of result.errors)
    io.stderr.write(
      `dt10: ${error.path}${error.line !== undefined ? `:${error.line}` : ''}: ${error.message}\n`,
    );
  if (result.filesScanned - result.filesUnreadable === 0) {
    io.stderr.write(`dt10: no file dt10 can read was found in ${inputs.join(', ')}\n`);
    return ExitCode.UsageOrInput;
  }
  const byFile = new Map<string, FixRequest[]>();
  for (const finding of result.findings) {
    if (!isSource(finding) || !rules.includes(finding.ruleId)) continue;
    const requests = byFile.get(finding.location.path) ?? [];
    requests.push({ ruleId: finding.ruleId, line: finding.location.line, column: finding.location.column });
    byFile.set(finding.location.path, requests);
  }
  let fixes = 0;
  let files = 0;
  let skips = 0;
  for (const [path, requests] of byFile) {
    const before = await readFile(path, 'utf8');
    const kind = fixKindOf(path, before);
    if (kind === undefined) continue;
    const fixed = fixFile(kind, before, requests, { rules, values });
    for (const skip of fixed.skipped)
      io.stderr.write(`dt10: cannot fix ${skip.ruleId} at ${path}:${skip.line}: ${skip.reason}\n`);
    skips += fixed.skipped.length;
    if (fixed.text === before) continue;
    const verb = options.dryRun === true ? 'would fix' : 'fixed';
    for (const fix of fixed.applied)
      io.stderr.write(`dt10: ${path}: ${verb} ${fix.ruleId} in ${fix.target}\n`);
    fixes += fixed.applied.length;
    files++;
    if (options.dryRun === true) io.stdout.write(unifiedDiff(path, before, fixed.text));
    else await writeFile(path, fixed.text);
  }
  const count = `${fixes} fix${fixes === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}`;
  const skipped = skips > 0 ? `; ${skips} finding${skips === 1 ? '' : 's'} could not be fixed` : '';
  io.stderr.write(
    fixes === 0
      ? `dt10: nothing to fix${skipped}\n`
      : `dt10: ${options.dryRun === true ? 'would apply' : 'applied'} ${count}${skipped}\n`,
  );
  return ExitCode.Clean;
}
