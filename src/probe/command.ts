// `dt10 probe HOST[:PORTS]…`: options, the report (a table of its own as text, the scan reporters otherwise)
// and the exit code (0 clean, 1 findings at or above --fail-on, 2 usage error or no host resolved).
import { writeFile } from 'node:fs/promises';
import { ExitCode, UsageError } from '../cli/exit.js';
import { isAtLeast, isSeverity, SEVERITIES, type Severity } from '../core/severity.js';
import { FORMATS, isFormat, render } from '../report/index.js';
import { probe, probeResult, UNAUTHENTICATED_INTERFACE, type ProbeOutcome } from './probe.js';
import { parseTargets } from './targets.js';

export interface ProbeCommandOptions {
  format?: string;
  output?: string;
  failOn?: string;
  /** Seconds per connection and request. */
  timeout?: string;
  concurrency?: string;
}

export interface ProbeIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

function positiveNumber(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new UsageError(`${flag} must be a positive number; got "${value}"`);
  return number;
}

function verdictOf(outcome: ProbeOutcome): string {
  if (outcome.answer === undefined) return outcome.state === 'open' ? 'open, not identified' : outcome.state;
  return outcome.answer.verdict === 'unauthenticated' ? 'UNAUTHENTICATED' : 'authenticated';
}

/** One line per target: where, what answered, the verdict, the evidence; then the findings' count. */
export function renderProbeText(outcomes: readonly ProbeOutcome[], findings: number): string {
  const rows = outcomes.map((outcome) => [
    outcome.url,
    outcome.answer?.service ?? outcome.target.service ?? '?',
    verdictOf(outcome),
    outcome.answer?.evidence ?? '',
  ]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell))
      .join('  ')
      .trimEnd(),
  );
  const open = outcomes.filter((outcome) => outcome.state === 'open').length;
  lines.push(
    '',
    `${findings} unauthenticated interface${findings === 1 ? '' : 's'} (${UNAUTHENTICATED_INTERFACE.id}); ` +
      `${outcomes.length} port${outcomes.length === 1 ? '' : 's'} probed, ${open} open`,
  );
  return `${lines.join('\n')}\n`;
}

export async function runProbe(
  specs: string[],
  options: ProbeCommandOptions,
  io: ProbeIO,
): Promise<ExitCode> {
  const format = options.format ?? 'text';
  if (!isFormat(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${format}"`);
  const failOnText = (options.failOn ?? 'high').toLowerCase();
  if (failOnText !== 'none' && !isSeverity(failOnText))
    throw new UsageError(
      `--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')}; got "${options.failOn}"`,
    );
  const failOn = failOnText as Severity | 'none';
  const timeoutMs = positiveNumber(options.timeout, 3, '--timeout') * 1000;
  const concurrency = Math.ceil(positiveNumber(options.concurrency, 16, '--concurrency'));
  const targets = parseTargets(specs);

  const { outcomes, errors } = await probe(targets, { timeoutMs, concurrency });
  const result = probeResult(outcomes, errors);
  const report =
    format === 'text'
      ? renderProbeText(outcomes, result.findings.length) +
        errors.map((error) => `error: ${error.message}\n`).join('')
      : render(format, result, { color: false, rules: [UNAUTHENTICATED_INTERFACE] });
  if (options.output !== undefined) await writeFile(options.output, report);
  else io.stdout.write(report);

  if (outcomes.every((outcome) => outcome.state === 'unresolved')) {
    io.stderr.write('dt10: no host could be resolved (see errors)\n');
    return ExitCode.UsageOrInput;
  }
  if (failOn !== 'none' && result.findings.some((finding) => isAtLeast(finding.severity, failOn)))
    return ExitCode.Findings;
  return ExitCode.Clean;
}
