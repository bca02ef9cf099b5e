import { describe, expect, it } from 'vitest';
import { hostFindingsFor } from '../../../test/host-tester.js';
import rule from './host-docker-group.js';

const PASSWD =
  'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\nci:x:1001:999::/home/ci:/bin/sh\n';

describe('D01.host-docker-group', () => {
  it('lists the members and the users whose primary group it is, at the group line', async () => {
    const findings = await hostFindingsFor(rule, {
      '/etc/group': 'root:x:0:\nsudo:x:27:alice\ndocker:x:999:root,alice\n',
      '/etc/passwd': PASSWD,
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.location).toMatchObject({ line: 3 });
    expect(findings[0]!.message).toContain('2 users alice, ci are in the docker group');
    expect(findings[0]!.evidence).toBe('docker (gid 999): alice, ci (primary group of ci)');
  });
  it('accepts an empty docker group, root alone, and no docker group', async () => {
    const passwd = 'root:x:0:0:root:/root:/bin/bash\n';
    expect(await hostFindingsFor(rule, { '/etc/group': 'docker:x:999:\n', '/etc/passwd': passwd })).toEqual(
      [],
    );
    expect(
      await hostFindingsFor(rule, { '/etc/group': 'docker:x:999:root\n', '/etc/passwd': passwd }),
    ).toEqual([]);
    expect(await hostFindingsFor(rule, { '/etc/group': 'root:x:0:\n', '/etc/passwd': PASSWD })).toEqual([]);
  });
  it('does not judge the group when the socket belongs to another group', async () => {
    // Files are created root:root here; a socket of gid 0 gives docker's members no access.
    const tree = {
      '/etc/group': 'root:x:0:\ndocker:x:999:alice\n',
      '/etc/passwd': PASSWD,
      '/run/docker.sock': { text: '', mode: 0o660 },
    };
    expect(await hostFindingsFor(rule, tree)).toEqual([]);
  });
  it('knows nothing (and says nothing) when /etc/group is missing', async () => {
    expect(await hostFindingsFor(rule, { '/etc/passwd': PASSWD })).toEqual([]);
  });
});
