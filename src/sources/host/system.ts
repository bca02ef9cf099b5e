// The host's patch state (HostSystem): kernel running vs installed, boot time, package updates, processes
// mapping deleted libraries, services older than their binaries.
import type { HostSystem } from '../../subjects/host/system.js';
import type { HostContext } from './context.js';

export async function readSystem(context: HostContext): Promise<HostSystem> {
  const system: HostSystem = {};
  const release = await context.text('/proc/sys/kernel/osrelease', 'the running kernel');
  if (release !== undefined)
    system.kernelRunning = { value: release.trim(), at: context.at('/proc/sys/kernel/osrelease') };
  return system;
}
