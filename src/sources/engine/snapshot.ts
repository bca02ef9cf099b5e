// What one read of a live engine returns, as the Engine API gave it, and the subjects it makes. The
// engine reader fills a snapshot from the API; tests and documentation examples write one as JSON, so both
// go through the same mapping.
import type { Subject } from '../../subjects/index.js';
import type {
  ApiContainer,
  ApiImage,
  ApiInfo,
  ApiNetwork,
  ApiTop,
  ApiChange,
  ApiVersion,
} from './api-types.js';
import { liveState } from './live.js';
import { containerWorkload } from './container.js';
import { type Connection, engineConfigFromInfo } from './info.js';
import { applyBridgeOptions, engineDeployment } from './networks.js';

export interface EngineSnapshot {
  version?: ApiVersion;
  info?: ApiInfo;
  containers?: ApiContainer[];
  networks?: ApiNetwork[];
  /** Image inspects by image id. */
  images?: Record<string, ApiImage>;
  /** The image id each image reference the containers name points to now (`nginx:1.27` → `sha256:…`). */
  references?: Record<string, string>;
  /** `/top` of running containers, by container id. */
  processes?: Record<string, ApiTop>;
  /** `/changes` of running containers, by container id. */
  changes?: Record<string, ApiChange[]>;
}

/** The engine's configuration, one workload per container, and the engine as one deployment. */
export function snapshotSubjects(snapshot: EngineSnapshot, connection: Connection): Subject[] {
  const engine = connection.engine;
  const networks = snapshot.networks ?? [];
  const workloads = (snapshot.containers ?? []).map((container) => {
    const workload = containerWorkload(container, engine);
    workload.live = liveState(container, snapshot, engine);
    return workload;
  });
  const config = engineConfigFromInfo(snapshot.info ?? {}, snapshot.version ?? {}, connection);
  applyBridgeOptions(config, engine, networks);
  return [config, ...workloads, engineDeployment(engine, networks, workloads)];
}
