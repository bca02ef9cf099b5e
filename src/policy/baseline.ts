// Baselines: `--write-baseline FILE` records the findings of today by fingerprint; `--baseline FILE`
// reports only findings that are not in it, and counts the entries that are gone (fixed). The file is
// JSON meant to be committed: sorted, one entry per line, with the rule and place for reviewers.
import { readFile } from 'node:fs/promises';
import type { Finding } from '../core/finding.js';
import { formatLocation } from '../core/location.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** Where the finding was when the baseline was written: for people reading the file, not for matching. */
  location: string;
}

export class BaselineError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

export function baselineJson(findings: readonly Finding[], prints: ReadonlyMap<Finding, string>): string {
  const entries = findings
    .map((finding): BaselineEntry => ({
      fingerprint: prints.get(finding)!,
      ruleId: finding.ruleId,
      location: formatLocation(finding.location),
    }))
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  const lines = entries.map((entry) => `    ${JSON.stringify(entry)}`);
  return [
    '{',
    `  "version": ${BASELINE_VERSION},`,
    `  "tool": ${JSON.stringify({ name: TOOL_NAME, version: TOOL_VERSION })},`,
    `  "findings": [${lines.length > 0 ? `\n${lines.join(',\n')}\n  ` : ''}]`,
    '}',
    '',
  ].join('\n');
}

function isEntry(value: unknown): value is BaselineEntry {
  if (value === null || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.fingerprint === 'string' && typeof entry.ruleId === 'string';
}

/** The fingerprints a baseline file holds; a file that is missing or not a dt10 baseline is an error. */
export async function readBaseline(path: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new BaselineError(
      path,
      `cannot read the baseline: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(path, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const document = parsed as { version?: unknown; findings?: unknown } | null;
  if (document === null || typeof document !== 'object' || !Array.isArray(document.findings))
    throw new BaselineError(
      path,
      'not a dt10 baseline (no "findings" list); write one with --write-baseline',
    );
  if (document.version !== BASELINE_VERSION)
    throw new BaselineError(
      path,
      `baseline version ${String(document.version)} is not supported (expected ${BASELINE_VERSION})`,
    );
  const prints = new Set<string>();
  document.findings.forEach((entry: unknown, index: number) => {
    if (!isEntry(entry)) throw new BaselineError(path, `findings[${index}] has no fingerprint and ruleId`);
    prints.add(entry.fingerprint);
  });
  return prints;
}

export interface BaselineSplit {
  added: Finding[];
  unchanged: number;
  fixed: number;
}

/**
 * Splits active findings into new ones and ones the baseline already has. An entry counts as fixed when
 * no finding has its fingerprint any more; one that is now suppressed is not fixed.
 */
export function compareWithBaseline(
  active: readonly Finding[],
  suppressed: readonly Finding[],
  baseline: ReadonlySet<string>,
  prints: ReadonlyMap<Finding, string>,
): BaselineSplit {
  const added: Finding[] = [];
  const seen = new Set<string>();
  for (const finding of suppressed) {
    const print = prints.get(finding)!;
    if (baseline.has(print)) seen.add(print);
  }
  for (const finding of active) {
    const print = prints.get(finding)!;
    if (baseline.has(print)) seen.add(print);
    else added.push(finding);
  }
  return { added, unchanged: active.length - added.length, fixed: baseline.size - seen.size };
}
