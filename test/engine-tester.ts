// Rule tests for the other engine configuration inputs than daemon.json (which `testRule` covers as the
// `daemon` format): dockerd flags in a systemd unit or a DOCKER_OPTS file, loaded through the real source.
import { expect } from 'vitest';
import { evaluate, RuleSet } from '../src/core/evaluator.js';
import type { Finding } from '../src/core/finding.js';
import type { AnyRule } from '../src/core/rule.js';
import { loadText } from '../src/scan/load-file.js';
import { subjectsOf } from '../src/scan/judge-files.js';
import { TEST_NOW, TEST_SETTINGS } from './rule-tester.js';

/** Scans `text` as dockerd flags (`docker.service` unless another path is given) with one rule. */
export async function flagFindings(rule: AnyRule, text: string, path = 'docker.service'): Promise<Finding[]> {
  const loaded = await loadText(path, text, 'dockerd-flags', true, {
    environment: {},
    dotEnvCache: new Map(),
  });
  expect(loaded.errors, 'the test input must load without errors').toEqual([]);
  expect(loaded.other, 'the test input must run dockerd').toHaveLength(1);
  const { findings, errors } = evaluate(subjectsOf([loaded]), new RuleSet([rule]), {
    now: TEST_NOW,
    settings: TEST_SETTINGS,
  });
  expect(errors).toEqual([]);
  return findings.filter((f) => f.ruleId === rule.id);
}

/** A docker.service whose ExecStart runs dockerd with `flags` on line 3. */
export function dockerdUnit(flags: string): string {
  return `[Service]\nExecStart=/usr/bin/dockerd -H fd:// \\\n  ${flags}\n`;
}

/** Lines of the findings, for `expect(...).toEqual([3])`. */
export function linesOf(findings: readonly Finding[]): number[] {
  return findings.map((f) => ('line' in f.location ? f.location.line : -1));
}
