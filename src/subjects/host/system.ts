// The host's patch state: kernel, boot, packages, processes still mapping replaced libraries, services
// started before their binaries were updated (sources/host/system.ts).
import type { Located } from '../../core/location.js';

export interface HostSystem {
  /** `/proc/sys/kernel/osrelease`: the kernel running now. */
  kernelRunning?: Located<string>;
}
