// What listens on the host (sources/host/network.ts).
import type { Located } from '../../core/location.js';

export interface ListeningSocket {
  protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  /** The local address as written: `0.0.0.0`, `127.0.0.1`, `::`, `::1`. */
  address: string;
  port: number;
  /** The process holding it, when /proc/<pid>/fd could be read. */
  process?: { pid: number; name: string };
}

export interface HostNetwork {
  /** Undefined when /proc/net could not be read (see HostFacts.unknown). */
  listening?: Located<ListeningSocket>[];
}
