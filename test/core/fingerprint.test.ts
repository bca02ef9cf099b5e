import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintKey, fingerprints, hash } from '../../src/core/fingerprint.js';
import type { Finding } from '../../src/core/finding.js';
import type { Location } from '../../src/core/location.js';

const text = fc.string({ unit: 'binary', maxLength: 80 });
const location: fc.Arbitrary<Location> = fc.oneof(
  fc.record({ path: text, line: fc.nat(), column: fc.nat() }),
  fc.record(
    { engine: text, object: text, field: fc.option(text, { nil: undefined }) },
    { requiredKeys: ['engine', 'object'] },
  ),
  fc.record(
    { image: text, object: text, field: fc.option(text, { nil: undefined }) },
    { requiredKeys: ['image', 'object'] },
  ),
);
const finding: fc.Arbitrary<Finding> = fc
  .record({
    ruleId: fc.constantFrom('D01.workload-root-user', 'D04.privileged', 'D06.secret-in-env'),
    message: fc.oneof(text, fc.constant('  line 12\\tof  C:\\\\app\\\\Dockerfile ')),
    evidence: fc.option(text, { nil: undefined }),
    location,
  })
  .map(({ ruleId, message, evidence, location: at }) => {
    const made: Finding = {
      ruleId,
      category: 'D01',
      severity: 'high',
      title: 'title',
      message,
      location: at,
      remediation: 'fix it',
      cis: [],
      threats: [],
    };
    if (evidence !== undefined) made.evidence = evidence;
    return made;
  });

describe('fingerprints', () => {
  it('hash the key of each finding (rule, place, normalized message and evidence)', () => {
    fc.assert(
      fc.property(finding, (one) => {
        expect(fingerprints([one]).get(one)).toBe(hash(fingerprintKey(one)));
      }),
      { numRuns: 500 },
    );
  });

  it('keep the digests baselines were written with', () => {
    // Recorded with the joined-key hasher: a change here invalidates every baseline users keep.
    const made = (message: string, path: string, evidence?: string): Finding => ({
      ruleId: 'D04.privileged',
      category: 'D04',
      severity: 'high',
      title: '',
      message,
      location: { path, line: 1, column: 1 },
      remediation: '',
      cis: [],
      threats: [],
      ...(evidence !== undefined ? { evidence } : {}),
    });
    const empty = made('', '');
    const privileged = made('service "web" runs privileged', 'compose.yaml', 'privileged: true');
    const prints = fingerprints([empty, privileged]);
    expect(prints.get(empty)).toBe('a571adbe388c28d745ac49b76bcfd93e');
    expect(prints.get(privileged)).toBe('095968552164ef814bc55a82dc78b4d5');
  });

  it('number identical findings so that each has its own print', () => {
    const one: Finding = {
      ruleId: 'D04.add-instead-of-copy',
      category: 'D04',
      severity: 'low',
      title: 'ADD',
      message: 'ADD where COPY suffices',
      location: { path: 'Dockerfile', line: 3, column: 1 },
      remediation: '',
      cis: [],
      threats: [],
    };
    const two: Finding = { ...one, location: { path: 'Dockerfile', line: 9, column: 1 } };
    const prints = fingerprints([one, two]);
    expect(prints.get(one)).toBe(hash(fingerprintKey(one)));
    expect(prints.get(two)).toBe(hash(`${fingerprintKey(two)}\u0000${1}`));
    expect(prints.get(one)).not.toBe(prints.get(two));
  });
});
