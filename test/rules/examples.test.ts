// Every rule documents itself with a bad and a good snippet per format (`dt10 explain`, docs/rules.md).
// The documentation must not lie: each bad snippet is reported by its rule, each good one is not.
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../src/rules/index.js';
import { findingsFor, type RuleCases } from '../rule-tester.js';

type Format = keyof RuleCases | 'engine' | 'image' | 'host';

describe('rule examples', () => {
  it('every rule has at least one example', () => {
    expect(ALL_RULES.filter((rule) => (rule.examples ?? []).length === 0).map((rule) => rule.id)).toEqual([]);
  });

  for (const rule of ALL_RULES) {
    for (const [index, example] of (rule.examples ?? []).entries()) {
      describe(`${rule.id} example ${index + 1} (${example.target})`, () => {
        it('is for a format the rule targets', () => expect(rule.targets).toContain(example.target));
        it('bad is reported', async () => {
          const findings = await findingsFor(rule, example.target as Format, example.bad);
          expect(findings.length).toBeGreaterThan(0);
        });
        it('good is not reported', async () => {
          expect(await findingsFor(rule, example.target as Format, example.good)).toEqual([]);
        });
      });
    }
  }
});
