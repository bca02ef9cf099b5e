// The engine rules as a group: registered, over EngineConfig, with complete metadata. (Their examples are
// run with every other rule's by test/rules/examples.test.ts.)
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../index.js';
import { ENGINE_RULES } from './engine.js';

describe('engine rules', () => {
  it.each(ENGINE_RULES.map((rule) => [rule.id, rule] as const))(
    '%s is registered, over EngineConfig, with an example per target and remediation',
    (_id, rule) => {
      expect(ALL_RULES).toContain(rule);
      expect(rule.subject).toBe('engine-config');
      expect(rule.targets).toContain('engine');
      expect(rule.id.startsWith(`${rule.category}.`)).toBe(true);
      expect(rule.examples?.map((e) => e.target)).toEqual(
        rule.targets.filter((t) => t === 'daemon').length > 0 ? ['daemon'] : ['engine'],
      );
      // What daemon.json can set is fixed by showing the daemon.json; what it cannot, by upgrading.
      if (rule.targets.includes('daemon')) expect(rule.remediation).toMatch(/\{\n {4}"/);
      expect(rule.references.length).toBeGreaterThan(0);
    },
  );

  it('has unique ids; the two D10 logging ids are shared with the workload rules, as the catalogue says', () => {
    const ids = ENGINE_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The daemon's default differs in severity from a container's own setting: its own id.
    expect(ids).not.toContain('D04.no-new-privileges');
    expect(ids).toContain('D10.logging-disabled');
    expect(ids).toContain('D10.log-rotation-missing');
  });
});
