// Who may reach the engine and how its use is recorded (HostAccess), and the engine's own configuration as
// the host holds it: /etc/docker/daemon.json and the running dockerd's command line, for the engine rules.
import type { ScanError } from '../../core/finding.js';
import type { EngineConfig } from '../../subjects/engine-config.js';
import type { HostAccess } from '../../subjects/host/access.js';
import type { HostContext } from './context.js';

export interface AccessRead {
  access: HostAccess;
  engineConfigs: EngineConfig[];
  errors: ScanError[];
}

export async function readAccess(_context: HostContext): Promise<AccessRead> {
  return { access: {}, engineConfigs: [], errors: [] };
}
