import { describe, expect, it } from 'vitest';
import { hostFindingsFor } from '../../../test/host-tester.js';
import rule from './host-userns-subordinate-ids.js';

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nbuilder:x:1500:1500::/home/builder:/usr/sbin/nologin\n';
const remap = (value: string) => `{\n  "userns-remap": "${value}"\n}\n`;

describe('D01.host-userns-subordinate-ids', () => {
  it('accepts ranges by name or uid, default, and no remapping', async () => {
    const ranges = { '/etc/subuid': 'builder:100000:65536\n', '/etc/subgid': '1500:100000:65536\n' };
    expect(
      await hostFindingsFor(rule, {
        '/etc/docker/daemon.json': remap('builder'),
        '/etc/passwd': PASSWD,
        ...ranges,
      }),
    ).toEqual([]);
    expect(
      await hostFindingsFor(rule, {
        '/etc/docker/daemon.json': remap('1500:1500'),
        '/etc/passwd': PASSWD,
        ...ranges,
      }),
    ).toEqual([]);
    expect(
      await hostFindingsFor(rule, { '/etc/docker/daemon.json': remap('default'), '/etc/passwd': PASSWD }),
    ).toEqual([]);
    expect(await hostFindingsFor(rule, { '/etc/docker/daemon.json': '{}\n', '/etc/passwd': PASSWD })).toEqual(
      [],
    );
  });
  it('reports a missing range at the userns-remap line', async () => {
    const findings = await hostFindingsFor(rule, {
      '/etc/docker/daemon.json': remap('builder'),
      '/etc/passwd': PASSWD,
      '/etc/subuid': 'builder:100000:65536\n',
      '/etc/subgid': 'other:100000:65536\n',
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.location).toMatchObject({ line: 2 });
    expect(findings[0]!.message).toContain('/etc/subgid has no range for builder');
    expect(findings[0]!.message).not.toContain('/etc/subuid');
  });
  it('reports a remap user that does not exist, and absent files', async () => {
    const findings = await hostFindingsFor(rule, {
      '/etc/docker/daemon.json': remap('ghost'),
      '/etc/passwd': PASSWD,
    });
    expect(findings[0]!.message).toContain('ghost is not a user of /etc/passwd');
    expect(findings[0]!.message).toContain('/etc/subuid is empty or absent');
  });
  it('reads the remapping from the running dockerd command line', async () => {
    const findings = await hostFindingsFor(rule, {
      '/etc/passwd': PASSWD,
      '/proc/700/stat': '700 (dockerd) S 1 700 700 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 500\n',
      '/proc/700/cmdline': '/usr/bin/dockerd\0-H\0fd://\0--userns-remap=builder\0',
      '/proc/700/status': 'Name:\tdockerd\nUid:\t0\t0\t0\t0\n',
    });
    expect(findings).toHaveLength(1);
    expect(String((findings[0]!.location as { path: string }).path)).toMatch(/\/proc\/700\/cmdline$/);
    expect(findings[0]!.location).toMatchObject({ line: 1, column: 27 });
  });
});
