// Who may reach the engine and how its use is recorded: the Docker socket, the docker group, user
// namespaces, audit rules, time synchronisation, Docker CLI credentials (sources/host/access.ts).
import type { Located } from '../../core/location.js';

export interface HostAccess {
  /** `/var/run/docker.sock` (or the socket dockerd's `-H unix://` names): owner, group, mode. */
  dockerSocket?: Located<{ path: string; uid: number; gid: number; mode: number }>;
}
