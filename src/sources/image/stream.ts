// readImageStream: an image archive as a one-pass stream (an engine's GET /images/{name}/get, `docker save`
// piped) → ImageContents, with nothing written anywhere. A stream cannot be read by byte range, and its
// manifest comes after the blobs (Docker writes blobs/ or <id>/ first, then index.json, manifest.json and
// repositories), so the layer order is only known at the end. One pass over the outer tar (tar-stream):
//   - a member that looks like a small JSON document (≤ maxJsonBytes, first byte `{` or `[`) is kept in memory;
//   - every other file member is read by readLayer as it streams, hashed, and its entries RECORDED: the calls
//     the filesystem would receive (entries with their layer-relative data and selected contents, whiteouts,
//     opaque directories, the layer's problems), in tar order;
//   - at the end the planners (docker-archive, OCI layout) read the JSON members, and the recordings of the
//     layers they name are replayed into the filesystem in layer order, checked as a file read checks them.
// Memory holds the recorded entry metadata (bounded by maxEntries), the selected contents (bounded by the content
// caps) and the JSON documents (bounded by JSON_KEPT_FACTOR × maxJsonBytes); never a layer's bytes. A stream read
// gives what readImage gives for the same archive, with one difference: the entry and content budgets are spent
// in stream order over every blob of the archive (a file read spends them on the chosen image's layers, bottom
// first), so an archive that exhausts them may keep other contents than a file read would; problems say so.
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { digestOfBlobPath, type Digest } from './digest.js';
import type { JsonReader } from './json-blob.js';
import {
  entryType,
  readLayer,
  writable,
  type LayerLimits,
  type LayerRead,
  type LayerTarget,
  type ProblemSink,
  type ReadBudget,
} from './layer.js';
import type { ImagePlan } from './plan.js';
import { ImageError, ProblemLog } from './problems.js';
import {
  checkNotCompressed,
  checkPlatform,
  DEFAULT_LIMITS,
  layerLimits,
  planImage,
  readBudget,
  readPlan,
  type LayerSource,
} from './read.js';
import { resolveMember, type BlobStore, type LinkedMember, type Opened } from './store.js';
import { normalizeMemberName, type MemberType } from './tar-index.js';
import type { FileContent, ImageContents, ImageFile, ImageProblem, ReadImageOptions } from './types.js';

/** Members kept per archive, as tar-index.ts has it: an image archive has a few per layer. */
const MAX_MEMBERS = 100_000;
/** JSON documents kept over the whole archive, in multiples of maxJsonBytes. */
const JSON_KEPT_FACTOR = 4;
/**
 * Problems of one repeated kind recorded in full per blob; the rest are counted. ProblemLog lists the first 10
 * of a kind per layer and counts the others, so keeping more would change nothing.
 */
const RECORDED_PER_KIND = 10;
/** The layer index entries are recorded under; replay puts the real one in its place. */
const RECORDING = -1;

type Where = { layer?: number; path?: string; digestMismatch?: string };

/** One call a layer made while it was read. */
type Op =
  | { op: 'add'; file: ImageFile; content?: FileContent }
  | { op: 'whiteout'; dir: readonly string[]; name: string }
  | { op: 'opaque'; dir: readonly string[] }
  | { op: 'error' | 'warning'; message: string; where: Where }
  | { op: 'repeated'; kind: string; summary: string; problem: ImageProblem };

/** A blob read as it streamed: what readLayer found, and the calls to replay. */
interface Recording {
  ops: Op[];
  /** Repeated problems past RECORDED_PER_KIND, by kind: counted only. */
  more: Map<string, { summary: string; problem: ImageProblem; count: number }>;
  /** The algorithm the stored bytes were hashed with (sha512 for `blobs/sha512/…` members). */
  algorithm: Digest['algorithm'];
  read: LayerRead;
}

interface StreamMember extends LinkedMember {
  size: number;
  /** File members: the bytes of a JSON document, or the recording of a blob. */
  data?: { json: Buffer } | { recording: Recording; why: string };
}

/** A LayerTarget that records the calls of one blob for later. */
class Recorder implements LayerTarget {
  readonly ops: Op[] = [];
  readonly more: Recording['more'] = new Map();
  private readonly seen = new Map<string, number>();
  readonly problems: ProblemSink = {
    error: (message, where = {}) => void this.ops.push({ op: 'error', message, where }),
    warning: (message, where = {}) => void this.ops.push({ op: 'warning', message, where }),
    repeated: (kind, summary, problem) => {
      const seen = (this.seen.get(kind) ?? 0) + 1;
      this.seen.set(kind, seen);
      if (seen <= RECORDED_PER_KIND) {
        this.ops.push({ op: 'repeated', kind, summary, problem });
        return;
      }
      const more = this.more.get(kind);
      if (more === undefined) this.more.set(kind, { summary, problem, count: 1 });
      else more.count++;
    },
  };

  add(_parts: readonly string[], file: ImageFile): { content?: FileContent } {
    const op: Op & { op: 'add' } = { op: 'add', file };
    this.ops.push(op);
    return op;
  }

  whiteout(dir: readonly string[], name: string): void {
    this.ops.push({ op: 'whiteout', dir, name });
  }

  opaque(dir: readonly string[]): void {
    this.ops.push({ op: 'opaque', dir });
  }
}

function withLayer<T extends { layer?: number }>(where: T, layer: number): T {
  return where.layer === undefined ? where : { ...where, layer };
}

/** Applies a recording to `target` as layer `index`, in the order it was recorded. */
function replay(recording: Recording, index: number, target: LayerTarget): void {
  const problems = target.problems;
  for (const op of recording.ops) {
    switch (op.op) {
      case 'add': {
        const file = { ...op.file, layer: index };
        const parts = file.path === '/' ? [] : file.path.slice(1).split('/');
        const node = target.add(parts, file);
        if (op.content !== undefined) node.content = { ...op.content, layer: index };
        break;
      }
      case 'whiteout':
        target.whiteout(op.dir, op.name, index);
        break;
      case 'opaque':
        target.opaque(op.dir, index);
        break;
      case 'error':
        problems.error(op.message, withLayer(op.where, index));
        break;
      case 'warning':
        problems.warning(op.message, withLayer(op.where, index));
        break;
      case 'repeated':
        problems.repeated(op.kind, op.summary, withLayer(op.problem, index));
        break;
    }
  }
  for (const [kind, { summary, problem, count }] of recording.more) {
    const placed = withLayer(problem, index);
    for (let i = 0; i < count; i++) problems.repeated(kind, summary, placed);
  }
}

/** The JSON documents and blobs of a streamed archive, as the planners read them. */
class RecordedStore implements BlobStore {
  readonly kind = 'the archive';

  constructor(
    private readonly members: ReadonlyMap<string, StreamMember>,
    private readonly maxJsonBytes: number,
  ) {}

  async has(name: string): Promise<boolean> {
    return typeof resolveMember(this.members, name) !== 'string';
  }

  async open(name: string): Promise<Opened> {
    const member = resolveMember(this.members, name);
    if (typeof member === 'string') return { missing: member };
    const data = member.data;
    if (data !== undefined && 'json' in data)
      return { size: member.size, stream: Readable.from([data.json]) };
    if (member.size > this.maxJsonBytes)
      return {
        missing: `${name} is ${member.size} bytes, more than the ${this.maxJsonBytes} read for a JSON document`,
      };
    return { missing: `${name} ${data?.why ?? 'was not kept'}` };
  }

  async close(): Promise<void> {}
}

function memberType(type: tar.Header['type']): MemberType {
  const kind = entryType(type);
  return kind === 'file' || kind === 'directory' || kind === 'symlink' || kind === 'hardlink'
    ? kind
    : 'other';
}

/** True when the first bytes of a member open a JSON object or array (after whitespace). */
function opensJson(head: Uint8Array): boolean {
  for (const byte of head) {
    if (byte === 0x7b || byte === 0x5b) return true;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return false;
}

async function* chained(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}

interface RecordContext {
  source: string;
  problems: ProblemLog;
  limits: LayerLimits;
  budget: ReadBudget;
  maxJsonBytes: number;
}

/** Reads the outer tar once: JSON members kept, blobs read and recorded. Archive-level faults are logged. */
async function recordArchive(stream: Readable, context: RecordContext): Promise<Map<string, StreamMember>> {
  const { source, problems, limits, budget, maxJsonBytes } = context;
  const members = new Map<string, StreamMember>();
  const maxJsonKept = JSON_KEPT_FACTOR * maxJsonBytes;
  let jsonKept = 0;
  let count = 0;
  let received = 0;
  /** The member being read, for a message when the stream ends inside it. */
  let open: string | undefined;
  let halted = false;

  // allowUnknownFormat: old v7 headers (no ustar magic) are read too; tar-stream's types omit the option.
  const extract = tar.extract({ allowUnknownFormat: true } as Parameters<typeof tar.extract>[0]);
  let extractError: Error | undefined;
  extract.on('error', (error: Error) => (extractError ??= error));
  const closed = new Promise<void>((resolve) => extract.on('close', resolve));

  const drain = async (entry: AsyncIterable<unknown>) => {
    for await (const chunk of entry) void chunk;
  };

  const onEntry = async (header: tar.Header, entry: AsyncIterable<Buffer>): Promise<void> => {
    const rawName = header.name;
    if (++count > MAX_MEMBERS) {
      if (!halted) problems.error(`the archive has more than ${MAX_MEMBERS} members: the rest are not read`);
      halted = true;
      extract.destroy();
      return;
    }
    const name = normalizeMemberName(rawName);
    if (name === undefined) {
      problems.error(`the archive has a member whose name climbs out of it: ${JSON.stringify(rawName)}`, {
        path: rawName,
      });
      await drain(entry);
      return;
    }
    let type = memberType(header.type);
    if (type === 'file' && rawName.endsWith('/')) type = 'directory';
    if (members.has(name)) {
      problems.repeated('duplicate-member', 'more duplicate archive members', {
        message: `the archive holds ${name} more than once: the last one is read`,
        severity: 'warning',
        path: name,
      });
    }
    const size = header.size ?? 0;
    const member: StreamMember = {
      type,
      size,
      ...(type === 'symlink' || type === 'hardlink' ? { linkName: header.linkname ?? '' } : {}),
    };
    members.set(name, member);
    if (type !== 'file') {
      await drain(entry);
      return;
    }
    open = name;
    const chunks = entry[Symbol.asyncIterator]();
    let first: IteratorResult<Buffer>;
    try {
      first = await chunks.next();
    } catch {
      first = { done: true, value: undefined };
    }
    const head = first.done === true ? Buffer.alloc(0) : first.value;
    let why = 'does not start like a JSON document: it was read as a blob';
    if (size <= maxJsonBytes && (size === 0 || opensJson(head))) {
      if (jsonKept + size <= maxJsonKept) {
        const parts = [head];
        try {
          for (let next = await chunks.next(); next.done !== true; next = await chunks.next())
            parts.push(next.value);
        } catch {
          // the stream ended inside it: what came is kept, and the archive's error says where
        }
        const json = Buffer.concat(parts);
        jsonKept += json.length;
        member.data = { json };
        open = undefined;
        return;
      }
      why = `was not kept: the archive's JSON documents passed ${maxJsonKept} bytes before it`;
      problems.warning(
        `${name}: the archive's JSON documents passed ${maxJsonKept} bytes; it was read as a blob`,
        {
          path: name,
        },
      );
    }
    const algorithm = digestOfBlobPath(name)?.algorithm ?? 'sha256';
    const recorder = new Recorder();
    const body = first.done === true ? Readable.from([]) : chained(head, chunks);
    const read = await readLayer(body, RECORDING, algorithm, recorder, limits, budget);
    member.data = { recording: { ops: recorder.ops, more: recorder.more, algorithm, read }, why };
    open = undefined;
  };

  extract.on('entry', (header, entry, next) => {
    // A fault of the outer tar destroys the open member with it; the extract's error reports it.
    entry.on('error', () => undefined);
    onEntry(header, entry as AsyncIterable<Buffer>).then(
      () => next(),
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  });

  let sourceError: Error | undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (received === 0) checkNotCompressed(chunk, source);
      received += chunk.length;
      if (extract.destroyed) break;
      if (!extract.write(chunk)) await writable(extract);
    }
    if (!extract.destroyed) extract.end(undefined);
  } catch (error) {
    if (error instanceof ImageError) {
      extract.destroy();
      await closed;
      throw error;
    }
    sourceError = error instanceof Error ? error : new Error(String(error));
    extract.destroy(sourceError);
  }
  await closed;
  if (sourceError !== undefined) {
    problems.error(
      `the stream broke off after ${received} bytes${open !== undefined ? `, inside ${open}` : ''}: ${sourceError.message}`,
      open !== undefined ? { path: open } : {},
    );
  } else if (extractError !== undefined && !halted) {
    if (/unexpected end of data/i.test(extractError.message)) {
      problems.error(
        `the archive is truncated${open !== undefined ? `: it ends inside ${open}` : ''} (after ${received} bytes)`,
        open !== undefined ? { path: open } : {},
      );
    } else {
      problems.error(
        `the archive is not a readable tar after ${received} bytes: ${extractError.message}: members after it are not read`,
      );
    }
  }
  return members;
}

/** Replays the recorded blobs a plan names; a JSON-looking member named as a layer is read from memory. */
function replaying(
  members: ReadonlyMap<string, StreamMember>,
  plan: ImagePlan,
  limits: LayerLimits,
  budget: ReadBudget,
): LayerSource {
  // Each recording is dropped after its last use: the filesystem grows as the recordings go.
  const uses = new Map<StreamMember, number>();
  for (const layer of plan.layers) {
    if (layer.member === undefined) continue;
    const member = resolveMember(members, layer.member);
    if (typeof member !== 'string') uses.set(member, (uses.get(member) ?? 0) + 1);
  }
  const release = (member: StreamMember) => {
    const left = (uses.get(member) ?? 1) - 1;
    uses.set(member, left);
    if (left <= 0) delete member.data;
  };
  return async (name) => {
    const member = resolveMember(members, name);
    if (typeof member === 'string') return { missing: member };
    const data = member.data;
    if (data === undefined) return { missing: `${name} was not read` };
    return {
      size: member.size,
      read: async (index, algorithm, target) => {
        release(member);
        if ('json' in data)
          return readLayer(Readable.from([data.json]), index, algorithm, target, limits, budget);
        const { recording } = data;
        replay(recording, index, target);
        if (algorithm !== recording.algorithm) {
          target.problems.error(
            `the layer's ${algorithm} digest cannot be checked: its blob was hashed with ${recording.algorithm} as it streamed`,
            { layer: index },
          );
          return { ...recording.read, complete: false };
        }
        return recording.read;
      },
    };
  };
}

/**
 * Reads the docker-archive or OCI layout tarball that `stream` carries, in one pass. `source` names it in
 * messages and in `ImageContents.source` (for an engine's export: `<engine> image/<name>`). Throws ImageError
 * when it is no image (an archive that ends before its manifest, a stream that broke off: the problems found say
 * why).
 */
export async function readImageStream(
  stream: Readable,
  source: string,
  options: ReadImageOptions = {},
): Promise<ImageContents> {
  checkPlatform(options, source);
  const problems = new ProblemLog();
  const limits = layerLimits(options);
  const budget = readBudget(options, limits);
  const maxJsonBytes = options.maxJsonBytes ?? DEFAULT_LIMITS.maxJsonBytes;
  const members = await recordArchive(stream, { source, problems, limits, budget, maxJsonBytes });
  const store = new RecordedStore(members, maxJsonBytes);
  const reader: JsonReader = { store, problems, maxJsonBytes, cache: new Map() };
  const plan = await planImage(reader, source, options);
  return readPlan(source, plan, reader, options, replaying(members, plan, limits, budget), budget);
}
