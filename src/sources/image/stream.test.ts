// readImageStream: an archive read in one pass from a stream gives what readImage gives for the same archive read
// from a file — hand-built archives whose blobs come before their manifest, links between members, hostile
// layers, and real ones (a docker save from a private dockerd, the OCI tarball skopeo makes of it); a stream
// that breaks off or is no archive ends in ImageError; a large layer streams in bounded memory.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineDescribe, startEngine, type TestEngine } from '../../../test/engine/dockerd.js';
import { buildImage, busyboxImage, skopeoCopy } from '../../../test/engine/images.js';
import { ImageError, readImage, type ImageContents, type ReadImageOptions } from './index.js';
import { readImageStream } from './stream.js';
import {
  configFor,
  dockerArchive,
  hexOf,
  layer,
  layerMember,
  ociFiles,
  ociTar,
  OCI_MANIFEST,
  rawHeader,
  sha256Of,
  tarOf,
} from './test-support.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dt10-stream-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let serial = 0;

/** `bytes` as a stream of `chunk`-byte pieces (what a socket gives is never aligned to tar blocks). */
function streamOf(bytes: Buffer, chunk = 4093): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
    })(),
  );
}

/** Everything but `source`. */
function comparable(image: ImageContents): Omit<ImageContents, 'source'> {
  const { source, ...rest } = image;
  void source;
  return rest;
}

/** Reads `bytes` from a file and from a stream; both must agree. Returns the stream read. */
async function bothWays(bytes: Buffer, options: ReadImageOptions = {}): Promise<ImageContents> {
  const path = join(dir, `archive-${serial++}.tar`);
  await writeFile(path, bytes);
  const fromFile = await readImage(path, options);
  const fromStream = await readImageStream(streamOf(bytes), 'stream', options);
  expect(fromStream.source).toBe('stream');
  expect(comparable(fromStream)).toEqual(comparable(fromFile));
  return fromStream;
}

const passwd = 'root:x:0:0::/root:/bin/sh\napp:x:10001:10001::/home/app:/bin/sh\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n';

async function threeLayers(gzip = false) {
  return [
    layer(
      await tarOf([
        { name: 'etc/', type: 'directory' },
        { name: 'etc/passwd', body: passwd },
        { name: 'bin/', type: 'directory' },
        { name: 'bin/busybox', body: 'ELF', mode: 0o755 },
        { name: 'bin/sh', type: 'symlink', linkname: 'busybox' },
        { name: 'etc/ssl/private/', type: 'directory' },
      ]),
      gzip,
    ),
    layer(
      await tarOf([
        { name: 'etc/ssl/private/app.key', body: KEY },
        { name: 'etc/ssl/private/copy.key', type: 'link', linkname: 'etc/ssl/private/app.key' },
        { name: 'usr/bin/su2', body: 'x', mode: 0o4755 },
      ]),
      gzip,
    ),
    layer(
      await tarOf([
        { name: 'etc/ssl/private/.wh.app.key', body: '' },
        { name: 'usr/bin/.wh..wh..opq', body: '' },
        { name: 'usr/bin/new', body: 'y' },
      ]),
      gzip,
    ),
  ];
}

describe('readImageStream on hand-built archives', () => {
  it('reads a docker save (blobs first, manifest.json last) as a file read does', async () => {
    const layers = await threeLayers();
    const image = await bothWays(await dockerArchive({ layers }));
    expect(image).toMatchObject({ format: 'docker-archive', reference: 'example/image:1', problems: [] });
    expect(image.layers.map((l) => l.verified)).toEqual([true, true, true]);
    expect(image.deleted.map((d) => [d.path, d.layer, d.deletedBy, d.how])).toEqual([
      ['/etc/ssl/private/app.key', 1, 2, 'whiteout'],
      ['/usr/bin/su2', 1, 2, 'opaque'],
    ]);
    expect(image.files.get('/etc/ssl/private/copy.key')).toMatchObject({ type: 'hardlink', layer: 1 });
    // The hard link's content came through the filesystem at replay, from the file it links to.
    expect(image.contents.get('/etc/ssl/private/copy.key')?.text).toBe(KEY);
    expect(image.contents.get('/etc/ssl/private/app.key')).toEqual({ layer: 1, text: KEY, truncated: false });
  });

  it('reads an OCI layout tarball with gzip layers as a file read does', async () => {
    const layers = await threeLayers(true);
    const image = await bothWays(await ociTar(ociFiles({ layers, refName: 'example/oci:2' })));
    expect(image).toMatchObject({ format: 'oci-layout', reference: 'example/oci:2', problems: [] });
    expect(image.layers.map((l) => [l.compressed, l.verified])).toEqual([
      ['gzip', true],
      ['gzip', true],
      ['gzip', true],
    ]);
  });

  it('follows a layer symlink to a member that comes later in the stream, and a layer listed twice', async () => {
    const [first, second] = await threeLayers();
    const real = layerMember(second!, 1);
    const linkDir = layerMember(first!, 0).split('/')[0]!;
    const config = Buffer.from(JSON.stringify(configFor([first!, second!, second!])));
    const configName = `${hexOf(sha256Of(config))}.json`;
    const bytes = await tarOf([
      { name: `${linkDir}/layer.tar`, type: 'symlink', linkname: `../${real}` },
      { name: real, body: second!.stored },
      { name: 'base/layer.tar', body: first!.stored },
      { name: configName, body: config },
      {
        name: 'manifest.json',
        body: JSON.stringify([
          {
            Config: configName,
            RepoTags: ['example/shared:1'],
            Layers: ['base/layer.tar', `${linkDir}/layer.tar`, real],
          },
        ]),
      },
    ]);
    const image = await bothWays(bytes);
    expect(image.problems).toEqual([]);
    expect(image.layers.map((l) => l.verified)).toEqual([true, true, true]);
    expect(image.files.get('/usr/bin/su2')).toMatchObject({ layer: 2 });
    expect(image.contents.get('/etc/ssl/private/app.key')?.layer).toBe(2);
  });

  it('reads a layer whose bytes open like JSON from memory, in its place', async () => {
    const odd = layer(await tarOf([{ name: '{odd}', body: 'x' }]));
    const [base] = await threeLayers();
    const image = await bothWays(await ociTar(ociFiles({ layers: [base!, odd] })));
    expect(image.problems).toEqual([]);
    expect(image.files.get('/{odd}')).toMatchObject({ layer: 1, size: 1 });
  });

  it('reports tampered blobs, wrong diff_ids and missing blobs as a file read does', async () => {
    const layers = await threeLayers(true);
    const files = ociFiles({ layers });
    const other = layer(await tarOf([{ name: 'planted', body: 'x' }]), true);
    files.set(`blobs/sha256/${hexOf(sha256Of(layers[0]!.stored))}`, other.stored);
    const tampered = await bothWays(await ociTar(files));
    expect(tampered.problems.map((p) => p.digestMismatch)).toContain('layer 0');
    expect(tampered.layers[0]!.verified).toBe(false);

    const diffIds = [sha256Of(Buffer.from('x')), ...layers.slice(1).map((l) => sha256Of(l.tar))];
    const badDiff = await bothWays(
      await dockerArchive({
        layers,
        config: configFor(layers, { rootfs: { type: 'layers', diff_ids: diffIds } }),
      }),
    );
    expect(badDiff.problems).toEqual([
      expect.objectContaining({
        layer: 0,
        digestMismatch: 'layer 0',
        message: expect.stringContaining("the config's diff_id"),
      }),
    ]);

    const missing = layerMember(layers[1]!, 1);
    const gone = await bothWays(await dockerArchive({ layers, omit: [missing] }));
    expect(gone.problems).toEqual([
      {
        message: expect.stringContaining(`is missing: ${missing} is not in the archive`),
        severity: 'error',
        layer: 1,
        path: missing,
      },
    ]);
  });

  it('sums up repeated faults of a hostile layer as a file read does', async () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ name: `../escape-${i}`, body: 'x' }));
    const hostile = layer(
      Buffer.concat([...entries.map((e) => rawTarEntry(e.name, e.body)), Buffer.alloc(1024)]),
    );
    const [base] = await threeLayers();
    const image = await bothWays(await dockerArchive({ layers: [base!, hostile] }));
    const escapes = image.problems.filter((p) => p.layer === 1);
    expect(escapes).toHaveLength(11);
    expect(escapes[10]).toEqual({
      message: '20 more entries climbing out of the image root not listed',
      severity: 'error',
      layer: 1,
    });
  });

  it('spends the content budget as a file read does when it runs out', async () => {
    const layers = await threeLayers();
    const image = await bothWays(await dockerArchive({ layers }), { maxTotalContentBytes: 10 });
    expect(image.problems).toEqual([
      { message: expect.stringContaining('1 more selected files were not read'), severity: 'warning' },
    ]);
  });

  it('ends in ImageError naming the fault when the stream breaks off or is no image archive', async () => {
    const layers = await threeLayers();
    const bytes = await dockerArchive({ layers });
    const cut = layerMember(layers[1]!, 1);
    const at = bytes.indexOf(Buffer.from(cut)) + 2048;
    const broken = Readable.from(
      (async function* () {
        yield bytes.subarray(0, at);
        throw new Error('socket hang up');
      })(),
    );
    await expect(readImageStream(broken, 'engine image/x')).rejects.toThrow(
      new ImageError(
        `engine image/x cannot be read as an image: the stream broke off after ${at} bytes, inside ${cut}: socket hang up`,
        'engine image/x',
      ),
    );
    await expect(readImageStream(streamOf(bytes.subarray(0, at)), 'engine image/x')).rejects.toThrow(
      `engine image/x cannot be read as an image: the archive is truncated: it ends inside ${cut}`,
    );
    await expect(readImageStream(streamOf(gzipSync(bytes)), 'x.tar.gz')).rejects.toThrow(
      'x.tar.gz is gzip-compressed: decompress it first (gunzip), then read the tar',
    );
    await expect(
      readImageStream(streamOf(Buffer.from('<html>Not found</html>'.repeat(40))), 'page'),
    ).rejects.toThrow(
      /^page cannot be read as an image: the archive is not a readable tar after 880 bytes: /,
    );
    await expect(
      readImageStream(streamOf(await tarOf([{ name: 'a.txt', body: 'x' }])), 'plain'),
    ).rejects.toThrow(
      'plain is not an image: the archive has no manifest.json (docker save) and no index.json (OCI layout)',
    );
    await expect(readImageStream(streamOf(bytes), 's', { platform: 'amd64' })).rejects.toThrow(
      'invalid platform "amd64": expected os/arch[/variant]',
    );
  });

  it('streams a 160 MiB layer whose digest is only named after it in bounded memory, writing nothing', async () => {
    const before = (await readdir(dir)).sort();
    const size = 160 * 1024 * 1024;
    const MiB = 1024 * 1024;
    // The layer tar: one large file (fresh chunks: holding them would show), then a small selected one.
    const layerTar = function* () {
      yield rawHeader('big.bin', size);
      for (let i = 0; i < size / MiB; i++) yield Buffer.alloc(MiB, 0x61);
      yield rawTarEntry('etc/passwd', passwd);
      yield Buffer.alloc(1024);
    };
    let tarSize = 0;
    for (const part of layerTar()) tarSize += part.length;
    const hash = createHash('sha256');
    for (const part of layerTar()) hash.update(part);
    const digest = hash.digest('hex');
    const peak = { bytes: 0 };
    const base = process.memoryUsage();
    const sample = () => {
      const now = process.memoryUsage();
      peak.bytes = Math.max(peak.bytes, now.heapUsed + now.arrayBuffers - base.heapUsed - base.arrayBuffers);
    };
    // The blob first, under its digest; the config, manifest and index that name it after it.
    const archive = async function* () {
      yield rawHeader(`blobs/sha256/${digest}`, tarSize);
      let n = 0;
      for (const part of layerTar()) {
        yield part;
        if (++n % 16 === 0) sample();
      }
      yield Buffer.alloc((512 - (tarSize % 512)) % 512);
      const config = Buffer.from(
        JSON.stringify({
          architecture: 'amd64',
          os: 'linux',
          config: {},
          rootfs: { type: 'layers', diff_ids: [`sha256:${digest}`] },
        }),
      );
      const configDigest = sha256Of(config);
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          config: {
            mediaType: 'application/vnd.oci.image.config.v1+json',
            digest: configDigest,
            size: config.length,
          },
          layers: [
            {
              mediaType: 'application/vnd.oci.image.layer.v1.tar',
              digest: `sha256:${digest}`,
              size: tarSize,
            },
          ],
        }),
      );
      const index = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          manifests: [{ mediaType: OCI_MANIFEST, digest: sha256Of(manifest), size: manifest.length }],
        }),
      );
      yield await tarOf([
        { name: `blobs/sha256/${hexOf(configDigest)}`, body: config },
        { name: `blobs/sha256/${hexOf(sha256Of(manifest))}`, body: manifest },
        { name: 'oci-layout', body: '{"imageLayoutVersion":"1.0.0"}' },
        { name: 'index.json', body: index },
      ]);
    };
    const image = await readImageStream(Readable.from(archive()), 'big');
    sample();
    expect(image.problems).toEqual([]);
    expect(image.layers).toMatchObject([{ verified: true, size: tarSize }]);
    expect(image.files.get('/big.bin')).toMatchObject({ size });
    expect(image.contents.get('/etc/passwd')?.text).toBe(passwd);
    expect(peak.bytes / 1024 / 1024).toBeLessThan(48);
    expect((await readdir(dir)).sort()).toEqual(before);
  }, 60_000);
});

/** One ustar entry (header, body, padding) by hand: names tar-stream's pack would refuse. */
function rawTarEntry(name: string, body: string): Buffer {
  const bytes = Buffer.from(body);
  return Buffer.concat([
    rawHeader(name, bytes.length),
    bytes,
    Buffer.alloc((512 - (bytes.length % 512)) % 512),
  ]);
}

engineDescribe('readImageStream on images built on a private engine', () => {
  const TAG = 'dt10-test/image-stream:1';
  let engine: TestEngine;
  let saved: Buffer;

  beforeAll(async () => {
    engine = await startEngine();
    await busyboxImage(engine);
    await buildImage(
      engine,
      `FROM dt10-test/busybox:1
COPY test.key /etc/ssl/private/test.key
RUN rm /etc/ssl/private/test.key && touch /bin/su2 && chmod 4755 /bin/su2
RUN mkdir -p /srv && echo hello > /srv/a && ln /srv/a /srv/b
USER app
`,
      TAG,
      { 'test.key': KEY },
    );
    const answer = await engine.request('GET', `/images/${encodeURIComponent(TAG)}/get`, undefined, {
      timeoutMs: 60_000,
    });
    expect(answer.status).toBe(200);
    saved = answer.body;
  }, 120_000);
  afterAll(() => engine?.stop(), 120_000);

  it('reads the docker save archive the engine answers, streamed, as readImage reads it from a file', async () => {
    const image = await bothWays(saved);
    expect(image).toMatchObject({ format: 'docker-archive', reference: TAG, problems: [] });
    expect(image.layers.every((l) => l.verified)).toBe(true);
    expect(image.deleted.map((d) => d.path)).toContain('/etc/ssl/private/test.key');
  });

  it('reads the OCI tarball skopeo makes of it, streamed, as readImage reads it from a file', async () => {
    const docker = join(dir, 'docker.tar');
    const oci = join(dir, 'oci.tar');
    await writeFile(docker, saved);
    await skopeoCopy(`docker-archive:${docker}`, `oci-archive:${oci}:${TAG}`);
    const bytes = await readFile(oci);
    const image = await bothWays(bytes);
    expect(image).toMatchObject({ format: 'oci-layout', reference: TAG, problems: [] });
    const fromDocker = await readImageStream(streamOf(saved), 'docker');
    expect(image.files).toEqual(fromDocker.files);
    expect(image.deleted).toEqual(fromDocker.deleted);
    expect(image.contents).toEqual(fromDocker.contents);
  });
});
