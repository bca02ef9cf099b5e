import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readFixtureHost } from '../../../test/host-tester.js';
import { HostContext } from './context.js';
import { decodeAddress, parseProcNet, readNetwork } from './network.js';

const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const TCP6_HEADER =
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';

/** One /proc/net line: `local` and `remote` as the kernel prints them (hex, little-endian words). */
function row(sl: number, local: string, remote: string, state: string, inode: number): string {
  return `   ${sl}: ${local} ${remote} ${state} 00000000:00000000 00:00000000 00000000     0        0 ${inode} 1 0000000000000000 100 0 0 10 0\n`;
}

const V6_ANY = '00000000000000000000000000000000';
const V6_LOOPBACK = '00000000000000000000000001000000';

function proc(pid: number, name: string, cmdline: string[], fds: Record<string, string>) {
  return {
    [`/proc/${pid}/stat`]: `${pid} (${name}) S 1 ${pid} ${pid} 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 5000 0 0\n`,
    [`/proc/${pid}/cmdline`]: cmdline.join('\0') + '\0',
    [`/proc/${pid}/status`]: `Name:\t${name}\nUid:\t0\t0\t0\t0\n`,
    ...Object.fromEntries(
      Object.entries(fds).map(([fd, target]) => [`/proc/${pid}/fd/${fd}`, { link: target }]),
    ),
  };
}

/** The unknowns this reader records (the other host readers add theirs for files the fixtures lack). */
function socketUnknowns(unknown: { what: string; path: string; why: string }[]) {
  return unknown.filter((u) => u.what.includes('socket'));
}

describe('parseProcNet', () => {
  it('decodes little-endian IPv4 and IPv6 addresses, ports, states and inodes with their lines', () => {
    const text =
      TCP_HEADER +
      row(0, '0100007F:0947', '00000000:0000', '0A', 101) +
      row(1, '0500000A:1F90', '0600000A:D431', '01', 102);
    expect(parseProcNet(text)).toEqual([
      { line: 2, address: '127.0.0.1', port: 2375, state: '0A', inode: 101 },
      { line: 3, address: '10.0.0.5', port: 8080, state: '01', inode: 102 },
    ]);
  });

  it('formats IPv6 addresses in their short form', () => {
    expect(decodeAddress(V6_ANY)).toBe('::');
    expect(decodeAddress(V6_LOOPBACK)).toBe('::1');
    expect(decodeAddress('0000000000000000FFFF00000100007F')).toBe('::ffff:127.0.0.1');
    // fe80::1 : words 000080FE 00000000 00000000 01000000
    expect(decodeAddress('000080FE000000000000000001000000')).toBe('fe80::1');
    // 2001:db8:0:1:0:0:0:5 → 2001:db8:0:1::5
    expect(decodeAddress('B80D01200100000000000000' + '05000000')).toBe('2001:db8:0:1::5');
  });

  it('skips headers and lines it cannot read', () => {
    expect(parseProcNet(TCP_HEADER + 'garbage\n   0: ZZ:0947 00000000:0000 0A\n')).toEqual([]);
  });
});

describe('readNetwork on a fixture root', () => {
  const tree = {
    '/proc/net/tcp':
      TCP_HEADER +
      row(0, '00000000:0947', '00000000:0000', '0A', 5001) + // dockerd on 0.0.0.0:2375
      row(1, '0100007F:0CEA', '00000000:0000', '0A', 5002) + // 127.0.0.1:3306, owner unknown
      row(2, '0500000A:0016', '0600000A:D431', '01', 5003), // an established connection
    '/proc/net/tcp6': TCP6_HEADER + row(0, `${V6_ANY}:280A`, `${V6_ANY}:0000`, '0A', 5004), // kubelet [::]:10250
    '/proc/net/udp':
      TCP_HEADER +
      row(0, '00000000:0044', '00000000:0000', '07', 5005) + // dhclient 0.0.0.0:68
      row(1, '0100007F:A1B2', '0100007F:0035', '01', 5006), // a connected UDP socket
    '/proc/net/udp6': TCP6_HEADER + row(0, `${V6_LOOPBACK}:0000`, `${V6_ANY}:0000`, '07', 5007), // unbound
    ...proc(812, 'dockerd', ['/usr/bin/dockerd', '-H', 'tcp://0.0.0.0:2375'], {
      '0': '/dev/null',
      '3': 'socket:[5001]',
      '4': 'socket:[9999]',
    }),
    ...proc(900, 'kubelet', ['/usr/bin/kubelet'], { '7': 'socket:[5004]' }),
    // A forked worker sharing the kubelet's socket: the lower pid is named.
    ...proc(950, 'kubelet', ['/usr/bin/kubelet'], { '2': 'socket:[5004]' }),
    ...proc(40, 'dhclient', ['dhclient', 'eth0'], { '6': 'socket:[5005]' }),
  };

  it('lists listening TCP and bound UDP sockets at their lines, with their processes', async () => {
    const { host } = await readFixtureHost(tree);
    const root = host.root;
    expect(socketUnknowns(host.unknown)).toEqual([]);
    const listening = host.network.listening!.map(({ value, at }) => ({
      ...value,
      at: `${at.path.slice(root.length)}:${at.line}`,
    }));
    expect(listening).toEqual([
      {
        protocol: 'tcp',
        address: '0.0.0.0',
        port: 2375,
        inode: 5001,
        process: { pid: 812, name: 'dockerd', cmdline: ['/usr/bin/dockerd', '-H', 'tcp://0.0.0.0:2375'] },
        at: '/proc/net/tcp:2',
      },
      { protocol: 'tcp', address: '127.0.0.1', port: 3306, inode: 5002, at: '/proc/net/tcp:3' },
      {
        protocol: 'tcp6',
        address: '::',
        port: 10250,
        inode: 5004,
        process: { pid: 900, name: 'kubelet', cmdline: ['/usr/bin/kubelet'] },
        at: '/proc/net/tcp6:2',
      },
      {
        protocol: 'udp',
        address: '0.0.0.0',
        port: 68,
        inode: 5005,
        process: { pid: 40, name: 'dhclient', cmdline: ['dhclient', 'eth0'] },
        at: '/proc/net/udp:2',
      },
    ]);
  });

  it('reads init’s namespace (/proc/1/net) under a mounted root when it is there', async () => {
    const { host } = await readFixtureHost({
      ...tree,
      '/proc/1/net/tcp': TCP_HEADER + row(0, '00000000:1A0B', '00000000:0000', '0A', 7001),
    });
    const tcp = host.network.listening!.filter((s) => s.value.protocol === 'tcp');
    expect(tcp.map((s) => [s.value.port, s.at.path.endsWith('/proc/1/net/tcp')])).toEqual([[6667, true]]);
  });

  it('reports /proc/net as unknown when it cannot be read, never crashing', async () => {
    const { host } = await readFixtureHost({ '/etc/os-release': 'ID=debian\n' });
    expect(host.network.listening).toBeUndefined();
    expect(
      socketUnknowns(host.unknown).map((u) => [u.what, u.path.replace(/^.*\/proc/, '/proc'), u.why]),
    ).toEqual([
      ['listening sockets', '/proc/net/tcp', 'ENOENT'],
      ['listening sockets', '/proc/net/udp', 'ENOENT'],
    ]);
  });

  it('keeps what it could read when one table is unreadable (a directory here: EISDIR)', async () => {
    const { host } = await readFixtureHost({
      '/proc/net/tcp': TCP_HEADER + row(0, '00000000:0947', '00000000:0000', '0A', 5001),
      '/proc/net/udp/x': 'not a file',
    });
    expect(host.network.listening!.map((s) => s.value.port)).toEqual([2375]);
    expect(socketUnknowns(host.unknown).map((u) => [u.what, u.why])).toEqual([
      ['listening sockets', 'EISDIR'],
    ]);
  });

  it('has no IPv6 tables on a kernel without IPv6, which is no unknown', async () => {
    const { host } = await readFixtureHost({
      '/proc/net/tcp': TCP_HEADER,
      '/proc/net/udp': TCP_HEADER,
    });
    expect(host.network.listening).toEqual([]);
    expect(socketUnknowns(host.unknown)).toEqual([]);
  });
});

describe('readNetwork on this machine', () => {
  it('finds a TCP server and a UDP socket of this test process, with this process as their owner', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    try {
      const tcpPort = (server.address() as AddressInfo).port;
      const udpPort = udp.address().port;
      const started = performance.now();
      const network = await readNetwork(new HostContext('/'));
      const elapsed = performance.now() - started;
      const tcp = network.listening!.find((s) => s.value.protocol === 'tcp' && s.value.port === tcpPort);
      const dgram = network.listening!.find((s) => s.value.protocol === 'udp' && s.value.port === udpPort);
      expect(tcp?.value).toMatchObject({ address: '127.0.0.1', process: { pid: process.pid } });
      expect(tcp?.at.path).toBe('/proc/net/tcp');
      expect(dgram?.value).toMatchObject({ address: '127.0.0.1', process: { pid: process.pid } });
      expect(elapsed).toBeLessThan(1000);
    } finally {
      server.close();
      udp.close();
    }
  });
});
