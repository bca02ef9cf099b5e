// Hostile and broken inputs, built with tar-stream's pack (or by hand where pack refuses): each read ends with a
// clear problem (or ImageError when nothing can be read), in bounded time and memory, writing nothing.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configFor,
  dockerArchive,
  hexOf,
  layer,
  layerMember,
  ociFiles,
  ociTar,
  OCI_INDEX,
  rawHeader,
  sha256Of,
  tarOf,
  writeOciDir,
  type Layer,
} from './test-support.js';
import { ImageError, readImage, type ImageContents, type ReadImageOptions } from './index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dt10-hostile-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let serial = 0;
async function save(bytes: Buffer, name = `image-${serial++}.tar`): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function listing(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true })).sort();
}

/** Reads `path`, measuring time and this thread's peak heap + buffer memory while it runs. */
async function measured(path: string, options: ReadImageOptions = {}) {
  const before = await listing(dir);
  const base = process.memoryUsage();
  let peak = 0;
  const sample = () => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.heapUsed + now.arrayBuffers - base.heapUsed - base.arrayBuffers);
  };
  const timer = setInterval(sample, 10);
  const started = performance.now();
  try {
    const image = await readImage(path, options);
    sample();
    return { image, ms: performance.now() - started, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
    // Nothing was written beside the input.
    expect(await listing(dir)).toEqual(before);
  }
}

const errors = (image: ImageContents) => image.problems.filter((p) => p.severity === 'error');
const warnings = (image: ImageContents) => image.problems.filter((p) => p.severity === 'warning');

const base = async () =>
  layer(
    await tarOf([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/passwd', body: 'root:x:0:0::/root:/bin/sh\n' },
    ]),
  );

describe('hostile layer entries', () => {
  it('skips entries climbing out of the root, and writes nothing there', async () => {
    const target = `dt10-escape-${randomBytes(6).toString('hex')}`;
    const evil = await tarOf([
      { name: `../../../../../../../../../../tmp/${target}`, body: 'pwned' },
      { name: 'etc/../../x', body: 'pwned' },
      { name: 'ok/./fine/../file', body: 'fine' },
    ]);
    const { image } = await measured(
      await save(await dockerArchive({ layers: [await base(), layer(evil)] })),
    );
    expect(errors(image)).toEqual([
      expect.objectContaining({ layer: 1, message: expect.stringContaining('climbs out of the image root') }),
      expect.objectContaining({ layer: 1, path: 'etc/../../x' }),
    ]);
    expect([...image.files.keys()]).toEqual(['/etc', '/etc/passwd', '/ok/file']);
    expect(existsSync(join('/tmp', target))).toBe(false);
    expect(image.layers.every((l) => l.verified)).toBe(true);
  });

  it('reads absolute entry paths inside the image, with a warning', async () => {
    const abs = await tarOf([{ name: '/etc/shadow', body: 'root:*:1::::::\n', mode: 0o640 }]);
    const { image } = await measured(await save(await dockerArchive({ layers: [await base(), layer(abs)] })));
    expect(image.files.get('/etc/shadow')).toMatchObject({ layer: 1, mode: 0o640 });
    expect(image.contents.get('/etc/shadow')?.text).toBe('root:*:1::::::\n');
    expect(warnings(image)).toEqual([
      expect.objectContaining({ layer: 1, message: expect.stringContaining('absolute path') }),
    ]);
    expect(errors(image)).toEqual([]);
  });

  it('records links pointing anywhere, never following them', async () => {
    const links = await tarOf([
      { name: 'up', type: 'symlink', linkname: '../../../../etc/shadow' },
      { name: 'abs', type: 'symlink', linkname: '/etc/shadow' },
      { name: 'hard', type: 'link', linkname: '../../etc/shadow' },
      { name: 'hard-ok', type: 'link', linkname: './etc/passwd' },
      { name: 'etc2', type: 'symlink', linkname: '/' },
    ]);
    // A later layer writes through the symlink etc2: the entry lands at /etc2/passwd, not at /passwd.
    const through = await tarOf([{ name: 'etc2/passwd', body: 'x' }]);
    const { image } = await measured(
      await save(await dockerArchive({ layers: [await base(), layer(links), layer(through)] })),
    );
    expect(image.files.get('/up')).toMatchObject({ type: 'symlink', linkTarget: '../../../../etc/shadow' });
    expect(image.files.get('/abs')).toMatchObject({ type: 'symlink', linkTarget: '/etc/shadow' });
    expect(image.files.get('/hard')).toMatchObject({ type: 'hardlink', linkTarget: '../../etc/shadow' });
    expect(image.files.get('/hard-ok')).toMatchObject({ type: 'hardlink', linkTarget: '/etc/passwd' });
    expect(image.contents.get('/hard-ok')?.text).toContain('root:x:0:0');
    expect(image.files.get('/etc2/passwd')).toMatchObject({ type: 'file', layer: 2 });
    expect(image.files.has('/passwd')).toBe(false);
    expect(image.deleted).toEqual([
      expect.objectContaining({ path: '/etc2', type: 'symlink', how: 'replaced' }),
    ]);
    expect(image.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        layer: 1,
        path: '/up',
        message: expect.stringContaining('climbs above'),
      }),
      expect.objectContaining({
        severity: 'error',
        layer: 1,
        path: '/hard',
        message: expect.stringContaining('out of the image root'),
      }),
      expect.objectContaining({
        severity: 'warning',
        layer: 2,
        message: expect.stringContaining('not followed'),
      }),
    ]);
  });

  it('keeps the last of duplicate entries, with a warning', async () => {
    const dup = await tarOf([
      { name: 'etc/passwd', body: 'first\n' },
      { name: 'etc/passwd', body: 'second\n' },
    ]);
    const { image } = await measured(await save(await dockerArchive({ layers: [layer(dup)] })));
    expect(image.contents.get('/etc/passwd')?.text).toBe('second\n');
    expect(warnings(image)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('more than once'), path: '/etc/passwd' }),
    ]);
  });

  it('sums up a fault repeated thousands of times in a few problems', async () => {
    const many = await tarOf(Array.from({ length: 5000 }, (_, i) => ({ name: `../x${i}`, body: '' })));
    const { image } = await measured(await save(await dockerArchive({ layers: [layer(many)] })));
    expect(image.problems).toHaveLength(11);
    expect(image.problems.at(-1)).toMatchObject({
      severity: 'error',
      message: '4990 more entries climbing out of the image root not listed',
    });
  });

  it('stops at maxEntries', async () => {
    const many = await tarOf(Array.from({ length: 5000 }, (_, i) => ({ name: `f${i}`, body: '' })));
    const { image } = await measured(await save(await dockerArchive({ layers: [layer(many)] })), {
      maxEntries: 1000,
    });
    expect(image.files.size).toBe(1000);
    expect(errors(image)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('more than 1000 tar entries') }),
    ]);
    expect(image.layers[0]!.verified).toBe(false);
  });

  it('takes 2,000 levels of directories and refuses a path 10,000 levels deep', async () => {
    const entries = [];
    for (let depth = 1; depth <= 2000; depth++)
      entries.push({ name: 'd/'.repeat(depth), type: 'directory' as const });
    entries.push({ name: `${'d/'.repeat(2000)}file`, body: 'deep' });
    entries.push({ name: `${'d/'.repeat(10_000)}file`, body: 'deeper' });
    const { image, ms } = await measured(
      await save(await dockerArchive({ layers: [layer(await tarOf(entries))] })),
    );
    expect(image.files.size).toBe(2001);
    expect(errors(image)).toEqual([
      expect.objectContaining({ message: 'entry path of 20004 characters (over 4096): skipped' }),
    ]);
    expect(ms).toBeLessThan(10_000);
  });

  it('reports a 10 GiB entry whose body is cut short as a truncated layer', async () => {
    const cut = Buffer.concat([rawHeader('etc/big', 10 * 1024 ** 3), randomBytes(1000)]);
    const layers: Layer[] = [await base(), { tar: cut, stored: cut }];
    const { image, peakMb } = await measured(await save(await dockerArchive({ layers })));
    expect(errors(image)).toEqual([
      expect.objectContaining({
        layer: 1,
        path: '/etc/big',
        message: 'the layer tar is truncated: it ends inside /etc/big, which declares 10737418240 bytes',
      }),
    ]);
    expect(image.files.get('/etc/big')).toMatchObject({ size: 10 * 1024 ** 3, layer: 1 });
    expect(image.layers[1]!.verified).toBe(false);
    expect(image.layers[0]!.verified).toBe(true);
    expect(peakMb).toBeLessThan(64);
  });

  it('reports the same cut inside a gzip layer', async () => {
    const cut = Buffer.concat([rawHeader('etc/big', 10 * 1024 ** 3), randomBytes(1000)]);
    const layers: Layer[] = [{ tar: cut, stored: gzipSync(cut) }];
    const { image } = await measured(await save(await ociTar(ociFiles({ layers }))));
    expect(errors(image)).toEqual([
      expect.objectContaining({
        layer: 0,
        message: expect.stringContaining('truncated: it ends inside /etc/big'),
      }),
    ]);
    expect(image.layers[0]).toMatchObject({ compressed: 'gzip', verified: false });
  });

  it('stops a gzip bomb at maxLayerBytes, in bounded time and memory', async () => {
    // 8 GiB of zeros in ~8 MB: one gzip member per 64 MiB, concatenated.
    const zeros = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const stored = Buffer.concat([
      gzipSync(rawHeader('bomb', 8 * 1024 ** 3)),
      ...Array.from({ length: 128 }, () => zeros),
    ]);
    const path = await save(await ociTar(ociFiles({ layers: [{ tar: Buffer.alloc(0), stored }] })));
    const { image, ms, peakMb } = await measured(path, { maxLayerBytes: 256 * 1024 * 1024 });
    expect(errors(image)).toEqual([
      expect.objectContaining({
        layer: 0,
        message: expect.stringContaining('more than 268435456 bytes uncompressed (a decompression bomb?)'),
      }),
    ]);
    expect(image.files.get('/bomb')).toMatchObject({ size: 8 * 1024 ** 3 });
    // The blob itself is the one the manifest names: it is read to the end and hashed, but not complete.
    expect(image.layers[0]).toMatchObject({ compressed: 'gzip', verified: false, size: stored.length });
    expect(ms).toBeLessThan(10_000);
    expect(peakMb).toBeLessThan(128);
  });

  it('stops at maxImageBytes over all layers', async () => {
    const big = layer(await tarOf([{ name: 'a', body: Buffer.alloc(600_000) }]));
    const { image } = await measured(await save(await dockerArchive({ layers: [big, big, big] })), {
      maxImageBytes: 1_000_000,
    });
    expect(errors(image).map((p) => p.layer)).toEqual([1, 2]);
    expect(image.layers.map((l) => l.verified)).toEqual([true, false, false]);
  });

  it('says a zstd layer is not supported, and still checks its digest', async () => {
    const zstd = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), randomBytes(100)]);
    const { image } = await measured(
      await save(await ociTar(ociFiles({ layers: [await base(), { tar: zstd, stored: zstd }] }))),
    );
    expect(errors(image)).toEqual([
      expect.objectContaining({
        layer: 1,
        message: expect.stringContaining('zstd-compressed, which is not supported'),
      }),
    ]);
    expect(image.layers[1]).toMatchObject({ compressed: 'zstd', verified: false });
    expect(image.files.has('/etc/passwd')).toBe(true);
  });

  it('names xz and bzip2 layers as unsupported', async () => {
    const xz = Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), randomBytes(100)]);
    const bzip2 = Buffer.concat([Buffer.from('BZh9'), Buffer.from('314159265359', 'hex'), randomBytes(100)]);
    const { image } = await measured(
      await save(
        await dockerArchive({
          layers: [
            { tar: xz, stored: xz },
            { tar: bzip2, stored: bzip2 },
          ],
        }),
      ),
    );
    expect(image.layers.map((l) => l.compressed)).toEqual(['xz', 'bzip2']);
    expect(errors(image).map((p) => p.message)).toEqual([
      'the layer is xz-compressed, which is not supported yet: its files are not read',
      'the layer is bzip2-compressed, which is not supported yet: its files are not read',
    ]);
  });

  it('reports a corrupt gzip layer and a layer that is no tar', async () => {
    const good = await base();
    const corrupt = Buffer.from(gzipSync(Buffer.concat([good.tar, randomBytes(50_000)])));
    corrupt.fill(0x55, 200, 400);
    const junk = randomBytes(4096);
    const { image } = await measured(
      await save(
        await ociTar(
          ociFiles({ layers: [good, { tar: corrupt, stored: corrupt }, { tar: junk, stored: junk }] }),
        ),
      ),
    );
    expect(errors(image)).toEqual([
      expect.objectContaining({
        layer: 1,
        message: expect.stringMatching(/gzip stream is corrupt|not a readable tar/),
      }),
      expect.objectContaining({ layer: 2, message: expect.stringContaining('not a readable tar') }),
    ]);
    expect(image.layers.map((l) => l.verified)).toEqual([true, false, false]);
  });
});

describe('archives that do not add up', () => {
  it('reports a layer the manifest names but the archive lacks, and reads the others', async () => {
    const first = await base();
    const second = layer(await tarOf([{ name: 'app', body: 'x' }]));
    const config = configFor([first, second]);
    const configName = `${hexOf(sha256Of(Buffer.from(JSON.stringify(config))))}.json`;
    const archive = await dockerArchive({
      layers: [first],
      config,
      manifest: [
        { Config: configName, RepoTags: ['x:1'], Layers: [layerMember(first, 0), 'nothere/layer.tar', 42] },
      ],
    });
    const { image } = await measured(await save(archive));
    expect(errors(image)).toEqual([
      expect.objectContaining({
        layer: 2,
        message: 'manifest.json names layer 2 as 42, which is no path inside the archive',
      }),
      expect.objectContaining({ message: "the manifest lists 3 layers, the config's rootfs.diff_ids 2" }),
      expect.objectContaining({
        layer: 1,
        path: 'nothere/layer.tar',
        message: expect.stringMatching(
          /^layer 1 \(sha256:[0-9a-f]{12}\) is missing: nothere\/layer.tar is not in the archive/,
        ),
      }),
      expect.objectContaining({
        layer: 2,
        message: 'layer 2 is missing: the manifest names no blob for it; its files are not in the index',
      }),
    ]);
    expect(image.layers.map((l) => l.verified)).toEqual([true, false, false]);
    expect(image.files.has('/etc/passwd')).toBe(true);
  });

  it('reports a missing OCI layer blob and a missing config', async () => {
    const first = await base();
    const second = layer(await tarOf([{ name: 'app', body: 'x' }]), true);
    const files = ociFiles({ layers: [first, second] });
    files.delete(`blobs/sha256/${hexOf(sha256Of(second.stored))}`);
    const { image } = await measured(await writeOciDir(join(dir, `oci-${serial++}`), files));
    expect(errors(image)).toEqual([
      expect.objectContaining({
        layer: 1,
        message: expect.stringMatching(
          /^layer 1 \(sha256:[0-9a-f]{12}\) is missing: blobs\/sha256\/[0-9a-f]{64} is not in the directory/,
        ),
      }),
    ]);
    expect(image.files.has('/etc/passwd')).toBe(true);

    const noConfig = ociFiles({ layers: [first] });
    const configName = [...noConfig.keys()].find((name) =>
      noConfig.get(name)!.toString().includes('"rootfs"'),
    )!;
    noConfig.delete(configName);
    const { image: withoutConfig } = await measured(await save(await ociTar(noConfig)));
    expect(withoutConfig.config).toMatchObject({
      raw: undefined,
      verified: false,
      digest: `sha256:${configName.split('/').at(-1)}`,
    });
    expect(errors(withoutConfig)[0]?.message).toContain('the image config cannot be read');
    expect(withoutConfig.files.has('/etc/passwd')).toBe(true);
  });

  it('reports a layer whose bytes do not match its digest', async () => {
    const good = await base();
    const tampered = Buffer.from(good.tar);
    tampered[tampered.indexOf('root:x') + 5] = 0x2a; // root:* — same length, still a tar
    const files = ociFiles({ layers: [good] });
    files.set(`blobs/sha256/${hexOf(sha256Of(good.stored))}`, tampered);
    const { image } = await measured(await save(await ociTar(files)));
    expect(errors(image).map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^layer 0 \(sha256:[0-9a-f]{12}\) does not match its digest: its bytes hash to sha256:/,
      ),
      expect.stringMatching(/its tar hashes to sha256:[0-9a-f]{12}, the config's diff_id is sha256:/),
    ]);
    expect(image.layers[0]!.verified).toBe(false);
    // The content is read all the same: a rule can still look at it, knowing it is unverified.
    expect(image.contents.get('/etc/passwd')?.text).toContain('root:*');
  });

  it('reports a docker-archive layer that does not match the config diff_id', async () => {
    const good = await base();
    const config = configFor([good]);
    (config.rootfs as { diff_ids: string[] }).diff_ids = [`sha256:${'0'.repeat(64)}`];
    const { image } = await measured(await save(await dockerArchive({ layers: [good], config })));
    expect(errors(image)).toEqual([
      expect.objectContaining({
        layer: 0,
        message: expect.stringContaining("the config's diff_id is sha256:000000000000"),
      }),
    ]);
    expect(image.layers[0]!.verified).toBe(false);
    expect(image.config.verified).toBe(true);
  });

  it('refuses digests that are no digests (no path is made of them)', async () => {
    const files = ociFiles({ layers: [await base()] });
    files.set(
      'index.json',
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          manifests: [
            {
              mediaType: 'application/vnd.oci.image.manifest.v1+json',
              digest: 'sha256:../../../../etc/passwd',
              size: 1,
            },
          ],
        }),
      ),
    );
    const error = await readImage(await save(await ociTar(files))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageError);
    expect((error as Error).message).toContain('index.json lists no image manifest');
  });

  it('stops following nested indexes after 4 levels', async () => {
    const first = await base();
    const files = ociFiles({ layers: [first] });
    const index = JSON.parse(files.get('index.json')!.toString()) as { manifests: unknown[] };
    let top = index.manifests[0];
    for (let i = 0; i < 6; i++) {
      const nested = Buffer.from(
        JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [top] }),
      );
      files.set(`blobs/sha256/${hexOf(sha256Of(nested))}`, nested);
      top = { mediaType: OCI_INDEX, digest: sha256Of(nested), size: nested.length };
    }
    files.set('index.json', Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [top] })));
    const error = await readImage(await save(await ociTar(files))).catch((e: unknown) => e);
    expect((error as Error).message).toContain('lists no image manifest');
  });

  it('reports a truncated outer archive', async () => {
    const full = await dockerArchive({
      layers: [await base(), layer(await tarOf([{ name: 'big', body: randomBytes(100_000) }]))],
    });
    const path = await save(full.subarray(0, 60_000));
    const error = await readImage(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageError);
    expect((error as Error).message).toMatch(
      /cannot be read as an image: the archive is truncated: [0-9a-f]{64}\/layer\.tar declares \d+ bytes but the file ends \d+ bytes after its header/,
    );
  });

  it('follows layer members that link to others, as docker save writes shared layers, but not in circles', async () => {
    const first = await base();
    const config = configFor([first, first, first]);
    const configName = `${hexOf(sha256Of(Buffer.from(JSON.stringify(config))))}.json`;
    const archive = await dockerArchive({
      layers: [first],
      config,
      manifest: [
        { Config: configName, Layers: [layerMember(first, 0), 'shared/layer.tar', 'loop/layer.tar'] },
      ],
      extra: [
        { name: 'shared/layer.tar', type: 'symlink', linkname: `../${layerMember(first, 0)}` },
        { name: 'loop/layer.tar', type: 'symlink', linkname: '../loop2/layer.tar' },
        { name: 'loop2/layer.tar', type: 'symlink', linkname: '../loop/layer.tar' },
      ],
    });
    const { image } = await measured(await save(archive));
    expect(image.reference).toBeUndefined();
    expect(image.layers.map((l) => l.verified)).toEqual([true, true, false]);
    expect(errors(image)).toEqual([
      expect.objectContaining({
        layer: 2,
        message: expect.stringContaining('is missing: loop/layer.tar: too many links'),
      }),
    ]);
    expect(image.files.get('/etc/passwd')?.layer).toBe(1);
  });

  it('reports archive members climbing out of the archive', async () => {
    const archive = await dockerArchive({
      layers: [await base()],
      extra: [{ name: '../../evil', body: 'x' }],
    });
    const { image } = await measured(await save(archive));
    expect(errors(image)).toEqual([
      expect.objectContaining({
        message: 'the archive has a member whose name climbs out of it: "../../evil"',
      }),
    ]);
    expect(image.files.has('/etc/passwd')).toBe(true);
  });

  it('refuses an OCI directory blob that links outside the directory', async () => {
    const first = await base();
    const files = ociFiles({ layers: [first] });
    const name = `blobs/sha256/${hexOf(sha256Of(first.stored))}`;
    files.delete(name);
    const layout = await writeOciDir(join(dir, `oci-${serial++}`), files);
    const outside = join(dir, `outside-${serial++}`);
    await writeFile(outside, first.stored);
    await symlink(outside, join(layout, name));
    const { image } = await measured(layout);
    expect(errors(image)).toEqual([
      expect.objectContaining({
        layer: 0,
        message: expect.stringContaining(`${name} links outside the directory`),
      }),
    ]);
  });

  it('refuses what is no image, a compressed archive and oversized JSON', async () => {
    const random = await save(randomBytes(10_000));
    await expect(readImage(random)).rejects.toThrow(
      /cannot be read as an image: the archive has a corrupt tar header at byte 0/,
    );
    const plain = await save(await tarOf([{ name: 'hello.txt', body: 'hi' }]));
    await expect(readImage(plain)).rejects.toThrow(
      /is not an image: the archive has no manifest.json \(docker save\) and no index.json/,
    );
    const gz = await save(gzipSync(await dockerArchive({ layers: [await base()] })));
    await expect(readImage(gz)).rejects.toThrow('is gzip-compressed: decompress it first');
    const big = await save(await dockerArchive({ layers: [await base()] }));
    await expect(readImage(big, { maxJsonBytes: 100 })).rejects.toThrow(
      /manifest.json cannot be read: manifest.json is \d+ bytes, more than the 100 read/,
    );
    await mkdir(join(dir, 'empty-dir'));
    await expect(readImage(join(dir, 'empty-dir'))).rejects.toThrow(
      /is not an image: the directory has no manifest.json/,
    );
    await expect(readImage(join(dir, 'nothing-here'))).rejects.toThrow(ImageError);
  });
});
