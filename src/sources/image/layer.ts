// One layer blob, read once as it streams: its stored bytes hashed (the digest the manifest names), gzip
// inflated by node:zlib (off the main thread), the tar bytes hashed again when they differ from the stored ones
// (the diff id the config names) and parsed by tar-stream, each entry handed at once to a LayerTarget: the
// filesystem (`filesystemTarget`), or a recording replayed into it later (stream.ts, when the layer order is
// only known after the blobs). Only the selected files' bytes are kept, up to a cap; nothing is written
// anywhere. Faults end as problems: the stored bytes are still hashed to the end, so a truncated or hostile
// layer is also told apart from a tampered one.
import { createHash, type Hash } from 'node:crypto';
import { createGunzip, type Gunzip } from 'node:zlib';
import tar from 'tar-stream';
import { hasher, type Digest } from './digest.js';
import type { LayeredFilesystem } from './filesystem.js';
import type { ProblemLog } from './problems.js';
import type { FileContent, ImageFile, ImageFileType, ImageLayer } from './types.js';

/** Where a layer's problems go: a read's ProblemLog, or a recording of the calls. */
export type ProblemSink = Pick<ProblemLog, 'error' | 'warning' | 'repeated'>;

/**
 * What a layer's entries are applied to, in tar order. Everything that depends on the lower layers (a
 * duplicate, a path through a lower layer's symlink, a hard link's content) is the target's to find.
 */
export interface LayerTarget {
  readonly problems: ProblemSink;
  /** An entry at `parts` (path components from the root; `file.path` is `/` + them joined). */
  add(parts: readonly string[], file: ImageFile): { content?: FileContent };
  /** `.wh.<name>` in the directory `dirParts`. */
  whiteout(dirParts: readonly string[], name: string, layer: number): void;
  /** `.wh..wh..opq` in the directory `dirParts`. */
  opaque(dirParts: readonly string[], layer: number): void;
}

/** Applies a layer's entries to `fs` as they come, with the problems only the filesystem can tell. */
export function filesystemTarget(fs: LayeredFilesystem, problems: ProblemLog): LayerTarget {
  return {
    problems,
    add(parts, file) {
      const { path, layer } = file;
      const added = fs.add(parts, file);
      if (added.duplicate) {
        problems.repeated('duplicate', 'more duplicate entries', {
          message: `the layer writes ${path} more than once: the last entry is kept`,
          severity: 'warning',
          layer,
          path,
        });
      }
      if (added.replacedParent !== undefined) {
        problems.repeated('replaced-parent', 'more entries written through a non-directory', {
          message: `entry ${path} goes through ${added.replacedParent.path}, a ${added.replacedParent.type} of layer ${added.replacedParent.layer}: not followed, the directory replaces it`,
          severity: 'warning',
          layer,
          path,
        });
      }
      if (file.type === 'hardlink' && file.linkTarget !== undefined) {
        const target = fs.lookup(file.linkTarget.split('/').filter(Boolean));
        if (target?.content !== undefined) added.node.content = target.content;
      }
      return added.node;
    },
    whiteout: (dirParts, name, layer) => fs.whiteout(dirParts, name, layer),
    opaque: (dirParts, layer) => fs.opaque(dirParts, layer),
  };
}

export interface LayerLimits {
  wantContent: (path: string, size: number) => boolean;
  maxContentBytes: number;
  maxLayerBytes: number;
  maxImageBytes: number;
  maxEntries: number;
  maxPathLength: number;
}

/** Counters shared by all the layers of one read. */
export interface ReadBudget {
  /** Content bytes that may still be kept. */
  contentBytes: number;
  /** Tar entries that may still be read. */
  entries: number;
  /** Selected files not read because `contentBytes` ran out. */
  contentsSkipped: number;
  /** Uncompressed bytes that may still be read over all layers. */
  imageBytes: number;
}

export interface LayerRead {
  /** Stored bytes read. */
  size: number;
  /** Digest of the stored bytes, in the algorithm asked for. */
  digest: string;
  /** sha256 of the uncompressed tar; `undefined` when it was not read to its end. */
  diffId: string | undefined;
  compressed: ImageLayer['compressed'];
  /** Read to the end with no fault: every entry is in the filesystem. */
  complete: boolean;
}

const INFLATE_CHUNK = 256 * 1024;
/** Bytes tar-stream buffers before it asks for a pause. */
const TAR_BUFFER = 1024 * 1024;

const ignore = () => undefined;

function sniff(head: Uint8Array): ImageLayer['compressed'] {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58 && head[4] === 0x5a)
    return 'xz';
  // "BZh", a block size digit, then a block's magic (the digits of pi) or the end-of-stream one.
  if (head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68 && head[3]! >= 0x31 && head[3]! <= 0x39) {
    const magic = Buffer.from(head.subarray(4, 10)).toString('hex');
    if (magic === '314159265359' || magic === '177245385090') return 'bzip2';
  }
  return 'none';
}

/** Resolves when `stream` can take more, or has ended one way or another. */
export function writable(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

export function entryType(type: tar.Header['type']): ImageFileType | undefined {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    case 'character-device':
      return 'char-device';
    case 'block-device':
      return 'block-device';
    case 'fifo':
      return 'fifo';
    default:
      return undefined;
  }
}

type Normalized = { parts: string[]; absolute: boolean } | 'escapes' | 'too-long';

/** An entry name as path components from the image root; `..` may not climb above it. */
export function normalizeEntryPath(name: string, maxLength: number): Normalized {
  if (name.length > maxLength) return 'too-long';
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return 'escapes';
      parts.pop();
    } else parts.push(part);
  }
  return { parts, absolute: name.startsWith('/') };
}

/** True when a relative symlink target climbs above the root from the directory `dirDepth` levels deep. */
function climbsAboveRoot(target: string, dirDepth: number): boolean {
  if (target.startsWith('/')) return false;
  let depth = dirDepth;
  for (const part of target.split('/')) {
    if (part === '..') {
      if (--depth < 0) return true;
    } else if (part !== '' && part !== '.') depth++;
  }
  return false;
}

/**
 * Reads the layer blob `stream` into `target` as layer `index`. `algorithm` is the one of the digest the stored
 * bytes are checked against.
 */
export async function readLayer(
  stream: AsyncIterable<Uint8Array>,
  index: number,
  algorithm: Digest['algorithm'],
  target: LayerTarget,
  limits: LayerLimits,
  budget: ReadBudget,
): Promise<LayerRead> {
  const problems = target.problems;
  const where = { layer: index };
  const stored = hasher(algorithm);
  let storedBytes = 0;
  let compression: ImageLayer['compressed'] | undefined;
  let diff: Hash | undefined;
  let tarBytes = 0;
  let stopped = false; // decompression or parsing given up; the stored bytes are still hashed
  let faulted = false;
  let openEntry: { path: string; size: number } | undefined;
  let lastPath: string | undefined;

  // allowUnknownFormat: old v7 headers (no ustar magic) are read too; tar-stream's types omit the option.
  const extract = tar.extract({ allowUnknownFormat: true, highWaterMark: TAR_BUFFER } as Parameters<
    typeof tar.extract
  >[0]);
  const tarClosed = new Promise<void>((resolve) => extract.on('close', resolve));
  let inflate: Gunzip | undefined;
  /** Stops inflating and parsing (the stored bytes are still hashed to the end). */
  const halt = () => {
    stopped = true;
    faulted = true;
    inflate?.destroy();
    extract.destroy();
  };
  const stop = (message: string) => {
    if (stopped) return;
    problems.error(message, where);
    halt();
  };
  extract.on('error', (error: Error) => {
    if (stopped) return;
    halt();
    if (/unexpected end of data/i.test(error.message)) {
      problems.error(
        openEntry
          ? `the layer tar is truncated: it ends inside ${openEntry.path}, which declares ${openEntry.size} bytes`
          : 'the layer tar is truncated',
        { ...where, ...(openEntry ? { path: openEntry.path } : {}) },
      );
    } else {
      problems.error(
        `the layer is not a readable tar${lastPath ? ` after ${lastPath}` : ''}: ${error.message}`,
        where,
      );
    }
  });

  extract.on('entry', (header, entry, next) => {
    // A parse error destroys the open entry with it; the extract's own error handler reports it.
    entry.on('error', ignore);
    const done = () => {
      openEntry = undefined;
      next();
    };
    if (stopped) {
      entry.resume();
      return;
    }
    if (--budget.entries < 0) {
      stop(
        `the image has more than ${limits.maxEntries} tar entries: the rest of this layer and the layers above are not read`,
      );
      entry.resume();
      return;
    }
    const name = header.name;
    openEntry = { path: name, size: header.size };
    const normalized = normalizeEntryPath(name, limits.maxPathLength);
    if (normalized === 'escapes' || normalized === 'too-long') {
      if (normalized === 'escapes') {
        problems.repeated('escapes', 'more entries climbing out of the image root', {
          message: `entry ${JSON.stringify(name)} climbs out of the image root: skipped`,
          severity: 'error',
          layer: index,
          path: name,
        });
      } else {
        problems.repeated('too-long', `more entries with paths over ${limits.maxPathLength} characters`, {
          message: `entry path of ${name.length} characters (over ${limits.maxPathLength}): skipped`,
          severity: 'error',
          layer: index,
          path: `${name.slice(0, 64)}…`,
        });
      }
      entry.on('end', done);
      entry.resume();
      return;
    }
    const { parts, absolute } = normalized;
    const path = `/${parts.join('/')}`;
    lastPath = path;
    openEntry.path = path;
    if (absolute) {
      problems.repeated('absolute', 'more entries with absolute paths', {
        message: `entry ${JSON.stringify(name)} has an absolute path: read as ${path}`,
        severity: 'warning',
        layer: index,
        path,
      });
    }
    const base = parts[parts.length - 1] ?? '';
    if (base.startsWith('.wh.')) {
      const dirParts = parts.slice(0, -1);
      if (base === '.wh..wh..opq') target.opaque(dirParts, index);
      else if (!base.startsWith('.wh..wh.')) target.whiteout(dirParts, base.slice(4), index);
      // other `.wh..wh.` names are aufs bookkeeping: nothing to apply
      entry.on('end', done);
      entry.resume();
      return;
    }
    const type = entryType(header.type);
    if (type === undefined) {
      problems.repeated('entry-type', 'more entries of unknown types', {
        message: `entry ${path} has an unknown tar type (${String(header.type)}): skipped`,
        severity: 'warning',
        layer: index,
        path,
      });
      entry.on('end', done);
      entry.resume();
      return;
    }
    let linkTarget: string | undefined;
    if (type === 'hardlink') {
      const linked = normalizeEntryPath(header.linkname ?? '', limits.maxPathLength);
      if (typeof linked === 'string') {
        problems.repeated('hardlink-escapes', 'more hard links pointing out of the image root', {
          message: `hard link ${path} points out of the image root (${JSON.stringify(header.linkname)})`,
          severity: 'error',
          layer: index,
          path,
        });
        linkTarget = header.linkname ?? '';
      } else linkTarget = `/${linked.parts.join('/')}`;
    } else if (type === 'symlink') {
      linkTarget = header.linkname ?? '';
      if (climbsAboveRoot(linkTarget, parts.length - 1)) {
        problems.repeated('symlink-above-root', 'more symlinks climbing above the image root', {
          message: `symlink ${path} -> ${linkTarget} climbs above the image root (it resolves inside the image)`,
          severity: 'warning',
          layer: index,
          path,
        });
      }
    }
    const size = type === 'file' ? header.size : 0;
    const added = target.add(parts, {
      path,
      type,
      mode: header.mode & 0o7777,
      uid: header.uid,
      gid: header.gid,
      size,
      layer: index,
      ...(linkTarget !== undefined ? { linkTarget } : {}),
    });
    if (type === 'file' && limits.wantContent(path, size)) {
      if (budget.contentBytes <= 0) {
        budget.contentsSkipped++;
        entry.on('end', done);
        entry.resume();
        return;
      }
      const cap = Math.min(limits.maxContentBytes, budget.contentBytes);
      const chunks: Buffer[] = [];
      let kept = 0;
      entry.on('data', (data) => {
        if (kept >= cap) return;
        const chunk = data as Buffer;
        // A copy: a slice would hold the whole inflated chunk it came from.
        const part = Buffer.from(chunk.subarray(0, cap - kept));
        chunks.push(part);
        kept += part.length;
      });
      entry.on('end', () => {
        budget.contentBytes -= kept;
        added.content = {
          layer: index,
          text: Buffer.concat(chunks).toString('utf8'),
          truncated: size > kept,
        };
        done();
      });
      return;
    }
    entry.on('end', done);
    entry.resume();
  });

  /** Feeds tar bytes to the parser; a promise when it needs a pause. */
  const toTar = (chunk: Buffer): Promise<void> | undefined => {
    if (stopped) return undefined;
    tarBytes += chunk.length;
    budget.imageBytes -= chunk.length;
    if (tarBytes > limits.maxLayerBytes) {
      stop(
        `the layer holds more than ${limits.maxLayerBytes} bytes uncompressed (a decompression bomb?): reading stopped there`,
      );
      return undefined;
    }
    if (budget.imageBytes < 0) {
      stop(
        `the image holds more than ${limits.maxImageBytes} bytes uncompressed: reading stopped there, the layers above are not read`,
      );
      return undefined;
    }
    diff?.update(chunk);
    return extract.write(chunk) ? undefined : writable(extract);
  };

  let inflateEnded: Promise<void> | undefined;
  const start = (head: Buffer) => {
    compression = sniff(head);
    if (compression === 'zstd' || compression === 'xz' || compression === 'bzip2') {
      stop(`the layer is ${compression}-compressed, which is not supported yet: its files are not read`);
      return;
    }
    if (compression === 'none') {
      if (algorithm !== 'sha256') diff = createHash('sha256');
      return;
    }
    diff = createHash('sha256');
    const gunzip = createGunzip({ chunkSize: INFLATE_CHUNK });
    inflate = gunzip;
    inflateEnded = new Promise<void>((resolve) => {
      gunzip.on('end', () => {
        if (!stopped) extract.end(undefined);
        resolve();
      });
      gunzip.on('close', resolve);
    });
    gunzip.on('error', (error: Error & { code?: string }) => {
      if (stopped) return;
      stop(
        error.code === 'Z_BUF_ERROR' || /unexpected end/i.test(error.message)
          ? 'the layer gzip stream is truncated'
          : `the layer gzip stream is corrupt: ${error.message}`,
      );
    });
    gunzip.on('data', (chunk: Buffer) => {
      const wait = toTar(chunk);
      if (wait !== undefined) {
        gunzip.pause();
        void wait.then(() => gunzip.resume());
      }
    });
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      stored.update(chunk);
      storedBytes += chunk.length;
      if (compression === undefined) start(chunk);
      if (stopped) continue;
      if (inflate !== undefined) {
        if (!inflate.write(chunk)) await writable(inflate);
      } else {
        const wait = toTar(chunk);
        if (wait !== undefined) await wait;
      }
    }
  } catch (error) {
    stop(`the layer could not be read: ${(error as Error).message}`);
  }
  if (compression === undefined) compression = 'none'; // an empty blob
  if (!stopped) {
    if (inflate !== undefined) {
      inflate.end();
      await inflateEnded;
    } else extract.end(undefined);
  } else {
    extract.destroy();
  }
  await tarClosed;
  const storedDigest = `${algorithm}:${stored.digest('hex')}`;
  const complete = !faulted && !stopped;
  let diffId: string | undefined;
  if (complete) {
    diffId = diff !== undefined ? `sha256:${diff.digest('hex')}` : storedDigest;
  }
  return { size: storedBytes, digest: storedDigest, diffId, compressed: compression, complete };
}
