// What one read of a live engine returns, as the Engine API gave it, and the subjects it makes. The
// engine reader fills a snapshot from the API; tests and documentation examples write one as JSON, so both
// go through the same mapping.
import type { Subject, Workload } from '../../subjects/index.js';
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

/** One container with what the snapshot knows of its image, processes and changes. */
export function snapshotWorkload(
  container: ApiContainer,
  snapshot: EngineSnapshot,
  engine: string,
): Workload {
  const workload = containerWorkload(container, engine);
  workload.live = liveState(container, snapshot, engine);
  return workload;
}

/** The engine's configuration, and the engine as one deployment of `workloads`. */
export function engineSubjects(
  snapshot: EngineSnapshot,
  connection: Connection,
  workloads: Workload[],
): Subject[] {
  const networks = snapshot.networks ?? [];
  const config = engineConfigFromInfo(snapshot.info ?? {}, snapshot.version ?? {}, connection);
  applyBridgeOptions(config, connection.engine, networks);
  return [config, engineDeployment(connection.engine, networks, workloads)];
}

/** The engine's configuration, one workload per container, and the engine as one deployment. */
export function snapshotSubjects(snapshot: EngineSnapshot, connection: Connection): Subject[] {
  const workloads = (snapshot.containers ?? []).map((container) =>
    snapshotWorkload(container, snapshot, connection.engine),
  );
  const [config, deployment] = engineSubjects(snapshot, connection, workloads);
  return [config!, ...workloads, deployment!];
}
