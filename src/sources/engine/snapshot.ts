// What one read of a live engine returns, as the Engine API gave it, and the subjects it makes. The
// engine reader fills a snapshot from the API; tests and documentation examples write one as JSON, so both
// go through the same mapping.
import type { Subject } from '../../subjects/index.js';
import type { ApiContainer, ApiInfo, ApiNetwork, ApiVersion } from './api-types.js';
import { containerWorkload } from './container.js';
import { type Connection, engineConfigFromInfo } from './info.js';
import { applyBridgeOptions, engineDeployment } from './networks.js';

export interface EngineSnapshot {
  version?: ApiVersion;
  info?: ApiInfo;
  containers?: ApiContainer[];
  networks?: ApiNetwork[];
}

/** The engine's configuration, one workload per container, and the engine as one deployment. */
export function snapshotSubjects(snapshot: EngineSnapshot, connection: Connection): Subject[] {
  const engine = connection.engine;
  const networks = snapshot.networks ?? [];
  const workloads = (snapshot.containers ?? []).map((container) => containerWorkload(container, engine));
  const config = engineConfigFromInfo(snapshot.info ?? {}, snapshot.version ?? {}, connection);
  applyBridgeOptions(config, engine, networks);
  return [config, ...workloads, engineDeployment(engine, networks, workloads)];
}
