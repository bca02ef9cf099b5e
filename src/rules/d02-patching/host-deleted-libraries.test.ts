import { describe, expect, it } from 'vitest';
import { hostFindingsFor, type HostTree } from '../../../test/host-tester.js';
import rule from './host-deleted-libraries.js';
import { procStat } from './host-time.js';

const mapping = (path: string, perms = 'r-xp'): string =>
  `7f3a1c000000-7f3a1c0a0000 ${perms} 00000000 08:01 131090                     ${path}\n`;
const proc = (pid: number, name: string, maps: string, cmdline = `/usr/sbin/${name}\0`): HostTree => ({
  [`/proc/${pid}/stat`]: procStat(pid, name),
  [`/proc/${pid}/cmdline`]: cmdline,
  [`/proc/${pid}/maps`]: maps,
});

describe('D02.host-deleted-libraries', () => {
  it.each([
    ['libraries all present', proc(10, 'sshd', mapping('/usr/lib/libssl.so.3') + mapping('/usr/sbin/sshd'))],
    [
      'only scratch files deleted',
      proc(
        10,
        'pulseaudio',
        mapping('/memfd:pulseaudio (deleted)', 'rw-s') + mapping('/dev/shm/x (deleted)', 'rw-s'),
      ),
    ],
    ['a deleted data file', proc(10, 'app', mapping('/var/lib/app/cache.db (deleted)', 'rw-p'))],
    ['no processes', {}],
  ])('accepts: %s', async (_name, tree) => {
    expect(await hostFindingsFor(rule, tree)).toEqual([]);
  });

  it('one finding per program with its pids and files', async () => {
    const libs =
      mapping('/usr/lib/x86_64-linux-gnu/libssl.so.3 (deleted)') +
      mapping('/usr/lib/x86_64-linux-gnu/libcrypto.so.3 (deleted)');
    const findings = await hostFindingsFor(rule, {
      ...proc(812, 'sshd', mapping('/usr/sbin/sshd') + libs),
      ...proc(1200, 'sshd', libs),
      ...proc(1500, 'nginx', mapping('/usr/sbin/nginx (deleted)')),
    });
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ['medium', 'nginx (pid 1500) still runs 1 deleted file replaced by an update: nginx; restart it'],
      [
        'medium',
        'sshd (pids 812, 1200) still runs 2 deleted libraries replaced by an update: libcrypto.so.3, libssl.so.3; restart it',
      ],
    ]);
    expect(findings[1]!.location).toMatchObject({
      path: expect.stringMatching(/\/proc\/812\/maps$/),
      line: 2,
    });
    expect(findings[1]!.evidence).toContain('pid 1200 sshd: /usr/lib/x86_64-linux-gnu/libssl.so.3 (deleted)');
  });

  it('leaves a replaced engine binary to D02.engine-restart-pending, but not its libraries', async () => {
    const findings = await hostFindingsFor(rule, {
      '/proc/stat': 'cpu 1\nbtime 1790000000\n',
      ...proc(903, 'dockerd', mapping('/usr/bin/dockerd (deleted)'), '/usr/bin/dockerd\0'),
      '/proc/903/exe': { link: '/usr/bin/dockerd (deleted)' },
      ...proc(
        904,
        'containerd',
        mapping('/usr/bin/containerd (deleted)') + mapping('/usr/lib/libc.so.6 (deleted)'),
        '/usr/bin/containerd\0',
      ),
      '/proc/904/exe': { link: '/usr/bin/containerd (deleted)' },
    });
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^containerd \(pid 904\) still runs 1 deleted library .*: libc\.so\.6/),
    ]);
  });

  it('caps the findings at 50 programs and counts the rest', async () => {
    const tree: HostTree = {};
    for (let i = 0; i < 60; i++)
      Object.assign(
        tree,
        proc(100 + i, `p${String(i).padStart(2, '0')}`, mapping('/usr/lib/libz.so.1 (deleted)')),
      );
    const findings = await hostFindingsFor(rule, tree);
    expect(findings).toHaveLength(51);
    expect(findings.at(-1)!.message).toContain('10 more programs still run deleted libraries: p50, p51');
  });
});
