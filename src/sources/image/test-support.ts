// Builders of small image archives for the tests (never imported by the reader): layer tars made with
// tar-stream's pack, wrapped as a docker save archive or an OCI layout (directory or tarball).
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface EntrySpec {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'fifo';
  mode?: number;
  uid?: number;
  gid?: number;
  linkname?: string;
  body?: string | Buffer;
}

/** A tar of `entries` (files default to mode 0644, directories to 0755). */
export async function tarOf(entries: EntrySpec[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const body = entry.body === undefined ? undefined : Buffer.from(entry.body);
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: entry.name,
        type,
        mode: entry.mode ?? (type === 'directory' ? 0o755 : 0o644),
        uid: entry.uid ?? 0,
        gid: entry.gid ?? 0,
        mtime: new Date(0),
        ...(entry.linkname !== undefined ? { linkname: entry.linkname } : {}),
      };
      if (body !== undefined && type === 'file') {
        pack.entry(header, body, (error) => (error ? reject(error) : resolve()));
      } else {
        pack.entry(header, (error) => (error ? reject(error) : resolve()));
      }
    });
  }
  pack.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * One raw ustar header block for `name` declaring `size` bytes (base-256 when it does not fit in octal): for
 * tars whose bodies do not match their headers, which tar-stream's pack refuses to write.
 */
export function rawHeader(name: string, size: number, typeflag = '0'): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  if (size < 8 ** 11) {
    block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  } else {
    block[124] = 0x80;
    let rest = size;
    for (let i = 135; i > 124; i--) {
      block[i] = rest % 256;
      rest = Math.floor(rest / 256);
    }
  }
  block.write('00000000000\0', 136);
  block.write(typeflag, 156);
  block.write('ustar\u000000', 257, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

export const sha256Of = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
export const hexOf = (digest: string) => digest.slice('sha256:'.length);

export interface Layer {
  /** The uncompressed tar. */
  tar: Buffer;
  /** What is stored: the tar, gzipped or not, or any bytes for hostile cases. */
  stored: Buffer;
}

export function layer(tarBytes: Buffer, gzip = false): Layer {
  return { tar: tarBytes, stored: gzip ? gzipSync(tarBytes) : tarBytes };
}

export function configFor(layers: Layer[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    architecture: 'amd64',
    os: 'linux',
    config: { User: '0', Cmd: ['sh'] },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => sha256Of(l.tar)) },
    history: layers.map((_, i) => ({ created_by: `/bin/sh -c step ${i}` })),
    ...extra,
  };
}

export interface DockerArchiveSpec {
  layers: Layer[];
  config?: Record<string, unknown>;
  /** Replaces manifest.json entirely. */
  manifest?: unknown;
  repoTags?: string[];
  /** Members left out of the archive (by name). */
  omit?: string[];
  /** Members added as they are. */
  extra?: EntrySpec[];
}

/** The member name `dockerArchive` gives the layer at `index`. */
export function layerMember(l: Layer, index: number): string {
  return `${hexOf(sha256Of(Buffer.concat([l.stored, Buffer.from([index])])))}/layer.tar`;
}

/** A docker save archive (Docker 24 layout: `<id>/layer.tar`, `<config hex>.json`, manifest.json last). */
export async function dockerArchive(spec: DockerArchiveSpec): Promise<Buffer> {
  const config = Buffer.from(JSON.stringify(spec.config ?? configFor(spec.layers)));
  const configName = `${hexOf(sha256Of(config))}.json`;
  const layerNames = spec.layers.map(layerMember);
  const manifest = spec.manifest ?? [
    { Config: configName, RepoTags: spec.repoTags ?? ['example/image:1'], Layers: layerNames },
  ];
  const entries: EntrySpec[] = [];
  spec.layers.forEach((l, i) => {
    const dir = layerNames[i]!.split('/')[0]!;
    entries.push({ name: `${dir}/`, type: 'directory' });
    entries.push({ name: `${dir}/VERSION`, body: '1.0' });
    entries.push({ name: layerNames[i]!, body: l.stored });
  });
  entries.push({ name: configName, body: config });
  entries.push({ name: 'manifest.json', body: JSON.stringify(manifest) });
  entries.push(...(spec.extra ?? []));
  return tarOf(entries.filter((entry) => !(spec.omit ?? []).includes(entry.name)));
}

export interface OciSpec {
  layers: Layer[];
  config?: Record<string, unknown>;
  /** The layer descriptors' digests, when they should not be the stored bytes' ones. */
  layerDigests?: string[];
  refName?: string;
  omitBlobs?: string[];
  /** Blobs added by digest (manifests and indexes of hand-built multi-platform layouts). */
  blobs?: Buffer[];
  /** Replaces index.json. */
  index?: unknown;
}

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

/** The files of an OCI layout: name → bytes. */
export function ociFiles(spec: OciSpec): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const blob = (bytes: Buffer) => {
    const digest = sha256Of(bytes);
    files.set(`blobs/sha256/${hexOf(digest)}`, bytes);
    return { digest, size: bytes.length };
  };
  const config = blob(Buffer.from(JSON.stringify(spec.config ?? configFor(spec.layers))));
  const layers = spec.layers.map((l, i) => {
    const stored = blob(l.stored);
    return {
      mediaType: `application/vnd.oci.image.layer.v1.tar${l.stored === l.tar ? '' : '+gzip'}`,
      digest: spec.layerDigests?.[i] ?? stored.digest,
      size: stored.size,
    };
  });
  const manifest = blob(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers,
      }),
    ),
  );
  for (const extra of spec.blobs ?? []) blob(extra);
  files.set('oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
  files.set(
    'index.json',
    Buffer.from(
      JSON.stringify(
        spec.index ?? {
          schemaVersion: 2,
          manifests: [
            {
              mediaType: OCI_MANIFEST,
              ...manifest,
              ...(spec.refName ? { annotations: { 'org.opencontainers.image.ref.name': spec.refName } } : {}),
            },
          ],
        },
      ),
    ),
  );
  for (const name of spec.omitBlobs ?? []) files.delete(name);
  return files;
}

export async function writeOciDir(dir: string, files: Map<string, Buffer>): Promise<string> {
  for (const [name, bytes] of files) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), bytes);
  }
  return dir;
}

export async function ociTar(files: Map<string, Buffer>): Promise<Buffer> {
  return tarOf([...files].map(([name, body]) => ({ name, body })));
}
