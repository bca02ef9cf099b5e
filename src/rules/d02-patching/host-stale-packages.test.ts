import { describe, expect, it } from 'vitest';
import { hostFindingsFor } from '../../../test/host-tester.js';
import { TEST_SETTINGS } from '../../../test/rule-tester.js';
import rule from './host-stale-packages.js';

// TEST_NOW is 2026-11-01; the window is 90 days, medium past 30.
const dpkg = (date: string, action = 'status installed'): Record<string, string> => ({
  '/var/log/dpkg.log': `${date} 06:00:00 ${action} openssl:amd64 3.0.15-1\n${date} 06:00:01 status half-configured x:amd64 1\n`,
});
const apt = (date: string, change = 'Upgrade'): Record<string, string> => ({
  '/var/log/apt/history.log': `\nStart-Date: ${date}  10:00:00\nCommandline: apt-get upgrade\n${change}: openssl:amd64 (3.0.14-1, 3.0.15-1)\nEnd-Date: ${date}  10:00:09\n`,
});

describe('D02.host-stale-packages', () => {
  it.each([
    ['an upgrade last week', dpkg('2026-10-25', 'upgrade')],
    ['an installation 30 days ago', dpkg('2026-10-02')],
    ['an old dpkg.log but a recent apt upgrade', { ...dpkg('2026-01-01'), ...apt('2026-10-28') }],
    ['no package manager at all', {}],
    [
      'update-notifier: no security update pending',
      {
        ...dpkg('2026-10-25'),
        '/var/lib/update-notifier/updates-available': '3 updates can be applied immediately.\n',
      },
    ],
  ])('accepts: %s', async (_name, tree) => {
    expect(await hostFindingsFor(rule, tree)).toEqual([]);
  });

  it('past a third of the window: medium', async () => {
    const findings = await hostFindingsFor(rule, dpkg('2026-09-01'));
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'medium',
        expect.stringContaining(
          'last installed or upgraded a package 60 days ago (2026-09-01, dpkg.log), past a third of the 90-day patch window',
        ),
      ],
    ]);
    expect(findings[0]!.location).toMatchObject({ line: 1 });
  });

  it('beyond the window: high, whichever source is newest', async () => {
    const findings = await hostFindingsFor(rule, { ...dpkg('2026-01-01'), ...apt('2026-03-01') });
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        expect.stringContaining('244 days ago (2026-03-01, apt history), beyond the 90-day patch window'),
      ],
    ]);
  });

  it('an apt transaction that only removed packages is no update', async () => {
    const findings = await hostFindingsFor(rule, { ...dpkg('2026-01-01'), ...apt('2026-10-28', 'Remove') });
    expect(findings.map((f) => f.severity)).toEqual(['high']);
  });

  it('follows maxImageAgeDays', async () => {
    expect(
      await hostFindingsFor(rule, dpkg('2026-09-01'), { ...TEST_SETTINGS, maxImageAgeDays: 365 }),
    ).toEqual([]);
    expect(
      (await hostFindingsFor(rule, dpkg('2026-10-20'), { ...TEST_SETTINGS, maxImageAgeDays: 10 })).map(
        (f) => f.severity,
      ),
    ).toEqual(['high']);
  });

  it('reports security updates the package lists say are pending', async () => {
    const findings = await hostFindingsFor(rule, {
      ...dpkg('2026-10-25'),
      '/var/lib/update-notifier/updates-available':
        '\n12 updates can be applied immediately.\n5 of these updates are standard security updates.\n',
    });
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'medium',
        expect.stringContaining('package lists say 5 security updates are pending (12 updates in all)'),
      ],
    ]);
    expect(findings[0]!.location).toMatchObject({ line: 3 });
  });
});
