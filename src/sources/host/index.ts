// `dt10 scan --host [--root DIR]`: the host's facts read from its files (/proc, /sys, /etc, /boot, /var),
// without running any command. What cannot be read is listed as unknown, never a crash.
import type { ScanError } from '../../core/finding.js';
import type { EngineConfig } from '../../subjects/engine-config.js';
import type { HostFacts } from '../../subjects/host-facts.js';
import { readAccess } from './access.js';
import { HostContext } from './context.js';
import { readNetwork } from './network.js';
import { readSystem } from './system.js';

export { HostContext } from './context.js';

export class HostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostError';
  }
}

export interface HostRead {
  host: HostFacts;
  /** daemon.json and the running dockerd's flags, judged by the engine rules. */
  engineConfigs: EngineConfig[];
  errors: ScanError[];
}

export async function readHost(
  root = '/',
  options: { now?: Date; platform?: string } = {},
): Promise<HostRead> {
  const platform = options.platform ?? process.platform;
  if (root === '/' && platform !== 'linux')
    throw new HostError(
      `--host reads a Linux host's files (/proc, /etc); this is ${platform}: use --root DIR with a Linux filesystem`,
    );
  const context = new HostContext(root);
  const [etc, proc] = await Promise.all([context.stat('/etc'), context.stat('/proc')]);
  if (!etc?.isDirectory() && !proc?.isDirectory())
    throw new HostError(`${root} holds neither /etc nor /proc: not the root of a Linux filesystem`);
  const hostname =
    (await context.text('/etc/hostname', 'the hostname', true))?.trim() ||
    (await context.text('/proc/sys/kernel/hostname', 'the hostname', true))?.trim() ||
    undefined;
  const [system, network, access] = await Promise.all([
    readSystem(context),
    readNetwork(context),
    readAccess(context),
  ]);
  const host: HostFacts = {
    kind: 'host',
    root,
    label: hostname !== undefined ? `host ${hostname}` : `host ${root}`,
    at: context.at('/etc/hostname'),
    readAt: { value: (options.now ?? new Date()).toISOString(), at: context.at('/proc/uptime') },
    system,
    network,
    access: access.access,
    unknown: context.unknown,
  };
  return { host, engineConfigs: access.engineConfigs, errors: access.errors };
}
