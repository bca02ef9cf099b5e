// What listens on the host (HostNetwork): /proc/net/{tcp,tcp6,udp,udp6}, joined to processes through the
// socket inodes of /proc/<pid>/fd.
import type { HostNetwork } from '../../subjects/host/network.js';
import type { HostContext } from './context.js';

export async function readNetwork(_context: HostContext): Promise<HostNetwork> {
  return {};
}
