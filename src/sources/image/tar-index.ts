// The members of an outer archive (a `docker save` tarball, an OCI layout tarball): names, types and where
// each member's bytes lie in the file, found by reading the 512-byte headers and seeking over the bodies. The
// layers are then read by byte range, in the order the manifest gives, without reading the archive twice.
// tar-stream parses the layer tars themselves; it cannot skip a body without being fed its bytes, which is
// why this small header reader exists.
import type { FileHandle } from 'node:fs/promises';
import type { ProblemLog } from './problems.js';

export type MemberType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface TarMember {
  /** Normalized: no leading `./` or `/`, no trailing `/`. */
  name: string;
  type: MemberType;
  /** Where the member's bytes start in the file. */
  offset: number;
  size: number;
  /** Symlinks and hard links: the target as written. */
  linkName?: string;
  /** The header declares more bytes than the file holds. */
  truncated: boolean;
}

const BLOCK = 512;
/** Members kept per archive; an image archive has a few per layer. */
const MAX_MEMBERS = 100_000;
/** A PAX or GNU long-name record longer than this is not a name. */
const MAX_LONG_HEADER = 1024 * 1024;

interface RawHeader {
  name: string;
  typeflag: number;
  size: number;
  linkName: string;
}

/** Parses one header block: `zero` for an end-of-archive block, `invalid` when the checksum does not match. */
export function parseHeaderBlock(block: Uint8Array): RawHeader | 'zero' | 'invalid' {
  let sum = 0;
  let allZero = true;
  for (let i = 0; i < BLOCK; i++) {
    const byte = block[i]!;
    if (byte !== 0) allZero = false;
    sum += i >= 148 && i < 156 ? 32 : byte;
  }
  if (allZero) return 'zero';
  const stored = readNumber(block, 148, 8);
  if (stored === undefined || stored !== sum) return 'invalid';
  let name = readString(block, 0, 100);
  const magic = readString(block, 257, 6);
  if (magic === 'ustar' && block[345] !== 0) name = `${readString(block, 345, 155)}/${name}`;
  const size = readNumber(block, 124, 12);
  if (size === undefined) return 'invalid';
  return { name, typeflag: block[156]!, size, linkName: readString(block, 157, 100) };
}

function readString(block: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && block[end] !== 0) end++;
  return Buffer.from(block.buffer, block.byteOffset + offset, end - offset).toString('utf8');
}

/** An octal field (spaces and NULs around it) or a base-256 one (high bit set); `undefined` when neither. */
function readNumber(block: Uint8Array, offset: number, length: number): number | undefined {
  const first = block[offset]!;
  if (first & 0x80) {
    if (first !== 0x80) return undefined; // negative
    let value = 0;
    for (let i = offset + 1; i < offset + length; i++) value = value * 256 + block[i]!;
    return Number.isSafeInteger(value) ? value : undefined;
  }
  let value = 0;
  let digits = 0;
  for (let i = offset; i < offset + length; i++) {
    const byte = block[i]!;
    if (byte === 0x20 || byte === 0) {
      if (digits > 0) break;
      continue;
    }
    if (byte < 0x30 || byte > 0x37) return undefined;
    value = value * 8 + (byte - 0x30);
    digits++;
  }
  return value;
}

/** PAX records (`len key=value\n`): only `path`, `linkpath` and `size` are used. */
function parsePax(data: Buffer): Record<string, string> {
  const result: Record<string, string> = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number.parseInt(data.toString('latin1', at, space), 10);
    if (!(length > 0) || at + length > data.length) break;
    const record = data.toString('utf8', space + 1, at + length - 1);
    const equals = record.indexOf('=');
    if (equals > 0) result[record.slice(0, equals)] = record.slice(equals + 1);
    at += length;
  }
  return result;
}

function memberType(typeflag: number): MemberType {
  switch (typeflag) {
    case 0:
    case 0x30: // '0'
    case 0x37: // '7' contiguous
      return 'file';
    case 0x35:
      return 'directory';
    case 0x32:
      return 'symlink';
    case 0x31:
      return 'hardlink';
    default:
      return 'other';
  }
}

/**
 * A member name made relative to the archive root (`./a//b/` → `a/b`); `undefined` when it climbs out of it.
 * Also used for names members point at (symlinks inside the archive, manifest paths).
 */
export function normalizeMemberName(name: string): string | undefined {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Reads the headers of the tar file open in `handle` and returns its members by normalized name (the last of
 * duplicates). Problems (a corrupt header, a member past the end of the file, names climbing out) are logged.
 */
export async function indexTar(
  handle: FileHandle,
  fileSize: number,
  problems: ProblemLog,
): Promise<Map<string, TarMember>> {
  const members = new Map<string, TarMember>();
  const block = Buffer.alloc(BLOCK);
  let position = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> | undefined;
  let count = 0;
  while (position + BLOCK <= fileSize) {
    const { bytesRead } = await handle.read(block, 0, BLOCK, position);
    if (bytesRead < BLOCK) break;
    const header = parseHeaderBlock(block);
    if (header === 'zero') return members;
    if (header === 'invalid') {
      problems.error(
        `the archive has a corrupt tar header at byte ${position}: members after it are not read`,
      );
      return members;
    }
    const dataOffset = position + BLOCK;
    const flag = header.typeflag;
    const extended = flag === 0x4c || flag === 0x4b || flag === 0x78 || flag === 0x67;
    let size = header.size;
    if (!extended && pax?.size !== undefined && /^\d+$/.test(pax.size)) size = Number(pax.size);
    const next = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    // Long names and PAX headers describe the next member.
    if (extended) {
      if (size > MAX_LONG_HEADER || dataOffset + size > fileSize) {
        problems.error(`the archive has an oversized or truncated extended header at byte ${position}`);
        return members;
      }
      const data = Buffer.alloc(size);
      await handle.read(data, 0, size, dataOffset);
      if (flag === 0x4c) longName = data.toString('utf8').replace(/\0.*$/s, '');
      else if (flag === 0x4b) longLink = data.toString('utf8').replace(/\0.*$/s, '');
      else if (flag === 0x78) pax = { ...pax, ...parsePax(data) };
      position = next;
      continue;
    }
    const rawName = pax?.path ?? longName ?? header.name;
    const linkName = pax?.linkpath ?? longLink ?? header.linkName;
    pax = longName = longLink = undefined;
    if (++count > MAX_MEMBERS) {
      problems.error(`the archive has more than ${MAX_MEMBERS} members: the rest are not read`);
      return members;
    }
    const name = normalizeMemberName(rawName);
    const truncated = dataOffset + size > fileSize;
    if (name === undefined) {
      problems.error(`the archive has a member whose name climbs out of it: ${JSON.stringify(rawName)}`, {
        path: rawName,
      });
    } else {
      let type = memberType(flag);
      if (type === 'file' && rawName.endsWith('/')) type = 'directory';
      if (members.has(name)) {
        problems.repeated('duplicate-member', 'more duplicate archive members', {
          message: `the archive holds ${name} more than once: the last one is read`,
          severity: 'warning',
          path: name,
        });
      }
      members.set(name, {
        name,
        type,
        offset: dataOffset,
        size,
        ...(type === 'symlink' || type === 'hardlink' ? { linkName } : {}),
        truncated,
      });
    }
    if (truncated) {
      problems.error(
        `the archive is truncated: ${rawName} declares ${size} bytes but the file ends ${fileSize - dataOffset} bytes after its header`,
        { path: rawName },
      );
      return members;
    }
    position = next;
  }
  return members;
}

const MARKER =
  /^(?:manifest\.json|oci-layout|index\.json|repositories|blobs(?:\/.*)?|[0-9a-f]{64}(?:\.json|\/.*)?)$/;

/**
 * True when `head` (the first bytes of a file) is a tar whose first member is one an image archive starts with:
 * `manifest.json`, `oci-layout`, `index.json`, `repositories`, `blobs/…`, or a docker save layer directory
 * (`<64 hex>/…`) or config (`<64 hex>.json`).
 */
export function looksLikeImageTar(head: Uint8Array): boolean {
  let position = 0;
  while (position + BLOCK <= head.length) {
    const header = parseHeaderBlock(head.subarray(position, position + BLOCK));
    if (header === 'zero' || header === 'invalid') return false;
    const flag = header.typeflag;
    if (flag === 0x4c || flag === 0x78 || flag === 0x67 || flag === 0x4b) {
      // A long name or PAX record: judge the member it belongs to by its own (short) header instead.
      position += BLOCK + Math.ceil(header.size / BLOCK) * BLOCK;
      continue;
    }
    const name = normalizeMemberName(header.name);
    if (name === undefined) return false;
    if (name === '') {
      position += BLOCK;
      continue;
    }
    return MARKER.test(name);
  }
  return false;
}
