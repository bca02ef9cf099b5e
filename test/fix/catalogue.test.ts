// The fix catalogue that `dt10 rules` and docs/rules.md show is the fixers' own lists, format by format.
import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/core/rule.js';
import { FIX_FORMATS, OPT_IN_FIXES } from '../../src/fix/catalogue.js';
import { DAEMON_JSON_FIXES } from '../../src/fix/daemon-json.js';
import { DOCKERFILE_FIXES } from '../../src/fix/dockerfile.js';
import { FIXABLE_RULES, OPT_IN_RULES } from '../../src/fix/fixers.js';
import { RUN_LINE_FIXES } from '../../src/fix/run-line.js';
import { DEFAULT_FIX_VALUES } from '../../src/fix/types.js';
import { composeSteps } from '../../src/fix/yaml/compose.js';
import { containerSteps, podSteps } from '../../src/fix/yaml/kubernetes.js';
import { ALL_RULES } from '../../src/rules/index.js';

const input = { lines: [], values: DEFAULT_FIX_VALUES, original: undefined, lineOf: () => 1 };

function formatsOf(id: string): Target[] {
  const formats: Target[] = [];
  if (composeSteps(id, input).length > 0) formats.push('compose');
  if (containerSteps(id, input).length > 0 || podSteps(id, input).length > 0) formats.push('kubernetes');
  if (RUN_LINE_FIXES.includes(id)) formats.push('docker-run');
  if (DOCKERFILE_FIXES.includes(id)) formats.push('dockerfile');
  if (DAEMON_JSON_FIXES.includes(id)) formats.push('daemon');
  return formats;
}

describe('the fix catalogue', () => {
  it('lists every fixable rule with exactly the formats its fixers handle', () => {
    expect(Object.keys(FIX_FORMATS).sort()).toEqual([...FIXABLE_RULES].sort());
    for (const id of FIXABLE_RULES)
      expect([id, ...[...(FIX_FORMATS[id] ?? [])].sort()]).toEqual([id, ...formatsOf(id).sort()]);
    expect(OPT_IN_RULES).toEqual(OPT_IN_FIXES);
  });

  it('names only rules that exist, in formats the rule judges', () => {
    for (const [id, formats] of Object.entries(FIX_FORMATS)) {
      const rules = ALL_RULES.filter((rule) => rule.id === id);
      expect(rules.length, id).toBeGreaterThan(0);
      const targets = new Set(rules.flatMap((rule) => rule.targets));
      for (const format of formats) expect(targets.has(format), `${id} ${format}`).toBe(true);
    }
  });
});
