// One read-only pass over a live engine: version and info, every container inspected, the networks, and
// what they make — an EngineConfig, a Workload per container and a Deployment for the engine. Requests go
// out with bounded concurrency; a container removed while the scan runs (404) is skipped; an engine that
// cannot be reached or fails is an error naming it, and never stops the rest of the scan.
import type { ScanError } from '../core/finding.js';
import type {
  ApiContainer,
  ApiContainerSummary,
  ApiInfo,
  ApiNetwork,
  ApiVersion,
} from '../sources/engine/api-types.js';
import { snapshotSubjects } from '../sources/engine/snapshot.js';
import type { Subject } from '../subjects/index.js';
import { mapBounded } from '../scan/judge-files.js';
import { EngineClient, EngineRequestError } from './client.js';
import type { Endpoint } from './endpoint.js';

export interface EngineReadOptions {
  /** Requests in flight at once per engine. */
  concurrency: number;
  timeoutMs: number;
}

export interface EngineRead {
  engine: string;
  subjects: Subject[];
  errors: ScanError[];
  /** False when not even the engine's version could be read. */
  reachable: boolean;
  containers: number;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function readEngine(endpoint: Endpoint, options: EngineReadOptions): Promise<EngineRead> {
  const engine = endpoint.label;
  const client = new EngineClient(endpoint, options);
  const read: EngineRead = { engine, subjects: [], errors: [], reachable: false, containers: 0 };
  const fail = (what: string, error: unknown) =>
    read.errors.push({ path: engine, message: `engine ${engine}: ${what}: ${describe(error)}` });
  try {
    try {
      await client.negotiate();
    } catch (error) {
      fail('cannot reach the Docker Engine API', error);
      return read;
    }
    const [version, info, summaries, networks] = await Promise.all([
      client.get<ApiVersion>('/version'),
      client.get<ApiInfo>('/info'),
      client.get<ApiContainerSummary[]>('/containers/json?all=1'),
      client.get<ApiNetwork[]>('/networks').catch((error: unknown) => {
        fail('cannot list networks', error);
        return [] as ApiNetwork[];
      }),
    ]).catch((error: unknown) => {
      fail('cannot read the engine', error);
      return [undefined, undefined, undefined, undefined] as const;
    });
    if (!version || !info || !summaries || !networks) return read;
    read.reachable = true;
    const containers = await mapBounded(summaries, options.concurrency, async (summary) => {
      try {
        return await client.get<ApiContainer>(`/containers/${encodeURIComponent(summary.Id)}/json`);
      } catch (error) {
        // Removed between the list and the inspect: nothing to judge, and nothing wrong.
        if (error instanceof EngineRequestError && error.status === 404) return undefined;
        fail(`cannot inspect container ${summary.Names?.[0] ?? summary.Id}`, error);
        return undefined;
      }
    });
    const inspected = containers.filter((container): container is ApiContainer => container !== undefined);
    read.containers = inspected.length;
    read.subjects = snapshotSubjects(
      { version, info, containers: inspected, networks },
      { engine, plainTcp: endpoint.kind === 'tcp' && endpoint.tls === undefined },
    );
    return read;
  } finally {
    client.close();
  }
}
