import { describe, expect, it } from 'vitest';
import { hostFindingsFor } from '../../../test/host-tester.js';
import rule from './host-time-sync.js';

const stat = (pid: number, name: string) =>
  `${pid} (${name}) S 1 ${pid} ${pid} 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 500\n`;
const process = (pid: number, name: string, cmdline: string) => ({
  [`/proc/${pid}/stat`]: stat(pid, name),
  [`/proc/${pid}/cmdline`]: `${cmdline}\0`,
  [`/proc/${pid}/status`]: `Name:\t${name}\nUid:\t0\t0\t0\t0\n`,
});
const ENABLED = {
  '/etc/systemd/system/sysinit.target.wants/systemd-timesyncd.service': {
    link: '/lib/systemd/system/systemd-timesyncd.service',
  },
};

describe('D10.time-sync', () => {
  it('accepts a running chronyd, ntpd or systemd-timesyncd', async () => {
    for (const [name, cmdline] of [
      ['chronyd', '/usr/sbin/chronyd'],
      ['ntpd', '/usr/sbin/ntpd'],
      ['systemd-timesyn', '/lib/systemd/systemd-timesyncd'],
    ])
      expect(
        await hostFindingsFor(rule, {
          ...process(1, 'systemd', '/sbin/init'),
          ...process(300, name!, cmdline!),
        }),
      ).toEqual([]);
  });
  it('without a process table, accepts an enabled service', async () => {
    expect(await hostFindingsFor(rule, ENABLED)).toEqual([]);
    expect(
      await hostFindingsFor(rule, {
        '/etc/systemd/system/multi-user.target.wants/chrony.service': {
          link: '/lib/systemd/system/chrony.service',
        },
      }),
    ).toEqual([]);
  });
  it('reports a host whose processes show none, even if one is enabled', async () => {
    const findings = await hostFindingsFor(rule, { ...process(1, 'systemd', '/sbin/init'), ...ENABLED });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('systemd-timesyncd is enabled but not running');
    expect(String((findings[0]!.location as { path: string }).path)).toMatch(
      /sysinit\.target\.wants\/systemd-timesyncd\.service$/,
    );
  });
  it('reports a stopped host with nothing enabled, at the configuration left behind', async () => {
    const findings = await hostFindingsFor(rule, {
      '/etc/chrony/chrony.conf': 'pool 2.debian.pool.ntp.org iburst\n',
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('no chronyd, ntpd or systemd-timesyncd is enabled');
    expect(findings[0]!.evidence).toBe('configured, not active: chronyd');
  });
});
