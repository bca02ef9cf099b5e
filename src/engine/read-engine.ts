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
import { type EngineSnapshot, engineSubjects, snapshotWorkload } from '../sources/engine/snapshot.js';
import type { Subject, Workload } from '../subjects/index.js';
import { mapBounded } from '../scan/map-bounded.js';
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
  /** Told after each container is read: `done` of `total` (for a progress bar on a terminal). */
  progress?: (engine: string, done: number, total: number) => void;
}

/** `/top` makes the engine run ps inside the container: fewer at once than plain reads. */
const PROCESS_CONCURRENCY = 8;

export interface EngineRead {
  engine: string;
  /** How many subjects the engine made (each judged as soon as it was read). */
  subjects: number;
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

/**
 * Reads one container and everything its rules need — its inspect, its image (once per image for all
 * containers), what its image reference names now, and for a running one its processes and changes —
 * into `snapshot`, and returns the container, or undefined when it went away meanwhile.
 */
class ContainerReader {
  private readonly images = new Map<string, Promise<ApiImage | undefined>>();
  private readonly references = new Map<string, Promise<ApiImage | undefined>>();
  private readonly processSlots: Semaphore = new Semaphore(PROCESS_CONCURRENCY);

  constructor(
    private readonly client: EngineClient,
    private readonly snapshot: EngineSnapshot &
      Required<Pick<EngineSnapshot, 'images' | 'references' | 'processes' | 'changes'>>,
    private readonly options: EngineReadOptions,
    private readonly fail: Fail,
  ) {}

  private image(
    reference: string,
    cache: Map<string, Promise<ApiImage | undefined>>,
  ): Promise<ApiImage | undefined> {
    let pending = cache.get(reference);
    if (!pending) {
      pending = optional(
        this.client.get<ApiImage>(`/images/${encodeURIComponent(reference)}/json`),
        `cannot inspect image ${reference}`,
        this.fail,
      );
      cache.set(reference, pending);
    }
    return pending;
  }

  async read(summary: ApiContainerSummary): Promise<ApiContainer | undefined> {
    const name = summary.Names?.[0] ?? summary.Id;
    const id = encodeURIComponent(summary.Id);
    const running = summary.State === 'running';
    // What the list already says (image id, state) is asked for beside the inspect.
    const [container, image, processes] = await Promise.all([
      optional(
        this.client.get<ApiContainer>(`/containers/${id}/json`),
        `cannot inspect container ${name}`,
        this.fail,
      ),
      summary.ImageID ? this.image(summary.ImageID, this.images) : undefined,
      running && this.options.processes ? this.processesOf(id, name) : undefined,
    ]);
    // The reference as the container was created with it: the list shows an id once its tag has moved.
    const reference = container?.Config?.Image;
    const now =
      reference && !reference.startsWith('sha256:')
        ? await this.image(reference, this.references)
        : undefined;
    if (!container) return undefined;
    if (image && container.Image) this.snapshot.images[container.Image] = image;
    if (now && container.Config?.Image) this.snapshot.references[container.Config.Image] = now.Id;
    if (processes?.top) this.snapshot.processes[container.Id] = processes.top;
    if (processes?.changes) this.snapshot.changes[container.Id] = processes.changes;
    return container;
  }

  /** `/top` makes the engine run ps in the container: a few at a time, whatever else is in flight. */
  private async processesOf(id: string, name: string): Promise<{ top?: ApiTop; changes?: ApiChange[] }> {
    await this.processSlots.acquire();
    try {
      const [top, changes] = await Promise.all([
        optional(
          this.client.get<ApiTop>(`/containers/${id}/top`),
          `cannot list the processes of ${name}`,
          this.fail,
        ),
        optional(
          this.client.get<ApiChange[] | null>(`/containers/${id}/changes`),
          `cannot list the changes of ${name}`,
          this.fail,
        ),
      ]);
      const result: { top?: ApiTop; changes?: ApiChange[] } = {};
      if (top) result.top = top;
      if (changes !== undefined) result.changes = changes ?? [];
      return result;
    } finally {
      this.processSlots.release();
    }
  }
}

class Semaphore {
  private readonly waiting: (() => void)[] = [];

  constructor(private free: number) {}

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/**
 * Reads an engine — every container with its image, image reference and (running) processes requested
 * together, 16 requests in flight — and hands its subjects to `judge`.
 */
export async function readEngine(
  endpoint: Endpoint,
  options: EngineReadOptions,
  judge: (subjects: Subject[]) => void,
): Promise<EngineRead> {
  const engine = endpoint.label;
  const client = new EngineClient(endpoint, options);
  const read: EngineRead = { engine, subjects: 0, errors: [], reachable: false, containers: 0 };
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
    const snapshot = { version, info, networks, images: {}, references: {}, processes: {}, changes: {} };
    const reader = new ContainerReader(client, snapshot, options, fail);
    let done = 0;
    // Each container becomes its workload as soon as it is read, so its raw inspect is garbage at once
    // rather than held until the last answer. Workloads are judged in the engine's list order, each once
    // those before it are in: a report does not depend on which answer came first (a finding shared by
    // several containers names them in that order).
    const workloads: (Workload | undefined)[] = new Array<Workload | undefined>(summaries.length);
    const arrived = new Uint8Array(summaries.length);
    let judged = 0;
    await mapBounded(summaries, options.concurrency, async (summary, index) => {
      const container = await reader.read(summary);
      options.progress?.(engine, ++done, summaries.length);
      if (container) workloads[index] = snapshotWorkload(container, snapshot, engine);
      arrived[index] = 1;
      for (; judged < summaries.length && arrived[judged] === 1; judged++) {
        const workload = workloads[judged];
        if (workload) judge([workload]);
      }
    });
    const present = workloads.filter((workload): workload is Workload => workload !== undefined);
    read.containers = present.length;
    const rest = engineSubjects(
      snapshot,
      { engine, plainTcp: endpoint.kind === 'tcp' && endpoint.tls === undefined },
      present,
    );
    judge(rest);
    read.subjects = present.length + rest.length;
    return read;
  } finally {
    client.close();
  }
}
