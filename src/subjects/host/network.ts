// What listens on the host (sources/host/network.ts).
import type { Located } from '../../core/location.js';

export interface ListeningSocket {
  protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  /** The local address, canonical: `0.0.0.0`, `127.0.0.1`, `::`, `::1`, `::ffff:127.0.0.1`. */
  address: string;
  port: number;
  /** The socket's inode, as /proc/<pid>/fd links name it (`socket:[inode]`). */
  inode: number;
  /**
   * The process holding it (the lowest pid when several share it), when some /proc/<pid>/fd links to it.
   * `cmdline` is its argument vector (empty for a process that hid it).
   */
  process?: { pid: number; name: string; cmdline: string[] };
}

export interface HostNetwork {
  /**
   * Listening TCP sockets and bound, unconnected UDP sockets of the host's network namespace, each at its
   * line of /proc/net/{tcp,tcp6,udp,udp6}. Undefined when /proc/net could not be read (see HostFacts.unknown).
   */
  listening?: Located<ListeningSocket>[];
}
