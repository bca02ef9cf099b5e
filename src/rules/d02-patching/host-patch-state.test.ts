import { describe, expect, it } from 'vitest';
import { hostFindingsFor } from '../../../test/host-tester.js';
import rule from './host-patch-state.js';

describe('D02.host-patch-state', () => {
  it('answers every question the files can: uptime, kernels, packages, pending, deleted mappings', async () => {
    const findings = await hostFindingsFor(rule, {
      '/proc/uptime': '864000.52 1700000.10\n',
      '/proc/sys/kernel/osrelease': '6.1.0-20-amd64\n',
      '/boot/vmlinuz-6.1.0-20-amd64': '',
      '/boot/vmlinuz-6.1.0-27-amd64': '',
      '/var/log/dpkg.log': '2026-10-20 10:00:00 status installed openssl:amd64 3.0.15-1\n',
    });
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding!.severity).toBe('info');
    expect(finding!.message).toContain('up 10 days');
    expect(finding!.message).toContain('kernel 6.1.0-20-amd64 running (installed: ');
    expect(finding!.message).toContain('6.1.0-27-amd64');
    expect(finding!.message).toContain('packages last changed 2026-10-20 (11 days ago');
    expect(finding!.location).toMatchObject({ line: 1 });
    expect('path' in finding!.location && finding!.location.path.endsWith('/proc/sys/kernel/osrelease')).toBe(
      true,
    );
  });

  it('says nothing when no patch fact could be read', async () => {
    expect(await hostFindingsFor(rule, { '/etc/os-release': 'ID=debian\n' })).toEqual([]);
  });

  it('answers on this machine: the running kernel and uptime are always readable', async () => {
    const { readHost } = await import('../../sources/host/index.js');
    const { evaluate, RuleSet } = await import('../../core/evaluator.js');
    const { DEFAULT_SETTINGS } = await import('../../core/settings.js');
    const read = await readHost('/');
    const { findings } = evaluate([read.host], new RuleSet([rule]), {
      now: new Date(),
      settings: DEFAULT_SETTINGS,
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/up \d+ days?; kernel \S+ running/);
  });
});
