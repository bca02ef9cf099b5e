import { spawn } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostContext } from './context.js';
import { parseDeletedMappings, parseStat, readDeletedMappings } from './processes.js';

describe('parseStat', () => {
  it('reads a name holding spaces and parentheses, and the start time', () => {
    const text =
      '4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 123456 1000 100 0\n';
    expect(parseStat(text)).toEqual({ name: 'my (odd) name', startTicks: 123456 });
    expect(parseStat('garbage')).toBeUndefined();
  });
});

describe('parseDeletedMappings', () => {
  const line = (perms: string, path: string): string =>
    `7f3a1c000000-7f3a1c0a0000 ${perms} 00000000 08:01 131090                     ${path}`;
  it('finds deleted libraries and executables, each once, with the line that maps them first', () => {
    const text = [
      line('r-xp', '/usr/sbin/sshd'),
      line('r--p', '/usr/lib/x86_64-linux-gnu/libssl.so.3 (deleted)'),
      line('r-xp', '/usr/lib/x86_64-linux-gnu/libssl.so.3 (deleted)'),
      line('r-xp', '/usr/sbin/nginx (deleted)'),
      line('r-xp', '/opt/app/lib/libfoo-1.2.so (deleted)'),
      line('r--p', '/usr/share/locale/locale-archive (deleted)'),
      '',
    ].join('\n');
    expect(parseDeletedMappings(7, text)).toEqual([
      { pid: 7, path: '/usr/lib/x86_64-linux-gnu/libssl.so.3', kind: 'library', line: 2 },
      { pid: 7, path: '/usr/sbin/nginx', kind: 'executable', line: 4 },
      { pid: 7, path: '/opt/app/lib/libfoo-1.2.so', kind: 'library', line: 5 },
    ]);
  });
  it('leaves out scratch files, anonymous memory and names that are not deleted', () => {
    const text = [
      line('rw-s', '/memfd:pulseaudio (deleted)'),
      line('rw-s', '/dev/shm/.org.chromium.Chromium.x (deleted)'),
      line('r-xp', '/tmp/ffiXYZ (deleted)'),
      line('r-xp', '/tmp/jna123/jna456.so (deleted)'),
      line('rw-s', '/SYSV00000000 (deleted)'),
      line('r-xp', '/usr/lib/libgood.so.1'),
      line('r-xp', '/opt/a file (deleted) that is here'),
      '7ffd0000-7ffd1000 rw-p 00000000 00:00 0                          [stack]',
    ].join('\n');
    expect(parseDeletedMappings(7, text)).toEqual([]);
  });
  it('keeps a path holding spaces', () => {
    expect(parseDeletedMappings(7, line('r-xp', '/opt/my app/libx.so (deleted)'))).toEqual([
      { pid: 7, path: '/opt/my app/libx.so', kind: 'library', line: 1 },
    ]);
  });
});

describe('readDeletedMappings on this machine', () => {
  it('finds a running program whose executable was deleted, and not one whose file is there', async () => {
    // Not under /tmp (deleted files there are scratch files and left out), wherever the checkout is.
    const parent = '/var/lib/dt10-test';
    await mkdir(parent, { recursive: true });
    const dir = await mkdtemp(join(parent, 'dt10-maps-'));
    const program = join(dir, 'sleeper');
    await copyFile('/bin/sleep', program);
    await chmod(program, 0o755);
    const deleted = spawn(program, ['30'], { stdio: 'ignore' });
    const kept = spawn('/bin/sleep', ['30'], { stdio: 'ignore' });
    try {
      const pid = deleted.pid!;
      // Wait until the program is exec'd (its maps name it), then delete it.
      for (let i = 0; i < 100; i++) {
        const maps = await readFile(`/proc/${pid}/maps`, 'utf8').catch(() => '');
        if (maps.includes(program)) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await rm(program);
      const context = new HostContext('/');
      const { mapped, unreadable } = await readDeletedMappings(context, [pid, kept.pid!, 999_999_999]);
      expect(unreadable).toBe(0);
      expect(mapped.map(({ pid, path, kind }) => ({ pid, path, kind }))).toEqual([
        { pid, path: program, kind: 'executable' },
      ]);
    } finally {
      deleted.kill();
      kept.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
