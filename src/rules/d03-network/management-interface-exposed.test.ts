import { describe, expect, it } from 'vitest';
import { hostFindingsFor, type HostTree } from '../../../test/host-tester.js';
import rule from './management-interface-exposed.js';

const HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';

/** Little-endian hex of an IPv4 address as /proc/net/tcp prints it. */
function hexIpv4(address: string): string {
  return address
    .split('.')
    .reverse()
    .map((b) => Number(b).toString(16).padStart(2, '0').toUpperCase())
    .join('');
}

interface Listener {
  address: string;
  port: number;
  /** Owner: process name and argv; none = no /proc/<pid>/fd names the socket. */
  process?: string;
  cmdline?: string[];
  protocol?: 'tcp' | 'udp';
}

/** A host whose /proc/net/tcp (and udp) lists `listeners`, each held by a process of its own. */
function tree(listeners: Listener[]): HostTree {
  const files: HostTree = {};
  const tables: Record<string, string> = { tcp: HEADER, udp: HEADER };
  listeners.forEach((listener, index) => {
    const inode = 40000 + index;
    const protocol = listener.protocol ?? 'tcp';
    const state = protocol === 'tcp' ? '0A' : '07';
    const local = `${hexIpv4(listener.address)}:${listener.port.toString(16).toUpperCase().padStart(4, '0')}`;
    tables[protocol] +=
      `   ${index}: ${local} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000     0        0 ${inode} 1 0 100 0 0 10 0\n`;
    if (listener.process === undefined) return;
    const pid = 1000 + index;
    files[`/proc/${pid}/stat`] =
      `${pid} (${listener.process}) S 1 ${pid} ${pid} 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 4000 0 0\n`;
    files[`/proc/${pid}/cmdline`] = (listener.cmdline ?? [`/usr/bin/${listener.process}`]).join('\0') + '\0';
    files[`/proc/${pid}/fd/5`] = { link: `socket:[${inode}]` };
  });
  files['/proc/net/tcp'] = tables.tcp!;
  files['/proc/net/udp'] = tables.udp!;
  return files;
}

async function judge(listeners: Listener[]) {
  return (await hostFindingsFor(rule, tree(listeners))).map((f) => ({
    severity: f.severity,
    message: f.message,
    evidence: f.evidence,
    line: 'line' in f.location ? f.location.line : undefined,
    path: 'path' in f.location ? f.location.path.replace(/^.*(\/proc\/)/, '$1') : undefined,
  }));
}

describe('D03.management-interface-exposed', () => {
  it('reports the plain Docker API on every address as critical, at its /proc/net/tcp line', async () => {
    const findings = await judge([
      { address: '127.0.0.1', port: 22, process: 'sshd' },
      {
        address: '0.0.0.0',
        port: 2375,
        process: 'dockerd',
        cmdline: ['/usr/bin/dockerd', '-H', 'tcp://0.0.0.0:2375'],
      },
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'critical',
      evidence: 'tcp 0.0.0.0:2375 dockerd',
      path: '/proc/net/tcp',
      line: 3,
    });
    expect(findings[0]!.message).toContain(
      'the Docker Engine API listens on 0.0.0.0:2375 (every IPv4 address) (dockerd pid 1001)',
    );
  });

  it('grades the Docker API by port and --tlsverify', async () => {
    const findings = await judge([
      { address: '10.0.0.5', port: 2376, process: 'dockerd' },
      {
        address: '10.0.0.5',
        port: 2377,
        process: 'dockerd',
        cmdline: ['dockerd', '--tlsverify', '-H', 'tcp://10.0.0.5:2377'],
      },
      { address: '10.0.0.5', port: 4243, process: 'dockerd' },
    ]);
    expect(findings.map((f) => f.severity)).toEqual(['medium', 'medium', 'high']);
  });

  it('identifies interfaces by port when the owner cannot be read, and by process name otherwise', async () => {
    const findings = await judge([
      { address: '0.0.0.0', port: 2375 }, // owner hidden
      { address: '0.0.0.0', port: 10255 }, // owner hidden
      { address: '0.0.0.0', port: 2379, process: 'etcd' },
      { address: '0.0.0.0', port: 2380, process: 'etcd' },
      { address: '0.0.0.0', port: 10250, process: 'kubelet' },
      { address: '0.0.0.0', port: 6443, process: 'kube-apiserver' },
      { address: '0.0.0.0', port: 9090, process: 'dashboard' },
      { address: '0.0.0.0', port: 8080, process: 'cadvisor' },
      { address: '0.0.0.0', port: 5000, process: 'registry' },
      { address: '0.0.0.0', port: 40123, process: 'containerd' },
      { address: '0.0.0.0', port: 6443, process: 'k3s-server' },
    ]);
    expect(findings.map((f) => [f.evidence, f.severity])).toEqual([
      ['tcp 0.0.0.0:2375', 'critical'],
      ['tcp 0.0.0.0:10255', 'high'],
      ['tcp 0.0.0.0:2379 etcd', 'high'],
      ['tcp 0.0.0.0:2380 etcd', 'medium'],
      ['tcp 0.0.0.0:10250 kubelet', 'medium'],
      ['tcp 0.0.0.0:6443 kube-apiserver', 'medium'],
      ['tcp 0.0.0.0:9090 dashboard', 'high'],
      ['tcp 0.0.0.0:8080 cadvisor', 'medium'],
      ['tcp 0.0.0.0:5000 registry', 'medium'],
      ['tcp 0.0.0.0:40123 containerd', 'high'],
      ['tcp 0.0.0.0:6443 k3s-server', 'medium'],
    ]);
    expect(findings[0]!.message).toContain('owner not readable: identified by its port');
  });

  it('says so when a container publishes the port (docker-proxy)', async () => {
    const [finding] = await judge([{ address: '0.0.0.0', port: 2379, process: 'docker-proxy' }]);
    expect(finding!.message).toContain('etcd listens on');
    expect(finding!.message).toContain('a container publishes it');
  });

  it('lowers etcd with client certificate authentication', async () => {
    const [finding] = await judge([
      { address: '10.0.0.5', port: 2379, process: 'etcd', cmdline: ['etcd', '--client-cert-auth=true'] },
    ]);
    expect(finding!.severity).toBe('medium');
  });

  it('accepts management interfaces on loopback only, other programs on known ports, and UDP', async () => {
    expect(
      await judge([
        { address: '127.0.0.1', port: 2375, process: 'dockerd' },
        { address: '127.0.0.1', port: 2379, process: 'etcd' },
        { address: '127.0.0.1', port: 10248, process: 'kubelet' },
        { address: '0.0.0.0', port: 5000, process: 'python3' }, // a dev server, not a registry
        { address: '0.0.0.0', port: 8080, process: 'nginx' },
        { address: '0.0.0.0', port: 2375, process: 'nginx' }, // the owner is known and is no Docker API
        { address: '0.0.0.0', port: 2379, protocol: 'udp' },
        { address: '0.0.0.0', port: 9090 }, // owner hidden, port not distinctive
      ]),
    ).toEqual([]);
  });

  it('reports nothing when the sockets are unknown', async () => {
    expect(await hostFindingsFor(rule, { '/etc/os-release': 'ID=debian\n' })).toEqual([]);
  });
});
