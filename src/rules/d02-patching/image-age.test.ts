import { describe, expect, it } from 'vitest';
import { imageFindingsFor, TEST_SETTINGS, testImageRule } from '../../../test/rule-tester.js';
import rule from './image-age.js';

// TEST_NOW is 2026-11-01; the window is 90 days, a warning past 30.
testImageRule(rule, {
  accept: [
    { name: 'built last week', code: 'created: 2026-10-25T00:00:00Z' },
    { name: 'built 30 days ago: within a third of the window', code: 'created: 2026-10-02T00:00:00Z' },
    { name: 'a reproducible build at the epoch', code: 'created: 1970-01-01T00:00:00Z' },
    { name: 'a creation time in the future', code: 'created: 2027-01-01T00:00:00Z' },
    { name: 'a creation time that is not a date', code: 'created: yesterday' },
  ],
  reject: [
    {
      name: 'older than the window: high',
      code: 'created: 2026-01-15T10:00:00Z',
      objects: ['config created'],
      messageIncludes: 'was built 289 days ago (2026-01-15), older than the 90-day patch window',
      severity: 'high',
    },
    {
      name: 'past a third of the window: low',
      code: 'created: 2026-09-01T00:00:00Z',
      objects: ['config created'],
      messageIncludes: 'past a third of the 90-day patch window',
      severity: 'low',
    },
  ],
});

describe('D02.image-age (image): the window is a setting', () => {
  it('follows maxImageAgeDays', async () => {
    const code = 'created: 2026-09-01T00:00:00Z';
    const severities = async (days: number): Promise<string[]> =>
      (await imageFindingsFor(rule, code, { ...TEST_SETTINGS, maxImageAgeDays: days })).map(
        (f) => f.severity,
      );
    expect(await severities(30)).toEqual(['high']);
    expect(await severities(365)).toEqual([]);
  });
});
