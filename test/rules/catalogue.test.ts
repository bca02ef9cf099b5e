// The catalogue's invariants: ids in the documented style, one meaning per id, metadata complete.
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '../../src/core/category.js';
import { ALL_RULES } from '../../src/rules/index.js';

describe('the rule catalogue', () => {
  it('uses ids of the form D0n.kebab-slug, in the rule category', () => {
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^D(0[1-9]|10)\.[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.id.startsWith(`${rule.category}.`)).toBe(true);
      expect(CATEGORY_IDS).toContain(rule.category);
    }
  });

  it('gives rules that share an id (one per subject) the same title, category and severity', () => {
    const byId = new Map<string, (typeof ALL_RULES)[number]>();
    for (const rule of ALL_RULES) {
      const first = byId.get(rule.id);
      if (!first) byId.set(rule.id, rule);
      else {
        expect({ id: rule.id, title: rule.title, category: rule.category, severity: rule.severity }).toEqual({
          id: first.id,
          title: first.title,
          category: first.category,
          severity: first.severity,
        });
        expect(rule.subject).not.toBe(first.subject);
      }
    }
  });

  it('documents every rule: rationale, remediation, threats, targets', () => {
    for (const rule of ALL_RULES) {
      expect(rule.rationale.length, rule.id).toBeGreaterThan(40);
      expect(rule.remediation.length, rule.id).toBeGreaterThan(20);
      expect(rule.threats.length, rule.id).toBeGreaterThan(0);
      expect(rule.targets.length, rule.id).toBeGreaterThan(0);
    }
  });
});
