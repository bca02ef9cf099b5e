import { utimes } from 'node:fs/promises';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, RuleSet } from '../../core/evaluator.js';
import { hostRoot, type HostTree } from '../../../test/host-tester.js';
import { TEST_NOW, TEST_SETTINGS } from '../../../test/rule-tester.js';
import { readHost } from '../../sources/host/index.js';
import rule from './host-engine-restart.js';
import { procStat } from './host-time.js';

// Booted 2026-09-21T13:46:40Z; a process started 1,000 ticks (10 s) after boot.
const BTIME = 1790000000;
const service = (pid: number, name: string, exe: string): HostTree => ({
  '/proc/stat': `cpu 1\nbtime ${BTIME}\n`,
  [`/proc/${pid}/stat`]: procStat(pid, name),
  [`/proc/${pid}/cmdline`]: `/usr/bin/${name}\0`,
  [`/proc/${pid}/exe`]: { link: exe },
});

/** Findings over a fixture root whose /usr/bin/<binary> gets the modification time `mtime` (seconds). */
async function findings(tree: HostTree, binary?: { path: string; mtime: number }) {
  const root = await hostRoot({ '/etc/hostname': 'h\n', ...tree });
  try {
    if (binary !== undefined) await utimes(join(root, binary.path), binary.mtime, binary.mtime);
    const read = await readHost(root, { now: TEST_NOW });
    const result = evaluate([read.host], new RuleSet([rule]), { now: TEST_NOW, settings: TEST_SETTINGS });
    return result.findings.filter((f) => f.ruleId === rule.id);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

describe('D02.engine-restart-pending', () => {
  it('accepts services whose binary is in place, and other programs', async () => {
    expect(await findings(service(903, 'dockerd', '/usr/bin/dockerd'))).toEqual([]);
    expect(await findings(service(50, 'nginx', '/usr/sbin/nginx (deleted)'))).toEqual([]);
  });

  it.each([
    ['dockerd', 903],
    ['containerd', 904],
    ['kubelet', 905],
  ])('reports %s whose binary was replaced since it started', async (name, pid) => {
    const found = await findings(service(pid, name, `/usr/bin/${name} (deleted)`));
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      [
        'high',
        `${name} (pid ${pid}) has run since 2026-09-21 (40 days) but its binary /usr/bin/${name} was replaced since: restart ${name} to run the updated version`,
      ],
    ]);
    expect(found[0]!.location).toMatchObject({
      path: expect.stringMatching(new RegExp(`/proc/${pid}/exe$`)),
    });
  });

  it('reports a binary rewritten in place after the start (its change time is later)', async () => {
    // The fixture's files change now, long after the 2026-09-21 start: ctime says the binary changed.
    const found = await findings(
      { ...service(903, 'dockerd', '/usr/bin/dockerd'), '/usr/bin/dockerd': 'new' },
      {
        path: '/usr/bin/dockerd',
        mtime: BTIME - 86_400,
      },
    );
    expect(found.map((f) => f.message)).toEqual([
      expect.stringMatching(/but its binary \/usr\/bin\/dockerd changed on \d{4}-/),
    ]);
  });

  it('does not judge services when the boot time is unknown', async () => {
    const tree = service(903, 'dockerd', '/usr/bin/dockerd (deleted)');
    delete tree['/proc/stat'];
    expect(await findings(tree)).toEqual([]);
  });
});
