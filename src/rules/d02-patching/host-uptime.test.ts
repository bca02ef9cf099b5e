import { describe, expect, it } from 'vitest';
import { hostFindingsFor } from '../../../test/host-tester.js';
import { TEST_SETTINGS } from '../../../test/rule-tester.js';
import rule from './host-uptime.js';

const DAY = 86_400;
const up = (days: number): Record<string, string> => ({ '/proc/uptime': `${days * DAY + 12.5} 100.00\n` });

describe('D02.host-uptime', () => {
  it.each([
    ['up 10 days', up(10)],
    ['up exactly the window', up(90)],
    ['uptime unknown', {}],
  ])('accepts: %s', async (_name, tree) => {
    expect(await hostFindingsFor(rule, tree)).toEqual([]);
  });

  it('beyond the window: low, beyond four windows: medium', async () => {
    expect((await hostFindingsFor(rule, up(130))).map((f) => [f.severity, f.message])).toEqual([
      ['low', expect.stringContaining('has been up 130 days, beyond the 90-day patch window')],
    ]);
    expect((await hostFindingsFor(rule, up(400))).map((f) => f.severity)).toEqual(['medium']);
  });

  it('falls back to the boot time when /proc/uptime is missing', async () => {
    // 2026-05-01T00:00:00Z: 184 days before TEST_NOW.
    const findings = await hostFindingsFor(rule, { '/proc/stat': 'cpu 1\nbtime 1777593600\n' });
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('has been up 184 days (since 2026-05-01)'),
    ]);
  });

  it('follows maxImageAgeDays', async () => {
    expect(await hostFindingsFor(rule, up(130), { ...TEST_SETTINGS, maxImageAgeDays: 180 })).toEqual([]);
  });
});
