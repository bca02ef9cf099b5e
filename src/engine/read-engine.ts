// One read-only pass over a live engine: version and info, every container inspected, the networks, and
// what they make — an EngineConfig, a Workload per container and a Deployment for the engine. Requests go
// out with bounded concurrency; a container removed while the scan runs (404) is skipped; an engine that
// cannot be reached or fails is an error naming it, and never stops the rest of the scan.
import type { ScanError } from '../core/finding.js';
import type {
  ApiChange,
  ApiContainer,
  ApiContainerSummary,
  ApiImage,
  ApiInfo,
  ApiNetwork,
  ApiTop,
  ApiVersion,
} from '../sources/engine/api-types.js';
import { type EngineSnapshot, snapshotSubjects } from '../sources/engine/snapshot.js';
import type { Subject } from '../subjects/index.js';
import { mapBounded } from '../scan/judge-files.js';
import { EngineClient, EngineRequestError } from './client.js';
import type { Endpoint } from './endpoint.js';

export interface EngineReadOptions {
  /** Requests in flight at once per engine. */
  concurrency: number;
  timeoutMs: number;
  /**
   * Read each running container's processes (`/top`: the engine runs ps in it) and filesystem changes.
   * The costly part of a scan on a large engine: at most 8 containers at a time.
   */
  processes: boolean;
}

/** `/top` makes the engine run ps inside the container: fewer at once than plain reads. */
const PROCESS_CONCURRENCY = 8;

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

type Fail = (what: string, error: unknown) => void;

/** A read that may find nothing: a container or image removed meanwhile, a tag deleted. */
async function optional<T>(read: Promise<T>, what: string, fail: Fail): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (!(error instanceof EngineRequestError && error.status === 404)) fail(what, error);
    return undefined;
  }
}

/** The images the containers run (age, origin), and what their references point to now (drift). */
async function readImages(
  client: EngineClient,
  containers: readonly ApiContainer[],
  snapshot: EngineSnapshot,
  options: EngineReadOptions,
  fail: Fail,
): Promise<void> {
  const ids = [...new Set(containers.flatMap((c) => (c.Image ? [c.Image] : [])))];
  const references = [
    ...new Set(
      containers.flatMap((c) =>
        c.Config?.Image && !c.Config.Image.startsWith('sha256:') ? [c.Config.Image] : [],
      ),
    ),
  ];
  snapshot.images = {};
  snapshot.references = {};
  const images = snapshot.images;
  const pointers = snapshot.references;
  await Promise.all([
    mapBounded(ids, options.concurrency, async (id) => {
      const image = await optional(
        client.get<ApiImage>(`/images/${encodeURIComponent(id)}/json`),
        `cannot inspect image ${id}`,
        fail,
      );
      if (image) images[id] = image;
    }),
    mapBounded(references, options.concurrency, async (reference) => {
      const image = await optional(
        client.get<ApiImage>(`/images/${encodeURIComponent(reference)}/json`),
        `cannot inspect image ${reference}`,
        fail,
      );
      if (image) pointers[reference] = image.Id;
    }),
  ]);
}

async function readProcesses(
  client: EngineClient,
  containers: readonly ApiContainer[],
  snapshot: EngineSnapshot,
  fail: Fail,
): Promise<void> {
  snapshot.processes = {};
  snapshot.changes = {};
  const processes = snapshot.processes;
  const changes = snapshot.changes;
  const running = containers.filter((container) => container.State?.Running === true);
  await mapBounded(running, PROCESS_CONCURRENCY, async (container) => {
    const id = encodeURIComponent(container.Id);
    const [top, changed] = await Promise.all([
      optional(
        client.get<ApiTop>(`/containers/${id}/top`),
        `cannot list the processes of ${container.Name ?? container.Id}`,
        fail,
      ),
      optional(
        client.get<ApiChange[] | null>(`/containers/${id}/changes`),
        `cannot list the changes of ${container.Name ?? container.Id}`,
        fail,
      ),
    ]);
    if (top) processes[container.Id] = top;
    if (changed !== undefined) changes[container.Id] = changed ?? [];
  });
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
    const snapshot: EngineSnapshot = { version, info, containers: inspected, networks };
    await readImages(client, inspected, snapshot, options, fail);
    if (options.processes) await readProcesses(client, inspected, snapshot, fail);
    read.subjects = snapshotSubjects(snapshot, {
      engine,
      plainTcp: endpoint.kind === 'tcp' && endpoint.tls === undefined,
    });
    return read;
  } finally {
    client.close();
  }
}
