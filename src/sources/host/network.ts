// What listens on the host (HostNetwork): /proc/net/{tcp,tcp6,udp,udp6}, joined to processes through the
// socket inodes of /proc/<pid>/fd.
import { readdir, readlink } from 'node:fs/promises';
import type { Located } from '../../core/location.js';
import type { HostNetwork, ListeningSocket } from '../../subjects/host/network.js';
import type { HostContext } from './context.js';

type Protocol = ListeningSocket['protocol'];

const PROTOCOLS: readonly Protocol[] = ['tcp', 'tcp6', 'udp', 'udp6'];

/** TCP_LISTEN, and TCP_CLOSE: the state an unconnected UDP socket shows (a connected one is ESTABLISHED). */
const TCP_LISTEN = '0A';
const UDP_UNCONNECTED = '07';

/** Processes whose fd directory is read at once. */
const CONCURRENCY = 32;

/** One socket of a /proc/net table, with its 1-based line. */
export interface ProcNetSocket {
  line: number;
  address: string;
  port: number;
  state: string;
  inode: number;
}

/**
 * The sockets of a /proc/net/{tcp,tcp6,udp,udp6} table:
 * `sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …`, addresses as hex `ADDR:PORT`
 * with ADDR in the kernel's (little-endian) word order. Lines that do not parse are skipped.
 */
export function parseProcNet(text: string): ProcNetSocket[] {
  const sockets: ProcNetSocket[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || !/^\d+:$/.test(fields[0]!)) continue;
    const local = /^([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})$/.exec(fields[1]!);
    const inode = Number(fields[9]);
    if (local === null || !Number.isSafeInteger(inode)) continue;
    sockets.push({
      line: index + 1,
      address: decodeAddress(local[1]!),
      port: parseInt(local[2]!, 16),
      state: fields[3]!.toUpperCase(),
      inode,
    });
  }
  return sockets;
}

/** The bytes of one 32-bit word as the kernel prints it (`%08X` of a network-order word read little-endian). */
function wordBytes(hex: string): number[] {
  const value = parseInt(hex, 16);
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

/** `0100007F` → `127.0.0.1`; 32 hex digits → an IPv6 address in RFC 5952 form (`::1`, `::ffff:10.0.0.1`). */
export function decodeAddress(hex: string): string {
  if (hex.length === 8) return wordBytes(hex).join('.');
  const bytes = [0, 8, 16, 24].flatMap((offset) => wordBytes(hex.slice(offset, offset + 8)));
  return formatIpv6(bytes);
}

export function formatIpv6(bytes: readonly number[]): string {
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
    return `::ffff:${bytes.slice(12).join('.')}`;
  // The longest run of two or more zero groups becomes `::` (the first such run when two are as long).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Whether a socket's state means it waits for others: a listening TCP socket, a bound unconnected UDP one. */
function isListening(protocol: Protocol, socket: ProcNetSocket): boolean {
  if (protocol === 'tcp' || protocol === 'tcp6') return socket.state === TCP_LISTEN;
  return socket.state === UDP_UNCONNECTED && socket.port !== 0;
}

/**
 * The /proc/net directory of the host's network namespace: ours on `/`; under another root (an audit
 * container with the host's /proc mounted) /proc/net resolves through `self` to the reader's own namespace,
 * so init's (/proc/1/net) is read when it is there.
 */
async function netDirectory(context: HostContext): Promise<string> {
  if (context.root === '/') return '/proc/net';
  return (await context.stat('/proc/1/net/tcp')) !== undefined ? '/proc/1/net' : '/proc/net';
}

export async function readNetwork(context: HostContext): Promise<HostNetwork> {
  const directory = await netDirectory(context);
  const tables = await Promise.all(
    PROTOCOLS.map(async (protocol) => {
      const path = `${directory}/${protocol}`;
      // A kernel without IPv6 has no tcp6/udp6: nothing listens there.
      const text = await context.text(path, 'listening sockets', protocol.endsWith('6'));
      return { protocol, path, text };
    }),
  );
  if (tables.every((table) => table.text === undefined)) return {};
  const listening: Located<ListeningSocket>[] = [];
  for (const { protocol, path, text } of tables) {
    if (text === undefined) continue;
    for (const socket of parseProcNet(text)) {
      if (!isListening(protocol, socket)) continue;
      listening.push({
        value: { protocol, address: socket.address, port: socket.port, inode: socket.inode },
        at: context.at(path, socket.line),
      });
    }
  }
  const wanted = new Set(listening.map((socket) => socket.value.inode).filter((inode) => inode !== 0));
  if (wanted.size > 0) {
    const { owners, unreadable } = await socketOwners(context, wanted);
    for (const socket of listening) {
      const owner = owners.get(socket.value.inode);
      if (owner !== undefined) socket.value.process = owner;
    }
    const unowned = listening.filter((socket) => socket.value.process === undefined).length;
    if (unowned > 0 && unreadable > 0)
      context.unknownFact(
        `the processes holding ${unowned} listening socket${unowned === 1 ? '' : 's'}`,
        '/proc/<pid>/fd',
        `EACCES on ${unreadable} process${unreadable === 1 ? '' : 'es'}`,
      );
  }
  return { listening };
}

/**
 * The process holding each socket inode of `wanted`, from the `socket:[inode]` links of /proc/<pid>/fd; stops
 * once every inode has an owner. Counts the processes whose fds could not be listed (another user's, as non-root).
 */
async function socketOwners(
  context: HostContext,
  wanted: ReadonlySet<number>,
): Promise<{ owners: Map<number, NonNullable<ListeningSocket['process']>>; unreadable: number }> {
  // Kernel threads hold no files.
  const processes = (await context.processes()).filter((p) => p.cmdline.length > 0);
  const owners = new Map<number, NonNullable<ListeningSocket['process']>>();
  let unreadable = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < processes.length && owners.size < wanted.size) {
      const process = processes[next++]!;
      const fdDirectory = context.path(`/proc/${process.pid}/fd`);
      let fds: string[];
      try {
        fds = await readdir(fdDirectory);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM') unreadable++;
        continue;
      }
      const links = await Promise.all(fds.map((fd) => readlink(`${fdDirectory}/${fd}`).catch(() => '')));
      for (const link of links) {
        const match = /^socket:\[(\d+)\]$/.exec(link);
        if (match === null) continue;
        const inode = Number(match[1]);
        if (!wanted.has(inode)) continue;
        const known = owners.get(inode);
        if (known === undefined || process.pid < known.pid)
          owners.set(inode, { pid: process.pid, name: process.name, cmdline: process.cmdline });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, processes.length) }, worker));
  return { owners, unreadable };
}
