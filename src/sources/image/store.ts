// Where an image's files are: the members of an outer tarball (read by byte range) or the files of a directory
// (an OCI layout, an unpacked docker save). Names are relative to the archive root, `/`-separated. Nothing is
// written anywhere.
import { open as openFile, realpath, stat, type FileHandle } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { ProblemLog } from './problems.js';
import { indexTar, normalizeMemberName, type MemberType, type TarMember } from './tar-index.js';

/** Chunks read from the file: large enough that per-chunk work (hashing, inflating) is cheap. */
export const READ_CHUNK = 1024 * 1024;

export type Opened = { size: number; stream: Readable } | { missing: string };

export interface BlobStore {
  /** `the archive` / `the directory`, for messages. */
  readonly kind: string;
  /** True when `name` is a regular file (after links inside the store). */
  has(name: string): Promise<boolean>;
  /** The bytes of `name`, or why it cannot be read. */
  open(name: string): Promise<Opened>;
  close(): Promise<void>;
}

const MAX_LINK_HOPS = 16;

export class TarStore implements BlobStore {
  readonly kind = 'the archive';

  private constructor(
    private readonly handle: FileHandle,
    readonly members: Map<string, TarMember>,
  ) {}

  /** Indexes the tar file at `path` (headers only). */
  static async open(path: string, size: number, problems: ProblemLog): Promise<TarStore> {
    const handle = await openFile(path, 'r');
    try {
      return new TarStore(handle, await indexTar(handle, size, problems));
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The regular file `name` stands for, following symlinks and hard links between members. */
  private resolve(name: string): TarMember | string {
    return resolveMember(this.members, name);
  }

  async has(name: string): Promise<boolean> {
    return typeof this.resolve(name) !== 'string';
  }

  async open(name: string): Promise<Opened> {
    const member = this.resolve(name);
    if (typeof member === 'string') return { missing: member };
    if (member.size === 0) return { size: 0, stream: Readable.from([]) };
    return {
      size: member.size,
      stream: this.handle.createReadStream({
        start: member.offset,
        end: member.offset + member.size - 1,
        autoClose: false,
        highWaterMark: READ_CHUNK,
      }),
    };
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** What link resolution needs to know of a member of an outer tar. */
export interface LinkedMember {
  type: MemberType;
  /** Symlinks and hard links: the target as written. */
  linkName?: string;
}

/**
 * The regular file member `name` stands for in `members` (by normalized name), following symlinks (relative to
 * the member's directory) and hard links (from the archive root) between members; or why there is none.
 */
export function resolveMember<M extends LinkedMember>(
  members: ReadonlyMap<string, M>,
  name: string,
): M | string {
  let current = normalizeMemberName(name);
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    if (current === undefined) return `${name} points outside the archive`;
    const member = members.get(current);
    if (member === undefined) return `${current} is not in the archive`;
    if (member.type === 'file') return member;
    if (member.type === 'symlink') {
      const dir = current.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '';
      const target = member.linkName ?? '';
      current = normalizeMemberName(target.startsWith('/') ? target : `${dir}/${target}`);
    } else if (member.type === 'hardlink') {
      current = normalizeMemberName(member.linkName ?? '');
    } else {
      return `${current} is not a regular file in the archive`;
    }
  }
  return `${name}: too many links`;
}

export class DirectoryStore implements BlobStore {
  readonly kind = 'the directory';

  private constructor(private readonly root: string) {}

  static async open(path: string): Promise<DirectoryStore> {
    return new DirectoryStore(await realpath(path));
  }

  /** The real path of `name` when it is a regular file inside the directory (links resolved). */
  private async locate(name: string): Promise<{ path: string; size: number } | string> {
    const relative = normalizeMemberName(name);
    if (relative === undefined || relative === '') return `${name} points outside the directory`;
    let real: string;
    try {
      real = await realpath(join(this.root, ...relative.split('/')));
    } catch {
      return `${relative} is not in the directory`;
    }
    if (real !== this.root && !real.startsWith(this.root + sep)) {
      return `${relative} links outside the directory`;
    }
    const info = await stat(real).catch(() => undefined);
    if (info === undefined || !info.isFile()) return `${relative} is not a regular file`;
    return { path: real, size: info.size };
  }

  async has(name: string): Promise<boolean> {
    return typeof (await this.locate(name)) !== 'string';
  }

  async open(name: string): Promise<Opened> {
    const found = await this.locate(name);
    if (typeof found === 'string') return { missing: found };
    if (found.size === 0) return { size: 0, stream: Readable.from([]) };
    const handle = await openFile(found.path, 'r');
    return {
      size: found.size,
      // Bounded by the size found now, whatever the file does meanwhile.
      stream: handle.createReadStream({ start: 0, end: found.size - 1, highWaterMark: READ_CHUNK }),
    };
  }

  async close(): Promise<void> {}
}

/**
 * Reads a small member whole (manifests, indexes, configs): the bytes, or why not. `maxBytes` refuses larger
 * ones before reading them.
 */
export async function readWhole(
  store: BlobStore,
  name: string,
  maxBytes: number,
): Promise<{ bytes: Buffer } | { missing: string }> {
  const opened = await store.open(name);
  if ('missing' in opened) return opened;
  if (opened.size > maxBytes) {
    opened.stream.destroy();
    return { missing: `${name} is ${opened.size} bytes, more than the ${maxBytes} read for a JSON document` };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of opened.stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      opened.stream.destroy();
      return { missing: `${name} is more than ${maxBytes} bytes` };
    }
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks) };
}
