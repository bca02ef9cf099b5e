import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './daemon-tcp-without-tls.js';

testRule(rule, {
  daemon: {
    accept: [
      { name: 'no hosts', code: '{}' },
      { name: 'unix socket and fd://', code: '{\n  "hosts": ["unix:///var/run/docker.sock", "fd://"]\n}\n' },
      {
        name: 'TCP with tlsverify',
        code: '{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tlsverify": true,\n  "tlscacert": "/ca.pem"\n}\n',
      },
    ],
    reject: [
      {
        name: 'TCP on every interface',
        code: '{\n  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]\n}\n',
        lines: [2],
        severity: 'critical',
        messageIncludes: 'tlsverify is not set, so the default false applies',
      },
      {
        name: 'one finding per TCP host',
        code: '{\n  "hosts": [\n    "tcp://10.0.0.5:2375",\n    "unix:///var/run/docker.sock",\n    "192.168.1.2:2375"\n  ]\n}\n',
        lines: [3, 5],
      },
      {
        name: 'loopback is high',
        code: '{\n  "hosts": ["tcp://127.0.0.1:2375"]\n}\n',
        lines: [2],
        severity: 'high',
        messageIncludes: 'every local user',
      },
      {
        name: 'tcp:// with no host listens on localhost',
        code: '{"hosts": ["tcp://:2375"]}',
        lines: [1],
        severity: 'high',
      },
      {
        name: 'tls without tlsverify',
        code: '{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tls": true,\n  "tlsverify": false\n}\n',
        lines: [2],
        messageIncludes: 'tlsverify is false; tls without tlsverify encrypts but accepts any client',
      },
    ],
  },
});

describe('D03.daemon-tcp-without-tls on dockerd flags', () => {
  it('rejects -H tcp://… without --tlsverify, at the flag', async () => {
    const findings = await flagFindings(rule, dockerdUnit('-H tcp://0.0.0.0:2375'));
    expect(linesOf(findings)).toEqual([3]);
    expect(findings[0]!.message).toContain('tlsverify is not set here');
  });
  it('accepts --tlsverify and fd:// alone', async () => {
    expect(
      await flagFindings(rule, dockerdUnit('-H tcp://0.0.0.0:2376 --tlsverify --tlscacert=/ca.pem')),
    ).toEqual([]);
    expect(await flagFindings(rule, dockerdUnit('--containerd=/run/containerd/containerd.sock'))).toEqual([]);
  });
  it('reads DOCKER_OPTS', async () => {
    const findings = await flagFindings(
      rule,
      'DOCKER_OPTS="-H unix:///var/run/docker.sock -H 0.0.0.0:2375"\n',
      'etc/default/docker',
    );
    expect(linesOf(findings)).toEqual([1]);
    expect(findings[0]!.location).toMatchObject({ column: 45 });
  });
});
