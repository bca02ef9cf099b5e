// The evaluator: a rule that throws is an error entry naming the rule and the subject, and every finding
// other rules made is kept.
import { describe, expect, it } from 'vitest';
import { evaluate, RuleSet } from '../../src/core/evaluator.js';
import { defineRule } from '../../src/core/rule.js';
import privileged from '../../src/rules/d04-hardening/privileged.js';
import { loadText } from '../../src/scan/load-file.js';
import { subjectsOf } from '../../src/scan/judge-files.js';
import { TEST_NOW } from '../rule-tester.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';

const exploding = defineRule({
  ...privileged,
  id: 'D04.test-exploding',
  check(workload) {
    if (workload.name === 'b') throw new Error('boom');
    return [];
  },
});

describe('evaluate', () => {
  it('turns a throwing rule into an error naming the rule and the subject, and keeps other findings', async () => {
    const text =
      'services:\n  a:\n    image: x:1\n    privileged: true\n  b:\n    image: y:1\n    privileged: true\n';
    const loaded = await loadText('compose.yaml', text, 'compose', true, {
      environment: {},
      dotEnvCache: new Map(),
    });
    const { findings, errors } = evaluate(subjectsOf([loaded]), new RuleSet([exploding, privileged]), {
      now: TEST_NOW,
      settings: DEFAULT_SETTINGS,
    });
    expect(errors).toEqual([
      {
        path: 'compose.yaml',
        ruleId: 'D04.test-exploding',
        message: 'rule D04.test-exploding failed on service "b": boom',
      },
    ]);
    expect(findings.map((f) => [f.ruleId, 'line' in f.location ? f.location.line : 0])).toEqual([
      ['D04.privileged', 4],
      ['D04.privileged', 7],
    ]);
  });

  it('runs a rule only on subjects of its kind', async () => {
    const loaded = await loadText('Dockerfile', 'FROM alpine:3.20\n', 'dockerfile', true, {
      environment: {},
      dotEnvCache: new Map(),
    });
    const { findings, errors } = evaluate(subjectsOf([loaded]), new RuleSet([privileged]), {
      now: TEST_NOW,
      settings: DEFAULT_SETTINGS,
    });
    expect(findings).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('merges one setting shared by many workloads into one finding naming ten of them and counting the rest', async () => {
    const services = Array.from({ length: 14 }, (_, i) => `  s${i + 1}: *base\n`).join('');
    const text = `x-base: &base\n  image: x:1\n  privileged: true\nservices:\n${services}`;
    const loaded = await loadText('compose.yaml', text, 'compose', true, {
      environment: {},
      dotEnvCache: new Map(),
    });
    const { findings } = evaluate(subjectsOf([loaded]), new RuleSet([privileged]), {
      now: TEST_NOW,
      settings: DEFAULT_SETTINGS,
    });
    expect(findings).toHaveLength(1);
    const others = Array.from({ length: 10 }, (_, i) => `service "s${i + 2}"`).join(', ');
    expect(findings[0]!.message).toMatch(/^service "s1" /);
    expect(findings[0]!.message).toContain(`(also applies to ${others} and 3 more)`);
  });
});
