import { mkdir, rm, writeFile } from 'node:fs/promises';
import { release, uptime } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hostRoot } from '../../../test/host-tester.js';
import { procStat } from '../../rules/d02-patching/host-time.js';
import type { HostUnknown } from '../../subjects/host-facts.js';
import type { HostSystem } from '../../subjects/host/system.js';
import { HostContext } from './context.js';
import { compareKernelVersions, kernelFlavour } from '../../core/kernel-version.js';
import { parseUpdatesAvailable, readSystem } from './system.js';

/** The system facts of a root and what could not be read of them (the other readers' unknowns left out). */
async function read(root: string): Promise<{ system: HostSystem; unknown: HostUnknown[] }> {
  const context = new HostContext(root);
  const system = await readSystem(context);
  return { system, unknown: context.unknown };
}

describe('compareKernelVersions', () => {
  it.each([
    ['6.1.0-20-amd64', '6.1.0-27-amd64'],
    ['5.15.0-97-generic', '5.15.0-105-generic'],
    ['5.14.0-362.8.1.el9_3.x86_64', '5.14.0-427.13.1.el9_4.x86_64'],
    ['6.1.9', '6.1.10'],
    ['6.1.0-rc7', '6.1.0-1'],
    ['4.19.0-26-amd64', '6.1.0-1-amd64'],
  ])('%s < %s', (older, newer) => {
    expect(compareKernelVersions(older, newer)).toBeLessThan(0);
    expect(compareKernelVersions(newer, older)).toBeGreaterThan(0);
    expect(compareKernelVersions(newer, newer)).toBe(0);
  });
  it('names flavours without their digits', () => {
    expect(kernelFlavour('6.1.0-27-amd64')).toBe('amd');
    expect(kernelFlavour('6.1.0-27-cloud-amd64')).toBe('cloud-amd');
    expect(kernelFlavour('5.15.0-105-generic')).toBe('generic');
    expect(kernelFlavour('5.14.0-427.13.1.el9_4.x86_64')).toBe(kernelFlavour('5.14.0-362.8.1.el9_3.x86_64'));
    expect(kernelFlavour('6.9.7-arch1-1')).toBe(kernelFlavour('6.10.2-arch1-2'));
  });
});

describe('parseUpdatesAvailable', () => {
  it('reads the current and older update-notifier texts', () => {
    expect(
      parseUpdatesAvailable(
        '\n12 updates can be applied immediately.\n5 of these updates are standard security updates.\nTo see these additional updates run: apt list --upgradable\n\n3 additional security updates can be applied with ESM Apps.\n',
      ),
    ).toEqual({ total: 12, security: 8 });
    expect(parseUpdatesAvailable('4 packages can be updated.\n1 update is a security update.\n')).toEqual({
      total: 4,
      security: 1,
    });
    expect(parseUpdatesAvailable('0 updates can be applied immediately.\n')).toEqual({
      total: 0,
      security: 0,
    });
    expect(parseUpdatesAvailable('\n')).toBeUndefined();
  });
});

const MAPS = [
  '55d0c0000000-55d0c0010000 r-xp 00000000 08:01 1000                       /usr/sbin/sshd',
  '7f3a1c000000-7f3a1c0a0000 r-xp 00000000 08:01 131090                     /usr/lib/x86_64-linux-gnu/libcrypto.so.3 (deleted)',
  '7f3a1c0a0000-7f3a1c0b0000 r--p 000a0000 08:01 131090                     /usr/lib/x86_64-linux-gnu/libcrypto.so.3 (deleted)',
  '7f3a1d000000-7f3a1d100000 rw-s 00000000 00:05 99                         /memfd:pulseaudio (deleted)',
  '7f3a1e000000-7f3a1e100000 rw-s 00000000 00:19 42                         /dev/shm/.org.chromium.x (deleted)',
  '',
].join('\n');

describe('readSystem over a fixture root', () => {
  it('reads kernels, boot, package activity, pending updates, deleted mappings and engine services', async () => {
    const root = await hostRoot({
      '/etc/hostname': 'web-1\n',
      '/proc/sys/kernel/osrelease': '6.1.0-20-amd64\n',
      '/proc/stat': 'cpu  1 2 3 4\nintr 5\nbtime 1790000000\nprocesses 9\n',
      '/proc/uptime': '3456789.12 100.5\n',
      '/proc/812/stat': procStat(812, 'sshd'),
      '/proc/812/cmdline': '/usr/sbin/sshd\0-D\0',
      '/proc/812/maps': MAPS,
      '/proc/2/stat': procStat(2, 'kthreadd'),
      '/proc/2/cmdline': '',
      '/proc/903/stat': procStat(903, 'dockerd', 250000),
      '/proc/903/cmdline': '/usr/bin/dockerd\0-H\0fd://\0',
      '/proc/903/maps': '',
      '/proc/903/exe': { link: '/usr/bin/dockerd (deleted)' },
      '/proc/904/stat': procStat(904, 'containerd', 100),
      '/proc/904/cmdline': '/usr/bin/containerd\0',
      '/proc/904/maps': '',
      '/usr/bin/containerd': '',
      '/boot/vmlinuz-6.1.0-20-amd64': '',
      '/boot/vmlinuz-6.1.0-27-amd64': '',
      '/boot/config-6.1.0-27-amd64': '',
      '/lib/modules/6.1.0-27-amd64/modules.dep': '',
      '/lib/modules/6.1.0-30-amd64/modules.dep': '',
      '/lib/modules/5.10.0-9-amd64/updates/dkms/zfs.ko': '',
      '/var/log/dpkg.log':
        '2026-10-20 06:00:01 startup archives unpack\n2026-10-20 06:00:02 upgrade curl:amd64 7.88.1-10 7.88.1-11\n2026-10-20 06:00:03 status installed curl:amd64 7.88.1-11\n2026-10-20 06:00:04 status half-configured curl:amd64 7.88.1-11\n',
      '/var/log/dpkg.log.1':
        '2026-09-20 06:12:03 status installed linux-image-6.1.0-27-amd64:amd64 6.1.0-27\n',
      '/var/log/apt/history.log':
        '\nStart-Date: 2026-10-25  10:00:00\nCommandline: apt-get remove vim\nRemove: vim:amd64 (2:9.0)\nEnd-Date: 2026-10-25  10:00:04\n\nStart-Date: 2026-10-21  09:00:00\nCommandline: apt-get upgrade\nUpgrade: curl:amd64 (7.88.1-10, 7.88.1-11)\nEnd-Date: 2026-10-21  09:00:09\n',
      '/var/lib/update-notifier/updates-available':
        '\n7 updates can be applied immediately.\n2 of these updates are standard security updates.\n',
      '/run/reboot-required': '*** System restart required ***\n',
      '/run/reboot-required.pkgs': 'linux-image-6.1.0-27-amd64\nlibc6\nlibc6\n',
    });
    // An older rotated log, gzipped: the kernel 6.1.0-30 was installed long ago in this made-up history.
    await writeFile(
      join(root, '/var/log/dpkg.log.2.gz'),
      gzipSync('2026-01-05 07:00:00 status installed linux-image-6.1.0-30-amd64:amd64 6.1.0-30\n'),
    );
    try {
      const { system, unknown } = await read(root);
      expect(unknown).toEqual([]);
      expect(system.kernelRunning?.value).toBe('6.1.0-20-amd64');
      expect(system.kernelsInstalled?.map((k) => k.value.version)).toEqual([
        '6.1.0-20-amd64',
        '6.1.0-27-amd64',
        '6.1.0-30-amd64',
      ]);
      const k27 = system.kernelsInstalled?.[1];
      expect(k27?.at.path).toBe(join(root, '/boot/vmlinuz-6.1.0-27-amd64'));
      expect(k27?.value.installedAt).toEqual({
        value: '2026-09-20T06:12:03Z',
        at: { path: join(root, '/var/log/dpkg.log.1'), line: 1, column: 1 },
      });
      expect(system.kernelsInstalled?.[2]?.value.installedAt?.value).toBe('2026-01-05T07:00:00Z');
      expect(system.kernelsInstalled?.[2]?.at.path).toBe(join(root, '/lib/modules/6.1.0-30-amd64'));
      expect(system.bootTime).toEqual({
        value: new Date(1790000000 * 1000).toISOString(),
        at: { path: join(root, '/proc/stat'), line: 3, column: 1 },
      });
      expect(system.uptimeSeconds?.value).toBe(3456789.12);
      const activity = system.packageActivity?.filter((a) => a.value.source !== 'dpkg database');
      expect(activity?.map((a) => [a.value.source, a.value.time, a.at.line])).toEqual([
        ['dpkg.log', '2026-10-20T06:00:03Z', 3],
        ['apt history', '2026-10-21T09:00:09Z', 10],
      ]);
      expect(system.pendingUpdates?.value).toEqual({ total: 7, security: 2 });
      expect(system.pendingUpdates?.at.line).toBe(3);
      expect(system.rebootRequired?.value.packages).toEqual(['linux-image-6.1.0-27-amd64', 'libc6']);
      expect(system.deletedMappings).toEqual([
        {
          value: {
            pid: 812,
            name: 'sshd',
            path: '/usr/lib/x86_64-linux-gnu/libcrypto.so.3',
            kind: 'library',
          },
          at: { path: join(root, '/proc/812/maps'), line: 2, column: 1 },
        },
      ]);
      expect(system.engineServices?.map((s) => s.value)).toEqual([
        {
          name: 'dockerd',
          pid: 903,
          startedAt: new Date(1790000000 * 1000 + 2500 * 1000).toISOString(),
          binary: '/usr/bin/dockerd',
          binaryReplaced: true,
        },
        {
          name: 'containerd',
          pid: 904,
          startedAt: new Date(1790000000 * 1000 + 1000).toISOString(),
          binary: '/usr/bin/containerd',
          binaryReplaced: false,
          binaryChangedAt: expect.any(String),
        },
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('records what is missing as unknown and does not crash', async () => {
    const root = await hostRoot({ '/etc/hostname': 'h\n' });
    const { system, unknown } = await read(root);
    await rm(root, { recursive: true, force: true });
    expect(system).toEqual({ packageActivity: [] });
    expect(unknown.map((u) => u.what)).toEqual([
      'the running kernel, uptime and processes',
      'installed kernels',
      'the last package update',
    ]);
  });

  it('records unreadable files as unknown', async () => {
    // Running as root, a file mode cannot hide a file: a directory where a file should be is unreadable for all.
    const root = await hostRoot({
      '/etc/hostname': 'h\n',
      '/proc/sys/kernel/osrelease': '6.1.0-20-amd64\n',
      '/proc/stat': 'cpu 1\n',
      '/proc/uptime/x': '',
      '/var/log/dpkg.log/x': '',
      '/var/lib/dpkg/status': '',
    });
    await mkdir(join(root, '/boot'));
    try {
      const { system, unknown } = await read(root);
      expect(system.kernelRunning?.value).toBe('6.1.0-20-amd64');
      expect(system.kernelsInstalled).toEqual([]);
      expect(system.uptimeSeconds).toBeUndefined();
      expect(system.bootTime).toBeUndefined();
      expect(system.packageActivity?.map((a) => a.value.source)).toEqual(['dpkg database']);
      expect(unknown.map((u) => [u.what, u.path.slice(root.length), u.why]).sort()).toEqual([
        ['the boot time', '/proc/stat', 'no btime line'],
        ['the last package update', '/var/log/dpkg.log', 'EISDIR'],
        ['the uptime', '/proc/uptime', 'EISDIR'],
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('readSystem on this machine', () => {
  it('reads the running kernel, boot time and uptime as the OS reports them', async () => {
    const { system } = await read('/');
    expect(system.kernelRunning?.value).toBe(release());
    const boot = Date.parse(system.bootTime!.value);
    expect(Math.abs(boot - (Date.now() - uptime() * 1000))).toBeLessThan(5000);
    expect(Math.abs(system.uptimeSeconds!.value - uptime())).toBeLessThan(5);
    expect(system.deletedMappings).toBeDefined();
    expect(system.deletedMappings?.filter((m) => m.value.pid === process.pid)).toEqual([]);
  });
});
