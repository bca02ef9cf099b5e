// `dt10 scan [paths…]`: scan files and directories, report, and set the exit code from `--fail-on`.
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { applyConfig, mergeSettings } from '../config/apply.js';
import { ConfigError } from '../config/error.js';
import { findConfig } from '../config/find.js';
import type { Dt10Config } from '../config/types.js';
import type { AnyRule } from '../core/rule.js';
import { DEFAULT_SETTINGS, type RuleSettings } from '../core/settings.js';
import { isAtLeast, isSeverity, SEVERITIES, type Severity } from '../core/severity.js';
import { BaselineError, baselineJson, readBaseline } from '../policy/baseline.js';
import { FORMATS, type Format, isFormat, render } from '../report/index.js';
import { ALL_RULES } from '../rules/index.js';
import type { FileKind } from '../scan/discover.js';
import { ContextError } from '../engine/context.js';
import { EndpointError, resolveEndpoints, type TlsFiles } from '../engine/endpoint.js';
import { markPhase } from '../scan/phases.js';
import { type ScanOptions, type ScanResult, scan } from '../scan/pipeline.js';
import type { FixValues } from '../fix/types.js';
import { ExitCode, UsageError } from './exit.js';
import { type ProgressLine, progressLine } from './progress.js';

const INPUT_TYPES = [
  'dockerfile',
  'compose',
  'kubernetes',
  'shell',
  'makefile',
  'markdown',
  'daemon-json',
  'dockerd-flags',
] as const;

export interface ScanCommandOptions {
  format: string;
  output?: string;
  failOn?: string;
  /** `--config FILE`, or false for `--no-config`. */
  config?: string | false;
  inputType?: string;
  color?: boolean;
  allowedRegistries?: string;
  environmentLabels?: string;
  productionValues?: string;
  tierLabels?: string;
  tiers?: string;
  digestSeverity?: string;
  now?: string;
  baseline?: string;
  writeBaseline?: string;
  /**
   * `--engine [url]`, repeatable: `true` for a bare `--engine` (DOCKER_HOST, else DOCKER_CONTEXT, else the
   * Docker CLI's current context, else the default socket).
   */
  engine?: (string | true)[] | string | true;
  /** `--context NAME`, repeatable: engines of the Docker CLI's context store. */
  context?: string[];
  tlscacert?: string;
  tlscert?: string;
  tlskey?: string;
  timeout?: string;
  /** False with `--no-processes`: skip /top and /changes of running containers. */
  processes?: boolean;
  /** `--image FILE`, repeatable; with `--engine`, a name that is no file is exported from the engines. */
  image?: string[];
  platform?: string;
  /** `--host`, and `--root DIR` (which implies it). */
  host?: boolean;
  root?: string;
}

/** `--now 2027-06-30`: judge end-of-life and ages as of that day (planning ahead, reproducible CI). */
function parseNow(value: string | undefined, clock: Date): Date {
  if (value === undefined) return clock;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`--now must be a date such as 2027-06-30; got "${value}"`);
  return date;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Rule settings the command line sets: they win over the config file, which wins over the defaults. */
export function settingsFlags(options: ScanCommandOptions): Partial<RuleSettings> {
  const settings: Partial<RuleSettings> = {};
  if (options.allowedRegistries !== undefined) settings.allowedRegistries = list(options.allowedRegistries);
  if (options.environmentLabels !== undefined)
    settings.environmentLabelKeys = list(options.environmentLabels);
  if (options.productionValues !== undefined) settings.productionValues = list(options.productionValues);
  if (options.tierLabels !== undefined) settings.tierLabelKeys = list(options.tierLabels);
  if (options.tiers !== undefined) settings.tierValues = list(options.tiers);
  if (options.digestSeverity !== undefined) {
    const severity = options.digestSeverity.toLowerCase();
    if (!isSeverity(severity))
      throw new UsageError(
        `--digest-severity must be one of ${SEVERITIES.join(', ')}; got "${options.digestSeverity}"`,
      );
    settings.noDigestSeverity = severity;
  }
  return settings;
}

/**
 * The config file: `--config FILE`, none with `--no-config`, else `.dt10.yaml` found upward from the
 * first scanned path (standard input: the working directory).
 */
async function configFor(
  inputs: readonly string[],
  option: string | false | undefined,
): Promise<Dt10Config | undefined> {
  if (option === false) return undefined;
  const path = option ?? (await findConfig(resolve(inputs.find((input) => input !== '-') ?? '.')));
  if (path === undefined) return undefined;
  try {
    // The YAML loader and the schema validator are loaded only when there is a config file to read.
    const { loadConfig } = await import('../config/load.js');
    return await loadConfig(path);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** The config's `exclude` patterns as a matcher, when it has any. */
async function excludeMatcher(config: Dt10Config | undefined) {
  if (!config || config.exclude.length === 0) return undefined;
  const { configMatcher } = await import('../config/paths.js');
  return configMatcher(config);
}

interface ScanPlan {
  rules: readonly AnyRule[];
  settings: RuleSettings;
  failOn: Severity | 'none';
  config?: Dt10Config;
}

function planScan(options: ScanCommandOptions, config: Dt10Config | undefined): ScanPlan {
  const flags = settingsFlags(options);
  const failOnFlag = options.failOn !== undefined ? parseFailOn(options.failOn) : undefined;
  if (!config)
    return {
      rules: ALL_RULES,
      settings: mergeSettings(DEFAULT_SETTINGS, flags),
      failOn: failOnFlag ?? 'high',
    };
  try {
    const applied = applyConfig(config, ALL_RULES, DEFAULT_SETTINGS, flags);
    return {
      rules: applied.rules,
      settings: applied.settings,
      failOn: failOnFlag ?? applied.failOn ?? 'high',
      config,
    };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * What a config file gives a scan over `inputs` (`--config FILE`, none for `false`, else `.dt10.yaml` found
 * upward): the rules it keeps, the settings, its ignore entries and excludes. `dt10 fix` scans with them too,
 * so it never fixes what the project accepted or turned off.
 */
export async function configuredScan(
  inputs: readonly string[],
  configOption: string | false | undefined,
): Promise<
  Pick<ScanOptions, 'rules' | 'configIgnores' | 'exclude'> & {
    settings: RuleSettings;
    failOn: Severity | 'none';
    /** The config's `fix:` values. */
    fix: Partial<FixValues>;
  }
> {
  const config = await configFor(inputs.length > 0 ? inputs : ['.'], configOption);
  const plan = planScan({ format: 'text' }, config);
  const excluded = await excludeMatcher(config);
  return {
    rules: plan.rules,
    settings: plan.settings,
    failOn: plan.failOn,
    fix: config?.fix ?? {},
    ...(config
      ? { configIgnores: config.ignore.map((entry) => ({ ...entry, baseDirectory: config.directory })) }
      : {}),
    ...(excluded
      ? { exclude: (path: string, isDirectory: boolean) => excluded.isExcluded(path, isDirectory) }
      : {}),
  };
}

export interface ScanIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readStdin(): Promise<string>;
  environment: Readonly<Record<string, string | undefined>>;
  now: Date;
}

function parseFailOn(value: string): Severity | 'none' {
  const lower = value.toLowerCase();
  if (lower === 'none' || isSeverity(lower)) return lower;
  throw new UsageError(`--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')}; got "${value}"`);
}

function parseFormat(value: string): Format {
  if (isFormat(value)) return value;
  throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${value}"`);
}

function parseInputType(value: string | undefined, readsStdin: boolean): FileKind | undefined {
  if (value === undefined) {
    if (readsStdin)
      throw new UsageError(`reading "-" (standard input) needs --input-type ${INPUT_TYPES.join('|')}`);
    return undefined;
  }
  if ((INPUT_TYPES as readonly string[]).includes(value)) return value as FileKind;
  throw new UsageError(`--input-type must be one of ${INPUT_TYPES.join(', ')}; got "${value}"`);
}

/** Colour only for a terminal, never in a file; NO_COLOR and FORCE_COLOR win, --no-color wins over all. */
function useColor(options: ScanCommandOptions, io: ScanIO): boolean {
  if (options.output !== undefined || options.color === false) return false;
  if (io.environment.NO_COLOR !== undefined && io.environment.NO_COLOR !== '') return false;
  if (io.environment.FORCE_COLOR !== undefined && io.environment.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && io.environment.TERM !== 'dumb';
}

export function exitCodeFor(result: ScanResult, failOn: Severity | 'none'): ExitCode {
  const filesRead = result.filesScanned - result.filesUnreadable;
  const enginesRead = result.engines.filter((engine) => engine.reachable).length;
  if (filesRead === 0 && enginesRead === 0) return ExitCode.UsageOrInput;
  if (failOn !== 'none' && result.findings.some((f) => isAtLeast(f.severity, failOn)))
    return ExitCode.Findings;
  return ExitCode.Clean;
}

const ENGINE_CONCURRENCY = 16;

async function enginesFor(
  flags: readonly (string | true)[],
  options: ScanCommandOptions,
  io: ScanIO,
  progress: ProgressLine | undefined,
): Promise<NonNullable<ScanOptions['engines']>> {
  const timeoutMs = options.timeout === undefined ? 10_000 : Number(options.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new UsageError(`--timeout must be a number of seconds above 0; got "${options.timeout}"`);
  const tls: TlsFiles = {};
  if (options.tlscacert !== undefined) tls.ca = options.tlscacert;
  if (options.tlscert !== undefined) tls.cert = options.tlscert;
  if (options.tlskey !== undefined) tls.key = options.tlskey;
  try {
    const endpoints = await resolveEndpoints(
      { engines: flags, contexts: options.context ?? [], tls },
      io.environment,
    );
    return {
      endpoints,
      options: {
        concurrency: ENGINE_CONCURRENCY,
        timeoutMs,
        processes: options.processes !== false,
        ...(progress
          ? {
              progress: (engine: string, done: number, total: number) => progress.update(engine, done, total),
            }
          : {}),
      },
    };
  } catch (error) {
    if (error instanceof ContextError) throw new UsageError(error.message);
    if (error instanceof EndpointError) throw new UsageError(`--engine ${error.message}`);
    throw error;
  }
}

/**
 * `--image` values: the files and directories that exist, and the other values, which name images of the
 * engines audited (`--engine`, `--context`) — without an engine such a value is a mistake.
 */
async function splitImages(
  values: readonly string[],
  auditsEngines: boolean,
): Promise<{ files: string[]; names: string[] }> {
  const files: string[] = [];
  const names: string[] = [];
  for (const value of values) {
    const info = await stat(value).catch(() => undefined);
    if (info !== undefined && (info.isFile() || info.isDirectory())) files.push(value);
    else if (auditsEngines) names.push(value);
    else
      throw new UsageError(
        `--image ${value}: no such file or directory (to export an image from an engine, add --engine)`,
      );
  }
  return { files, names };
}

async function readBaselineOrFail(path: string): Promise<Set<string>> {
  try {
    return await readBaseline(path);
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(`--baseline ${error.message}`);
    throw error;
  }
}

export async function runScan(paths: string[], options: ScanCommandOptions, io: ScanIO): Promise<ExitCode> {
  const format = parseFormat(options.format);
  // Commander gives a bare first `--engine` as `true` rather than passing it to the collecting parser.
  const engineFlags =
    options.engine === undefined ? [] : Array.isArray(options.engine) ? options.engine : [options.engine];
  const auditsEngines = engineFlags.length > 0 || (options.context ?? []).length > 0;
  if (options.platform !== undefined && !/^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_]+)?$/i.test(options.platform))
    throw new UsageError(
      `--platform must be os/arch[/variant], e.g. linux/arm64/v8; got "${options.platform}"`,
    );
  const { files: images, names: engineImages } = await splitImages(options.image ?? [], auditsEngines);
  // `--engine` or `--image` alone audits that; paths are scanned when given, or when nothing else is asked for.
  // With images of an engine asked for (`--engine --image NAME`), the engines give those images and are not
  // audited themselves.
  const host =
    options.root !== undefined || options.host === true ? { root: options.root ?? '/' } : undefined;
  const inputs = paths.length > 0 ? paths : auditsEngines || images.length > 0 || host ? [] : ['.'];
  const readsStdin = inputs.includes('-');
  const inputType = parseInputType(options.inputType, readsStdin);
  if (options.baseline !== undefined && options.writeBaseline !== undefined)
    throw new UsageError('--baseline and --write-baseline cannot be used together');
  const config = await configFor(inputs.length > 0 ? inputs : ['.'], options.config);
  const progress = auditsEngines && engineImages.length === 0 ? progressLine(io.stderr) : undefined;
  const engines = auditsEngines ? await enginesFor(engineFlags, options, io, progress) : undefined;
  const plan = planScan(options, config);
  const now = parseNow(options.now, io.now);
  const stdin = readsStdin && inputType ? { text: await io.readStdin(), kind: inputType } : undefined;
  const baseline =
    options.baseline !== undefined
      ? { path: options.baseline, fingerprints: await readBaselineOrFail(options.baseline) }
      : undefined;
  const excluded = await excludeMatcher(config);
  const result = await scan({
    paths: inputs,
    rules: plan.rules,
    context: { now, settings: plan.settings },
    environment: io.environment,
    ...(stdin ? { stdin } : {}),
    ...(baseline ? { baseline } : {}),
    ...(engines ? { engines } : {}),
    ...(images.length > 0 ? { images } : {}),
    ...(host ? { host } : {}),
    ...(engineImages.length > 0 ? { engineImages } : {}),
    ...(options.platform !== undefined ? { imageOptions: { platform: options.platform } } : {}),
    ...(config
      ? { configIgnores: config.ignore.map((entry) => ({ ...entry, baseDirectory: config.directory })) }
      : {}),
    ...(excluded
      ? { exclude: (path: string, isDirectory: boolean) => excluded.isExcluded(path, isDirectory) }
      : {}),
  });
  progress?.end();
  const report = render(format, result, { color: useColor(options, io), rules: plan.rules });
  markPhase('report-rendered');
  if (options.output !== undefined) await writeFile(options.output, report);
  else io.stdout.write(report);
  markPhase('report-written');
  if (options.writeBaseline !== undefined) {
    await writeFile(options.writeBaseline, baselineJson(result.findings, result.fingerprints));
    io.stderr.write(
      `dt10: wrote ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} to the baseline ${options.writeBaseline}\n`,
    );
  }
  // Writing a baseline accepts today's findings: it is a recording, not a gate.
  const code = exitCodeFor(result, options.writeBaseline !== undefined ? 'none' : plan.failOn);
  if (code === ExitCode.UsageOrInput) {
    io.stderr.write(
      result.errors.length > 0
        ? 'dt10: no input could be read (see errors)\n'
        : `dt10: no Dockerfile, compose file or Kubernetes manifest found in ${inputs.join(', ')}\n`,
    );
  }
  return code;
}
