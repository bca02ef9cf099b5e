import { describe, expect, it } from 'vitest';
import { hostFindingsFor, type HostTree } from '../../../test/host-tester.js';
import rule from './host-reboot-pending.js';

// TEST_NOW is 2026-11-01.
const kernels = (running: string, ...installed: string[]): HostTree => ({
  '/proc/sys/kernel/osrelease': `${running}\n`,
  ...Object.fromEntries(installed.map((v) => [`/boot/vmlinuz-${v}`, ''])),
});
const installedOn = (version: string, date: string): HostTree => ({
  '/var/log/dpkg.log': `2026-01-01 00:00:00 status installed curl:amd64 1\n${date} 00:00:00 status installed linux-image-${version}:amd64 ${version}\n`,
});

describe('D02.host-reboot-pending', () => {
  it.each([
    ['the newest kernel is running', kernels('6.1.0-27-amd64', '6.1.0-20-amd64', '6.1.0-27-amd64')],
    ['only the running kernel', kernels('6.1.0-27-amd64', '6.1.0-27-amd64')],
    [
      'a newer kernel of another flavour',
      kernels('6.1.0-27-amd64', '6.1.0-27-amd64', '6.1.0-28-cloud-amd64'),
    ],
    ['no installed kernel is known', kernels('6.1.0-20-amd64')],
    ['no running kernel is known', { '/boot/vmlinuz-6.1.0-27-amd64': '' }],
  ])('accepts: %s', async (_name, tree) => {
    expect(await hostFindingsFor(rule, tree)).toEqual([]);
  });

  it.each([
    ['2026-08-01', 'high', '92 days'],
    ['2026-10-10', 'medium', '22 days'],
    ['2026-10-27', 'low', '5 days'],
    ['2026-10-31', 'info', '1 day'],
  ])('a newer kernel installed on %s is %s', async (date, severity, days) => {
    const findings = await hostFindingsFor(rule, {
      ...kernels('6.1.0-20-amd64', '6.1.0-20-amd64', '6.1.0-25-amd64', '6.1.0-27-amd64'),
      ...installedOn('6.1.0-27-amd64', date),
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe(severity);
    expect(findings[0]!.message).toContain(
      `runs kernel 6.1.0-20-amd64 but 6.1.0-27-amd64 is installed since ${date} (${days})`,
    );
    expect(findings[0]!.location).toMatchObject({
      path: expect.stringMatching(/\/boot\/vmlinuz-6\.1\.0-27-amd64$/),
    });
    expect(findings[0]!.evidence).toContain(`installed at: ${date}T00:00:00Z`);
  });

  it('compares versions as numbers: 5.15.0-105 is newer than 5.15.0-97', async () => {
    const findings = await hostFindingsFor(
      rule,
      kernels('5.15.0-97-generic', '5.15.0-97-generic', '5.15.0-105-generic'),
    );
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('but 5.15.0-105-generic is installed'),
    ]);
    expect(
      await hostFindingsFor(rule, kernels('5.15.0-105-generic', '5.15.0-97-generic', '5.15.0-105-generic')),
    ).toEqual([]);
  });

  it('reports /run/reboot-required with the packages that asked', async () => {
    const findings = await hostFindingsFor(rule, {
      ...kernels('6.1.0-27-amd64', '6.1.0-27-amd64'),
      '/run/reboot-required': '*** System restart required ***\n',
      '/run/reboot-required.pkgs': 'libc6\nlibssl3\n',
    });
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('waits for a reboot asked for by libc6, libssl3'),
    ]);
  });
});
