// The Dockerfile rules as a group: registered, over BuildSpec, with complete metadata, and examples that do
// what they show: every `bad` is reported, every `good` is not.
import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../../test/rule-tester.js';
import { ALL_RULES } from '../index.js';
import { BUILD_RULES } from './build.js';

describe('build rules', () => {
  it.each(BUILD_RULES.map((rule) => [rule.id, rule] as const))(
    '%s is registered, over BuildSpec, with complete metadata',
    (_id, rule) => {
      expect(ALL_RULES).toContain(rule);
      expect(rule.subject).toBe('build');
      // A Dockerfile rule may also judge built images (checkImage), under the same id.
      expect(rule.targets).toEqual(rule.checkImage ? ['dockerfile', 'image'] : ['dockerfile']);
      expect(rule.id).toMatch(new RegExp(`^${rule.category}\\.[a-z0-9]+(-[a-z0-9]+)*$`));
      expect(rule.threats.length).toBeGreaterThan(0);
      for (const threat of rule.threats) expect(threat).toBeGreaterThanOrEqual(1);
      expect(rule.rationale.length).toBeGreaterThan(100);
      // Every remediation shows what to write instead, as a Dockerfile line.
      expect(rule.remediation).toMatch(/\n {2}(FROM|RUN|COPY|ADD|ENV|USER|HEALTHCHECK|docker|kubectl) /);
      expect(rule.references.length).toBeGreaterThan(0);
      for (const reference of rule.references) expect(reference).toMatch(/^https:\/\//);
      expect([...new Set(rule.examples?.map((e) => e.target))]).toEqual(rule.targets);
    },
  );

  it('has unique ids', () => {
    const ids = BUILD_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe('examples', () => {
    for (const rule of BUILD_RULES)
      for (const example of (rule.examples ?? []).filter((e) => e.target === 'dockerfile')) {
        it(`${rule.id}: the bad example is reported`, async () => {
          expect(await findingsFor(rule, 'dockerfile', example.bad)).not.toEqual([]);
        });
        it(`${rule.id}: the good example is not`, async () => {
          expect((await findingsFor(rule, 'dockerfile', example.good)).map((f) => f.message)).toEqual([]);
        });
      }
  });
});
