// Real images: built on a private dockerd (Debian's docker.io), exported with GET /images/{name}/get (a real
// `docker save` archive), and converted by Debian's skopeo to an OCI layout tarball and directory. All of them
// must read to the same filesystem, deletions, contents and config. Fails (never skips) when dockerd or skopeo
// is missing, unless DT10_SKIP_ENGINE_TESTS=1.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineDescribe, startEngine, type TestEngine } from '../../../test/engine/dockerd.js';
import { buildImage, busyboxImage, skopeoCopy } from '../../../test/engine/images.js';
import { ImageError, looksLikeImage, readImage, type ImageContents } from './index.js';
import {
  hexOf,
  layer,
  OCI_INDEX,
  OCI_MANIFEST,
  ociFiles,
  ociTar,
  sha256Of,
  tarOf,
  writeOciDir,
} from './test-support.js';

const run = promisify(execFile);
const SLOW = 120_000;
const TAG = 'dt10-test/image-reader:1';
const KEY =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';
const DOCKERFILE = `FROM dt10-test/busybox:1
COPY test.key /etc/ssl/private/test.key
RUN rm /etc/ssl/private/test.key
RUN touch /bin/su2 && chmod 4755 /bin/su2 && mkdir -p /srv/drop && chmod 777 /srv/drop
USER 0
`;

/** The parts of an image config that docker and OCI configs share (skopeo drops docker's own fields). */
function portableConfig(image: ImageContents) {
  const raw = image.config.raw as Record<string, unknown>;
  const config = raw.config as Record<string, unknown>;
  return {
    architecture: raw.architecture,
    os: raw.os,
    created: raw.created,
    user: config.User,
    cmd: config.Cmd,
    env: config.Env,
    rootfs: raw.rootfs,
    history: raw.history,
  };
}

engineDescribe('images built on a private engine', () => {
  let engine: TestEngine;
  let dir: string;
  let imageId: string;
  const paths = { docker: '', dockerDir: '', ociTar: '', ociDir: '' };
  const read: Record<keyof typeof paths, ImageContents> = {} as never;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dt10-image-read-'));
    engine = await startEngine();
    await busyboxImage(engine);
    imageId = await buildImage(engine, DOCKERFILE, TAG, { 'test.key': KEY });
    const saved = await engine.request('GET', `/images/${encodeURIComponent(TAG)}/get`, undefined, {
      timeoutMs: 60_000,
    });
    expect(saved.status).toBe(200);
    paths.docker = join(dir, 'docker.tar');
    await writeFile(paths.docker, saved.body);
    paths.dockerDir = join(dir, 'docker-dir');
    await mkdir(paths.dockerDir);
    await run('tar', ['-xf', paths.docker, '-C', paths.dockerDir]);
    paths.ociTar = join(dir, 'oci.tar');
    paths.ociDir = join(dir, 'oci-dir');
    await skopeoCopy(`docker-archive:${paths.docker}`, `oci-archive:${paths.ociTar}:${TAG}`);
    await skopeoCopy(`docker-archive:${paths.docker}`, `oci:${paths.ociDir}:${TAG}`);
    for (const key of Object.keys(paths) as (keyof typeof paths)[]) read[key] = await readImage(paths[key]);
  }, SLOW);
  afterAll(async () => {
    await engine?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, SLOW);

  it('reads the docker save archive: layers verified against the config, the final filesystem', () => {
    const image = read.docker;
    expect(image).toMatchObject({
      format: 'docker-archive',
      source: paths.docker,
      reference: TAG,
      platform: 'linux/amd64',
      otherPlatforms: [],
      config: { digest: imageId, verified: true },
      problems: [],
    });
    expect(image.manifestDigest).toBeUndefined();
    expect(image.layers).toHaveLength(4);
    for (const layer of image.layers) {
      expect(layer).toMatchObject({ compressed: 'none', verified: true, digest: layer.diffId });
    }
    expect(image.layers[2]!.createdBy).toContain('rm /etc/ssl/private/test.key');
    expect(image.files.get('/bin/su2')).toMatchObject({ type: 'file', mode: 0o4755, uid: 0, layer: 3 });
    expect(image.files.get('/srv/drop')).toMatchObject({ type: 'directory', mode: 0o777, layer: 3 });
    expect(image.files.get('/tmp')).toMatchObject({ type: 'directory', mode: 0o1777, layer: 0 });
    expect(image.files.get('/bin/sh')).toMatchObject({ type: 'symlink', linkTarget: 'busybox' });
    expect(image.files.get('/home/app')).toMatchObject({ uid: 10001, gid: 10001 });
    expect(image.files.has('/etc/ssl/private/test.key')).toBe(false);
    expect(image.files.has('/etc/ssl/private')).toBe(true);
    expect(image.contents.get('/etc/passwd')?.text).toContain('app:x:10001:10001');
    expect((image.config.raw as { config: { User: string } }).config.User).toBe('0');
  });

  it('keeps the key deleted by a later layer, with the layer that added it and the one that deleted it', () => {
    expect(read.docker.deleted).toEqual([
      {
        path: '/etc/ssl/private/test.key',
        type: 'file',
        mode: 0o644,
        uid: 0,
        gid: 0,
        size: KEY.length,
        layer: 1,
        deletedBy: 2,
        how: 'whiteout',
        content: { layer: 1, text: KEY, truncated: false },
      },
    ]);
    expect(read.docker.contents.get('/etc/ssl/private/test.key')?.text).toBe(KEY);
  });

  it('reads the OCI layout tarball and directory skopeo made from it', () => {
    const index = read.ociDir;
    for (const image of [read.ociTar, read.ociDir]) {
      expect(image).toMatchObject({
        format: 'oci-layout',
        reference: TAG,
        platform: 'linux/amd64',
        otherPlatforms: [],
        config: { verified: true },
        problems: [],
      });
      expect(image.manifestDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
      for (const layer of image.layers) {
        expect(layer).toMatchObject({
          compressed: 'gzip',
          verified: true,
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        });
      }
    }
    expect(read.ociTar.manifestDigest).toBe(index.manifestDigest);
  });

  it('gives the same result for the same image in every format', () => {
    const reference = read.docker;
    for (const image of [read.dockerDir, read.ociTar, read.ociDir]) {
      expect(image.files).toEqual(reference.files);
      expect(image.deleted).toEqual(reference.deleted);
      expect(image.contents).toEqual(reference.contents);
      expect(image.layers.map((l) => l.diffId)).toEqual(reference.layers.map((l) => l.diffId));
      expect(image.layers.map((l) => l.createdBy)).toEqual(reference.layers.map((l) => l.createdBy));
      expect(portableConfig(image)).toEqual(portableConfig(reference));
    }
    expect(read.dockerDir.config).toEqual(reference.config);
  });

  it('tells images from other files', async () => {
    expect(await looksLikeImage(paths.docker)).toBe(true);
    expect(await looksLikeImage(paths.ociTar)).toBe(true);
    expect(await looksLikeImage(paths.ociDir)).toBe(true);
    expect(await looksLikeImage(paths.dockerDir)).toBe(true);
    const head = (await readFile(paths.docker)).subarray(0, 4096);
    expect(await looksLikeImage(paths.docker, head)).toBe(true);
    const plain = join(dir, 'plain.tar');
    await writeFile(plain, await tarOf([{ name: 'manifest.txt', body: 'x' }]));
    expect(await looksLikeImage(plain)).toBe(false);
    expect(await looksLikeImage(dir)).toBe(false);
    expect(await looksLikeImage(join(dir, 'missing'))).toBe(false);
    const webApp = join(dir, 'web');
    await mkdir(webApp);
    await writeFile(join(webApp, 'manifest.json'), '{"name":"app"}');
    expect(await looksLikeImage(webApp)).toBe(false);
  });

  it('warns when the platform asked for is not the single one the image has', async () => {
    const image = await readImage(paths.docker, { platform: 'linux/arm64' });
    expect(image.platform).toBe('linux/amd64');
    expect(image.problems).toEqual([
      {
        severity: 'warning',
        message: 'platform linux/arm64 was asked for; the image is for linux/amd64 and is read',
      },
    ]);
  });

  describe('a multi-platform index (hand-built from the OCI layout)', () => {
    let multiDir: string;
    let multiTar: string;
    let amd64: string;
    let arm64: string;

    beforeAll(async () => {
      const files = new Map<string, Buffer>();
      const base = paths.ociDir;
      const index = JSON.parse(await readFile(join(base, 'index.json'), 'utf8')) as {
        manifests: { digest: string; size: number }[];
      };
      const top = index.manifests[0]!;
      amd64 = top.digest;
      const manifest = JSON.parse(await readFile(join(base, 'blobs/sha256', hexOf(amd64)), 'utf8')) as {
        config: { digest: string; size: number };
        layers: { digest: string }[];
      };
      const blob = async (digest: string) => {
        files.set(`blobs/sha256/${hexOf(digest)}`, await readFile(join(base, 'blobs/sha256', hexOf(digest))));
      };
      await blob(amd64);
      await blob(manifest.config.digest);
      for (const layer of manifest.layers) await blob(layer.digest);
      const add = (value: unknown) => {
        const bytes = Buffer.from(JSON.stringify(value));
        files.set(`blobs/sha256/${hexOf(sha256Of(bytes))}`, bytes);
        return { digest: sha256Of(bytes), size: bytes.length };
      };
      const config = JSON.parse(
        files.get(`blobs/sha256/${hexOf(manifest.config.digest)}`)!.toString(),
      ) as Record<string, unknown>;
      const armConfig = add({ ...config, architecture: 'arm64', variant: 'v8' });
      const armManifest = add({ ...manifest, config: { ...manifest.config, ...armConfig } });
      arm64 = armManifest.digest;
      const attestation = add({ ...manifest, layers: [] });
      const nested = add({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          {
            mediaType: OCI_MANIFEST,
            digest: amd64,
            size: top.size,
            platform: { os: 'linux', architecture: 'amd64' },
          },
          {
            mediaType: OCI_MANIFEST,
            ...armManifest,
            platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
          },
          {
            mediaType: OCI_MANIFEST,
            ...attestation,
            platform: { os: 'unknown', architecture: 'unknown' },
            annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
          },
        ],
      });
      files.set('oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
      files.set(
        'index.json',
        Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            manifests: [
              {
                mediaType: OCI_INDEX,
                ...nested,
                annotations: { 'org.opencontainers.image.ref.name': 'example/multi:2' },
              },
            ],
          }),
        ),
      );
      multiDir = await writeOciDir(join(dir, 'multi-dir'), files);
      multiTar = join(dir, 'multi.tar');
      await writeFile(multiTar, await ociTar(files));
    });

    it('reads linux/amd64 by default and lists the other platforms', async () => {
      for (const path of [multiDir, multiTar]) {
        const image = await readImage(path);
        expect(image).toMatchObject({
          reference: 'example/multi:2',
          platform: 'linux/amd64',
          otherPlatforms: ['linux/arm64/v8'],
          manifestDigest: amd64,
          problems: [],
        });
        expect(image.files).toEqual(read.docker.files);
      }
    });

    it('reads the platform asked for', async () => {
      for (const platform of ['linux/arm64', 'linux/arm64/v8', 'Linux/AArch64']) {
        const image = await readImage(multiTar, { platform });
        expect(image).toMatchObject({
          platform: 'linux/arm64/v8',
          otherPlatforms: ['linux/amd64'],
          manifestDigest: arm64,
          config: { verified: true, raw: { architecture: 'arm64' } },
          problems: [],
        });
        expect(image.deleted).toEqual(read.docker.deleted);
      }
    });

    it('names the platforms offered when the one asked for is not there', async () => {
      const error = await readImage(multiDir, { platform: 'linux/s390x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageError);
      expect((error as Error).message).toBe(
        `${multiDir}: no image for platform linux/s390x; the index offers linux/amd64, linux/arm64/v8 (choose one with --platform)`,
      );
      await expect(readImage(multiDir, { platform: 'amd64' })).rejects.toThrow(
        'invalid platform "amd64": expected os/arch[/variant]',
      );
    });
  });
});

describe('readImage on hand-built layouts without an engine', () => {
  it('reads an OCI directory whose index gives no platform: the config says it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dt10-image-'));
    try {
      const tarBytes = await tarOf([{ name: 'etc/os-release', body: 'ID=alpine\nVERSION_ID=3.20.0\n' }]);
      const files = ociFiles({
        layers: [layer(tarBytes, true)],
        config: {
          architecture: 'arm',
          variant: 'v7',
          os: 'linux',
          rootfs: { type: 'layers', diff_ids: [sha256Of(tarBytes)] },
        },
      });
      const image = await readImage(await writeOciDir(dir, files));
      expect(image).toMatchObject({ platform: 'linux/arm/v7', otherPlatforms: [], problems: [] });
      expect(image.contents.get('/etc/os-release')).toEqual({
        layer: 0,
        text: 'ID=alpine\nVERSION_ID=3.20.0\n',
        truncated: false,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
