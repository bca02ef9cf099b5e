// Reads image archives and layouts (sources/image), and images exported by live engines (engine/export-image),
// and judges each as soon as it is read: an image's file index is the largest thing a scan holds, so only one or
// two are alive at a time.
import type { Evaluator } from '../core/evaluator.js';
import type { ScanError } from '../core/finding.js';
import { EngineClient, type ClientOptions } from '../engine/client.js';
import type { Endpoint } from '../engine/endpoint.js';
import { engineImageName, exportImage, ImageExportError } from '../engine/export-image.js';
import {
  ImageError,
  looksLikeImage,
  readImage,
  type ImageProblem,
  type ReadImageOptions,
} from '../sources/image/index.js';
import { imageSpec, type ImageName } from '../sources/image/spec.js';
import type { DiscoveredFile } from './discover.js';
import type { FileOutcome } from './judge-files.js';
import { mapBounded } from './map-bounded.js';

export interface ImageReadOptions {
  /** `os/arch[/variant]` to choose from a multi-platform OCI index (default linux/amd64). */
  platform?: string;
}

/** Images named with `--image` that are no file: exported from each engine, each one an input of the scan. */
export interface EngineImages {
  endpoints: readonly Endpoint[];
  names: readonly string[];
  /** Connections and the per-request timeout, as engine reads have them. */
  client: ClientOptions;
  /** The outcome index of the first export (after the files'). */
  firstIndex: number;
}

/**
 * Images read at once: reading is I/O and inflating (zlib runs off the main thread), so two overlap well
 * on two cores; more only hold more file indexes in memory.
 */
const IMAGE_CONCURRENCY = 2;

type ImageJob =
  | { kind: 'file'; file: DiscoveredFile; index: number }
  | { kind: 'export'; endpoint: Endpoint; name: string; index: number };

function emptyOutcome(index: number): FileOutcome {
  return { index, kubernetes: [], ignores: [], errors: [], unreadable: false, subjects: 0 };
}

export async function judgeImages(
  files: readonly { file: DiscoveredFile; index: number }[],
  evaluator: Evaluator,
  options: ImageReadOptions,
  engines?: EngineImages,
): Promise<FileOutcome[]> {
  const jobs: ImageJob[] = files.map(({ file, index }) => ({ kind: 'file', file, index }));
  if (engines !== undefined) {
    let index = engines.firstIndex;
    for (const name of engines.names)
      for (const endpoint of engines.endpoints) jobs.push({ kind: 'export', endpoint, name, index: index++ });
  }
  const connections = new Connections(engines?.client);
  try {
    return await mapBounded(jobs, IMAGE_CONCURRENCY, (job) =>
      job.kind === 'file'
        ? judgeFile(job.file, job.index, evaluator, options)
        : judgeExport(job.endpoint, job.name, job.index, connections, evaluator, options),
    );
  } finally {
    connections.close();
  }
}

async function judgeFile(
  file: DiscoveredFile,
  index: number,
  evaluator: Evaluator,
  options: ImageReadOptions,
): Promise<FileOutcome> {
  const outcome = emptyOutcome(index);
  // A `.tar` found in the tree may be any tarball: only an image is ours to judge.
  if (!file.explicit && !(await looksLikeImage(file.path))) return outcome;
  const read = await readImageFile(file.path, { image: file.path, archive: file.path }, options);
  outcome.errors.push(...read.errors);
  if (read.unreadable) {
    outcome.unreadable = true;
    return outcome;
  }
  evaluator.run([read.spec!]);
  outcome.subjects = 1;
  return outcome;
}

/** One client per engine for all its exports, the API version asked once; closed when the images are read. */
class Connections {
  private readonly open = new Map<
    Endpoint,
    { client: EngineClient; reached: Promise<string | undefined>; told: boolean }
  >();

  constructor(private readonly options: ClientOptions | undefined) {}

  /** The engine's client, or why it cannot be reached (`told` once per engine). */
  async get(endpoint: Endpoint): Promise<{ client: EngineClient } | { unreachable: string; told: boolean }> {
    let connection = this.open.get(endpoint);
    if (connection === undefined) {
      const client = new EngineClient(endpoint, this.options ?? { concurrency: 2, timeoutMs: 10_000 });
      const reached = client.negotiate().then(
        () => undefined,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      connection = { client, reached, told: false };
      this.open.set(endpoint, connection);
    }
    const failure = await connection.reached;
    if (failure === undefined) return { client: connection.client };
    const told = connection.told;
    connection.told = true;
    return { unreachable: failure, told };
  }

  close(): void {
    for (const { client } of this.open.values()) client.close();
  }
}

async function judgeExport(
  endpoint: Endpoint,
  name: string,
  index: number,
  connections: Connections,
  evaluator: Evaluator,
  options: ImageReadOptions,
): Promise<FileOutcome> {
  const outcome = emptyOutcome(index);
  const engine = endpoint.label;
  const image = engineImageName(engine, name);
  const connection = await connections.get(endpoint);
  if ('unreachable' in connection) {
    // Said once per engine, as an engine audit says it; every image asked of it is unread.
    if (!connection.told)
      outcome.errors.push({
        path: engine,
        message: `engine ${engine}: cannot reach the Docker Engine API: ${connection.unreachable}`,
      });
    outcome.unreadable = true;
    return outcome;
  }
  try {
    const exported = await exportImage(connection.client, name, readOptions(options));
    outcome.errors.push(...problemErrors(image, exported.contents.problems));
    evaluator.run([exported.spec]);
    outcome.subjects = 1;
  } catch (error) {
    outcome.unreadable = true;
    outcome.errors.push({
      path: image,
      message:
        error instanceof ImageExportError
          ? error.message
          : `engine ${engine}: internal error while exporting image ${name}: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return outcome;
}

function readOptions(options: ImageReadOptions): ReadImageOptions {
  return options.platform !== undefined ? { platform: options.platform } : {};
}

export interface ImageRead {
  spec?: ReturnType<typeof imageSpec>;
  errors: ScanError[];
  unreadable: boolean;
}

/** One image read into its subject; what could not be read becomes errors naming the image (and layer). */
export async function readImageFile(
  path: string,
  name: ImageName,
  options: ImageReadOptions,
): Promise<ImageRead> {
  try {
    const contents = await readImage(path, readOptions(options));
    return {
      spec: imageSpec(contents, name),
      errors: problemErrors(name.image, contents.problems),
      unreadable: false,
    };
  } catch (error) {
    const message =
      error instanceof ImageError
        ? error.message
        : `internal error while reading the image: ${error instanceof Error ? error.message : String(error)}`;
    return { errors: [{ path: name.image, message }], unreadable: true };
  }
}

/** The read's problems as errors naming the image; digest mismatches are findings (D08.blob-digest-mismatch). */
function problemErrors(image: string, problems: readonly ImageProblem[]): ScanError[] {
  return problems
    .filter((problem) => problem.digestMismatch === undefined)
    .map((problem) => problemError(image, problem));
}

function problemError(image: string, problem: ImageProblem): ScanError {
  const where = [
    problem.layer !== undefined ? `layer ${problem.layer}` : undefined,
    problem.path !== undefined ? problem.path : undefined,
  ].filter((part) => part !== undefined);
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return {
    path: image,
    message: `${prefix}${where.length > 0 ? `${where.join(' ')}: ` : ''}${problem.message}`,
  };
}
