// What every fixer's tests share: scan a text as a file, ask the fixer for the findings of some rules, and
// check the text out and what a re-scan finds (the fixed rules' findings gone, the others as they were).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import {
  DEFAULT_FIX_VALUES,
  type FixRequest,
  type FixValues,
  type TextFixer,
  type TextFixResult,
} from '../../src/fix/types.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { scan } from '../../src/scan/pipeline.js';

/** Scans `text` as `dir/name`: a fix and its check write the same path, so messages compare. */
export async function findings(name: string, text: string, dir: string): Promise<Finding[]> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const result = await scan({
    paths: [path],
    rules: ALL_RULES,
    context: { now: new Date('2026-01-15T00:00:00Z'), settings: DEFAULT_SETTINGS },
    environment: {},
  });
  expect(result.errors).toEqual([]);
  return result.findings;
}

export const findingKey = (f: Finding): string => `${f.ruleId} ${f.message}`;

/** The fix requests for the findings of `rules`, as `dt10 fix` makes them. */
export function requestsOf(found: readonly Finding[], rules: readonly string[]): FixRequest[] {
  return found.flatMap((f) =>
    rules.includes(f.ruleId) && 'line' in f.location
      ? [{ ruleId: f.ruleId, line: f.location.line, column: f.location.column }]
      : [],
  );
}

export interface FixCheck {
  fixer: TextFixer;
  /** The file name the text is scanned as (it decides how it is read). */
  name: string;
  dir: string;
  /** The rules chosen; their findings are requested (or those of `fix`). */
  rules: readonly string[];
  fix?: readonly string[];
  values?: FixValues;
  /** Rules whose findings the fix brings, as it must (privileged mode kept capabilities quiet). */
  appears?: readonly string[];
}

/**
 * Fixes `before`, checks the text is `after`, and that a re-scan has no finding of the rules left,
 * more findings of `appears`, and every other finding as it was.
 */
export async function expectFixed(c: FixCheck, before: string, after: string): Promise<TextFixResult> {
  const found = await findings(c.name, before, c.dir);
  const requests = requestsOf(found, c.fix ?? c.rules);
  expect(requests.length).toBeGreaterThan(0);
  const fixed = c.fixer(before, requests, { rules: c.rules, values: c.values ?? DEFAULT_FIX_VALUES });
  expect(fixed.skipped).toEqual([]);
  expect(fixed.text).toBe(after);
  const inRules = (rules: readonly string[]) => (k: string) => rules.some((rule) => k.startsWith(`${rule} `));
  const appears = c.appears ?? [];
  const untouched = (k: string) => !inRules([...c.rules, ...appears])(k);
  const earlier = found.map(findingKey).sort();
  const later = (await findings(c.name, fixed.text, c.dir)).map(findingKey).sort();
  expect(later.filter(inRules(c.rules))).toEqual([]);
  if (appears.length > 0)
    expect(later.filter(inRules(appears)).length).toBeGreaterThan(earlier.filter(inRules(appears)).length);
  expect(later.filter(untouched)).toEqual(earlier.filter(untouched));
  return fixed;
}
