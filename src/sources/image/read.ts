// readImage: an image file or directory → ImageContents. Passes over the input:
//   1. a tarball's headers only (tar-index.ts: names and byte ranges, bodies skipped by seeking);
//   2. the small JSON documents (manifest.json / index.json, manifests, config), read whole under a cap;
//   3. each layer blob once, bottom first, streamed by byte range through sha256, gunzip and tar-stream
//      (layer.ts), its entries applied to the filesystem tree as they come.
// Memory holds the file index (one node per path) and the selected contents (capped), never a layer.
import { stat } from 'node:fs/promises';
import { formatDigest, short, type Digest } from './digest.js';
import { planDockerArchive } from './docker-archive.js';
import { LayeredFilesystem } from './filesystem.js';
import { isObject, readJson, type JsonBlob, type JsonReader } from './json-blob.js';
import {
  filesystemTarget,
  readLayer,
  type LayerLimits,
  type LayerRead,
  type LayerTarget,
  type ReadBudget,
} from './layer.js';
import { readHead } from './looks-like.js';
import { planOciLayout } from './oci-layout.js';
import type { ImagePlan, LayerPlan } from './plan.js';
import { DEFAULT_PLATFORM, formatPlatform, parsePlatform, platformMatches, platformOf } from './platform.js';
import { ImageError, ProblemLog } from './problems.js';
import { DirectoryStore, TarStore, type BlobStore } from './store.js';
import type { ImageContents, ImageLayer, ReadImageOptions } from './types.js';
import { defaultWantContent } from './wanted.js';

const MiB = 1024 * 1024;
export const DEFAULT_LIMITS = {
  maxContentBytes: 8 * MiB,
  maxTotalContentBytes: 64 * MiB,
  maxLayerBytes: 16 * 1024 * MiB,
  maxImageBytes: 64 * 1024 * MiB,
  maxEntries: 2_000_000,
  maxPathLength: 4096,
  maxJsonBytes: 16 * MiB,
} as const;

/** Reads the docker-archive or OCI layout (directory or tarball) at `path`. Throws ImageError when it is none. */
export async function readImage(path: string, options: ReadImageOptions = {}): Promise<ImageContents> {
  checkPlatform(options, path);
  const info = await stat(path).catch((error: Error) => {
    throw new ImageError(`${path}: ${error.message}`, path);
  });
  const problems = new ProblemLog();
  let store: BlobStore;
  if (info.isDirectory()) {
    store = await DirectoryStore.open(path);
  } else if (info.isFile()) {
    checkNotCompressed(await readHead(path, 4), path);
    store = await TarStore.open(path, info.size, problems);
  } else {
    throw new ImageError(`${path} is neither a file nor a directory`, path);
  }
  try {
    const reader: JsonReader = {
      store,
      problems,
      maxJsonBytes: options.maxJsonBytes ?? DEFAULT_LIMITS.maxJsonBytes,
      cache: new Map(),
    };
    const plan = await planImage(reader, path, options);
    const limits = layerLimits(options);
    const budget = readBudget(options, limits);
    return await readPlan(path, plan, reader, options, layersOf(store, limits, budget), budget);
  } finally {
    await store.close();
  }
}

/** Throws ImageError when `options.platform` is given and is not `os/arch[/variant]`. */
export function checkPlatform(options: ReadImageOptions, source: string): void {
  if (options.platform !== undefined && parsePlatform(options.platform) === undefined) {
    throw new ImageError(
      `invalid platform ${JSON.stringify(options.platform)}: expected os/arch[/variant]`,
      source,
    );
  }
}

/** Throws ImageError when `head` (the first bytes) is gzip or zstd: a compressed archive, not a tar. */
export function checkNotCompressed(head: Uint8Array, source: string): void {
  if (head[0] === 0x1f && head[1] === 0x8b) {
    throw new ImageError(
      `${source} is gzip-compressed: decompress it first (gunzip), then read the tar`,
      source,
    );
  }
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
    throw new ImageError(
      `${source} is zstd-compressed: decompress it first (zstd -d), then read the tar`,
      source,
    );
  }
}

/** Where the config and the layers are: manifest.json (docker save) first, else an OCI index. */
export async function planImage(
  reader: JsonReader,
  source: string,
  options: ReadImageOptions,
): Promise<ImagePlan> {
  const { store, problems } = reader;
  if (await store.has('manifest.json')) return planDockerArchive(reader, source);
  if ((await store.has('index.json')) || (await store.has('oci-layout'))) {
    return planOciLayout(reader, source, {
      platform: options.platform,
      defaultPlatform: DEFAULT_PLATFORM,
    });
  }
  const why = problems.list.find((problem) => problem.severity === 'error')?.message;
  throw new ImageError(
    why !== undefined
      ? `${source} cannot be read as an image: ${why}`
      : `${source} is not an image: ${store.kind} has no manifest.json (docker save) and no index.json (OCI layout)`,
    source,
  );
}

export function layerLimits(options: ReadImageOptions): LayerLimits {
  return {
    wantContent: options.wantContent ?? defaultWantContent,
    maxContentBytes: options.maxContentBytes ?? DEFAULT_LIMITS.maxContentBytes,
    maxLayerBytes: options.maxLayerBytes ?? DEFAULT_LIMITS.maxLayerBytes,
    maxImageBytes: options.maxImageBytes ?? DEFAULT_LIMITS.maxImageBytes,
    maxEntries: options.maxEntries ?? DEFAULT_LIMITS.maxEntries,
    maxPathLength: options.maxPathLength ?? DEFAULT_LIMITS.maxPathLength,
  };
}

export function readBudget(options: ReadImageOptions, limits: LayerLimits): ReadBudget {
  return {
    contentBytes: options.maxTotalContentBytes ?? DEFAULT_LIMITS.maxTotalContentBytes,
    entries: limits.maxEntries,
    contentsSkipped: 0,
    imageBytes: limits.maxImageBytes,
  };
}

/** A layer blob found: its stored size, and how to read it into a target as layer `index`. */
export interface OpenedLayer {
  size: number;
  read(index: number, algorithm: Digest['algorithm'], target: LayerTarget): Promise<LayerRead>;
}

/** Finds the blob of a layer by its member name: a file's store, or a stream's recording (stream.ts). */
export type LayerSource = (member: string) => Promise<OpenedLayer | { missing: string }>;

function layersOf(store: BlobStore, limits: LayerLimits, budget: ReadBudget): LayerSource {
  return async (member) => {
    const opened = await store.open(member);
    if ('missing' in opened) return opened;
    return {
      size: opened.size,
      read: (index, algorithm, target) => readLayer(opened.stream, index, algorithm, target, limits, budget),
    };
  };
}

/**
 * Reads the config and the layers `plan` names, bottom first, into the final filesystem. `budget` is the read's
 * (a stream read spent part of it recording the blobs).
 */
export async function readPlan(
  source: string,
  plan: ImagePlan,
  reader: JsonReader,
  options: ReadImageOptions,
  layerSource: LayerSource,
  budget: ReadBudget,
): Promise<ImageContents> {
  const { problems } = reader;
  let config: JsonBlob | undefined = plan.config.blob;
  if (config === undefined && plan.config.member !== undefined) {
    config = await readJson(
      reader,
      plan.config.member,
      'the image config',
      plan.config.expected,
      plan.config.declaredSize,
    );
  }
  const raw = isObject(config?.value) ? config.value : undefined;
  if (config !== undefined && raw === undefined) problems.error('the image config is not a JSON object');
  let platform = plan.platform;
  const configPlatform = platformOf(raw);
  if (platform === undefined) {
    platform = configPlatform ? formatPlatform(configPlatform) : 'unknown';
    const want = options.platform !== undefined ? parsePlatform(options.platform) : undefined;
    if (want !== undefined && (!configPlatform || !platformMatches(want, configPlatform))) {
      problems.warning(
        `platform ${options.platform} was asked for; the image is for ${platform} and is read`,
      );
    }
  }
  const rootfs = isObject(raw?.rootfs) ? raw.rootfs : undefined;
  const diffIds = Array.isArray(rootfs?.diff_ids) ? (rootfs.diff_ids as unknown[]) : undefined;
  if (raw !== undefined && diffIds === undefined) problems.error('the image config lists no rootfs.diff_ids');
  if (diffIds !== undefined && diffIds.length !== plan.layers.length) {
    problems.error(
      `the manifest lists ${plan.layers.length} layers, the config's rootfs.diff_ids ${diffIds.length}`,
    );
  }
  const createdBy = layerHistory(raw, plan.layers.length);

  const fs = new LayeredFilesystem();
  const target = filesystemTarget(fs, problems);
  const layers: ImageLayer[] = [];
  for (const [index, layerPlan] of plan.layers.entries()) {
    const diffId = typeof diffIds?.[index] === 'string' ? (diffIds[index] as string) : undefined;
    const layer = await readOneLayer(
      layerPlan,
      index,
      diffId,
      createdBy[index],
      layerSource,
      target,
      problems,
    );
    layers.push(layer);
  }
  if (budget.contentsSkipped > 0) {
    problems.warning(
      `selected file contents reached ${options.maxTotalContentBytes ?? DEFAULT_LIMITS.maxTotalContentBytes} bytes: ${budget.contentsSkipped} more selected files were not read`,
    );
  }
  const { files, contents, deleted } = fs.finish();
  return {
    format: plan.format,
    source,
    ...(plan.reference !== undefined ? { reference: plan.reference } : {}),
    platform,
    otherPlatforms: plan.otherPlatforms,
    ...(plan.attachments !== undefined ? { attachments: plan.attachments } : {}),
    ...(plan.manifestDigest !== undefined ? { manifestDigest: plan.manifestDigest } : {}),
    config: {
      digest: config?.digest ?? (plan.config.expected ? formatDigest(plan.config.expected) : ''),
      raw,
      verified: config?.verified ?? false,
    },
    layers,
    files,
    deleted,
    contents,
    problems: problems.finish(),
  };
}

async function readOneLayer(
  plan: LayerPlan,
  index: number,
  diffId: string | undefined,
  createdBy: string | undefined,
  layerSource: LayerSource,
  target: LayerTarget,
  problems: ProblemLog,
): Promise<ImageLayer> {
  const named = plan.expected ? formatDigest(plan.expected) : undefined;
  const base = {
    index,
    ...(diffId !== undefined ? { diffId } : {}),
    ...(plan.mediaType !== undefined ? { mediaType: plan.mediaType } : {}),
    ...(createdBy !== undefined ? { createdBy } : {}),
  };
  const label = `layer ${index}${named ? ` (${short(named)})` : diffId ? ` (${short(diffId)})` : ''}`;
  const opened = plan.member !== undefined ? await layerSource(plan.member) : undefined;
  if (opened === undefined || 'missing' in opened) {
    problems.error(
      `${label} is missing: ${opened ? opened.missing : 'the manifest names no blob for it'}; its files are not in the index`,
      { layer: index, ...(plan.member ? { path: plan.member } : {}) },
    );
    const mediaType = plan.mediaType ?? '';
    return {
      ...base,
      digest: named ?? diffId ?? '',
      size: plan.declaredSize ?? 0,
      compressed: mediaType.includes('zstd') ? 'zstd' : mediaType.includes('gzip') ? 'gzip' : 'none',
      verified: false,
    };
  }
  if (plan.declaredSize !== undefined && plan.declaredSize !== opened.size) {
    problems.error(`${label} is ${opened.size} bytes, the manifest says ${plan.declaredSize}`, {
      layer: index,
      digestMismatch: `layer ${index}`,
    });
  }
  const read = await opened.read(index, plan.expected?.algorithm ?? 'sha256', target);
  let verified = read.complete && (named !== undefined || diffId !== undefined);
  if (named !== undefined && read.digest !== named) {
    verified = false;
    problems.error(`${label} does not match its digest: its bytes hash to ${short(read.digest)}`, {
      layer: index,
      digestMismatch: `layer ${index}`,
    });
  }
  if (plan.declaredSize !== undefined && plan.declaredSize !== read.size) verified = false;
  if (diffId !== undefined && read.diffId !== undefined && read.diffId !== diffId) {
    verified = false;
    problems.error(
      `${label}: its tar hashes to ${short(read.diffId)}, the config's diff_id is ${short(diffId)}`,
      { layer: index, digestMismatch: `layer ${index}` },
    );
  }
  return {
    ...base,
    digest: named ?? read.digest,
    size: read.size,
    compressed: read.compressed,
    verified,
  };
}

/** The `created_by` of each layer: the config history entries that are not `empty_layer`, in order. */
function layerHistory(config: Record<string, unknown> | undefined, layers: number): (string | undefined)[] {
  const history = Array.isArray(config?.history) ? (config.history as unknown[]) : [];
  const made = history.filter((entry) => isObject(entry) && entry.empty_layer !== true) as Record<
    string,
    unknown
  >[];
  if (made.length !== layers) return [];
  return made.map((entry) => (typeof entry.created_by === 'string' ? entry.created_by : undefined));
}
