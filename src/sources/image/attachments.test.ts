// Signatures and attestations beside an image in an OCI layout: cosign's `sha256-<hex>.sig` tags, OCI 1.1
// referrers (a descriptor with an artifactType) and buildx attestation manifests are listed in
// `attachments` and never read as the image, wherever they stand in the index.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageError, readImage, type ImageContents } from './index.js';
import {
  configFor,
  dockerArchive,
  hexOf,
  layer,
  OCI_INDEX,
  OCI_MANIFEST,
  ociFiles,
  ociTar,
  sha256Of,
  tarOf,
  writeOciDir,
  type Layer,
} from './test-support.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
const EMPTY = Buffer.from('{}');
const EMPTY_CONFIG = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: sha256Of(EMPTY),
  size: EMPTY.length,
};

let dir: string;
let imageLayer: Layer;
/** The image's own manifest (bytes and descriptor) as ociFiles writes it. */
let imageManifest: { digest: string; size: number };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dt10-attachments-'));
  imageLayer = layer(await tarOf([{ name: 'etc/hostname', body: 'app\n' }]), true);
  const plain = JSON.parse(
    ociFiles({ layers: [imageLayer] })
      .get('index.json')!
      .toString(),
  ) as { manifests: { digest: string; size: number }[] };
  imageManifest = { digest: plain.manifests[0]!.digest, size: plain.manifests[0]!.size };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A JSON blob and its descriptor fields. */
function blob(value: unknown): { bytes: Buffer; digest: string; size: number } {
  const bytes = Buffer.from(JSON.stringify(value));
  return { bytes, digest: sha256Of(bytes), size: bytes.length };
}

/** An artifact manifest about the image (OCI 1.1 `subject`), of `artifactType`. */
function referrer(artifactType: string, payload = 'payload') {
  const layerBytes = Buffer.from(payload);
  return blob({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType,
    config: EMPTY_CONFIG,
    layers: [{ mediaType: artifactType, digest: sha256Of(layerBytes), size: layerBytes.length }],
    subject: { mediaType: OCI_MANIFEST, ...imageManifest },
  });
}

/** cosign's signature manifest: an image manifest whose one layer is the simple-signing payload. */
function cosignManifest(kind: 'sig' | 'att' | 'sbom') {
  const payload = Buffer.from(
    JSON.stringify({ critical: { image: { 'docker-manifest-digest': imageManifest.digest } } }),
  );
  return blob({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { ...EMPTY_CONFIG, mediaType: 'application/vnd.oci.image.config.v1+json' },
    layers: [
      {
        mediaType:
          kind === 'sig'
            ? 'application/vnd.dev.cosign.simplesigning.v1+json'
            : 'application/vnd.dsse.envelope.v1+json',
        digest: sha256Of(payload),
        size: payload.length,
        annotations: kind === 'sig' ? { 'dev.cosignproject.cosign/signature': 'MEUCIQ…' } : {},
      },
    ],
  });
}

/** `sha256-<hex>.sig`: the tag cosign gives the signature of the image manifest. */
const cosignTag = (suffix: 'sig' | 'att' | 'sbom') => `sha256-${hexOf(imageManifest.digest)}.${suffix}`;

/**
 * An OCI layout tarball holding the test image (ref `registry.example.com/app:1.0`) and `extra` index
 * entries, `before` the image's own entry or after it; `blobs` are stored too.
 */
async function layout(
  name: string,
  extra: Record<string, unknown>[],
  blobs: Buffer[],
  before = false,
): Promise<ImageContents> {
  const own = {
    mediaType: OCI_MANIFEST,
    ...imageManifest,
    annotations: { [REF_NAME]: 'registry.example.com/app:1.0' },
  };
  const files = ociFiles({
    layers: [imageLayer],
    blobs,
    index: { schemaVersion: 2, manifests: before ? [...extra, own] : [own, ...extra] },
  });
  const path = join(dir, `${name}.tar`);
  await writeFile(path, await ociTar(files));
  return readImage(path);
}

/** What every case must still read: the image, not an attachment. */
function expectTheImage(image: ImageContents): void {
  expect(image).toMatchObject({
    format: 'oci-layout',
    reference: 'registry.example.com/app:1.0',
    manifestDigest: imageManifest.digest,
    platform: 'linux/amd64',
    otherPlatforms: [],
    problems: [],
  });
  expect(image.layers).toHaveLength(1);
  expect(image.files.has('/etc/hostname')).toBe(true);
}

describe('OCI layout attachments', () => {
  it('lists none for a layout with only the image, and none at all for a docker archive', async () => {
    const image = await layout('plain', [], []);
    expectTheImage(image);
    expect(image.attachments).toEqual([]);

    const path = join(dir, 'docker.tar');
    await writeFile(path, await dockerArchive({ layers: [imageLayer], config: configFor([imageLayer]) }));
    expect((await readImage(path)).attachments).toBeUndefined();
  });

  describe('cosign tags', () => {
    for (const before of [false, true])
      it(`lists a .sig tag manifest as a signature, not as the image (${before ? 'listed first' : 'listed after the image'})`, async () => {
        const signature = cosignManifest('sig');
        const image = await layout(
          `cosign-sig-${before}`,
          [
            {
              mediaType: OCI_MANIFEST,
              digest: signature.digest,
              size: signature.size,
              annotations: { [REF_NAME]: cosignTag('sig') },
            },
          ],
          [signature.bytes],
          before,
        );
        expectTheImage(image);
        expect(image.attachments).toEqual([
          { kind: 'signature', how: 'cosign .sig tag', digest: signature.digest },
        ]);
      });

    it('recognises the tag in a full reference, and .att and .sbom tags', async () => {
      const sig = cosignManifest('sig');
      const att = cosignManifest('att');
      const sbom = blob({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: EMPTY_CONFIG,
        layers: [],
        n: 3,
      });
      const image = await layout(
        'cosign-all',
        [
          {
            mediaType: OCI_MANIFEST,
            digest: sig.digest,
            size: sig.size,
            annotations: { [REF_NAME]: `registry.example.com/app:${cosignTag('sig')}` },
          },
          {
            mediaType: OCI_MANIFEST,
            digest: att.digest,
            size: att.size,
            annotations: { [REF_NAME]: cosignTag('att') },
          },
          {
            mediaType: OCI_MANIFEST,
            digest: sbom.digest,
            size: sbom.size,
            annotations: { [REF_NAME]: cosignTag('sbom') },
          },
        ],
        [sig.bytes, att.bytes, sbom.bytes],
      );
      expectTheImage(image);
      expect(image.attachments).toEqual(
        expect.arrayContaining([
          { kind: 'signature', how: 'cosign .sig tag', digest: sig.digest },
          { kind: 'attestation', how: 'cosign .att tag', digest: att.digest },
          { kind: 'sbom', how: 'cosign .sbom tag', digest: sbom.digest },
        ]),
      );
      expect(image.attachments).toHaveLength(3);
    });

    it('does not take a tag that only looks like one for a signature', async () => {
      // `sha256-<short>.sig` is not cosign's scheme (the full 64-hex digest is): an ordinary second image.
      const other = await layout(
        'not-cosign',
        [
          {
            mediaType: OCI_MANIFEST,
            ...imageManifest,
            annotations: { [REF_NAME]: 'sha256-abc.sig' },
          },
        ],
        [],
      );
      expect(other.attachments).toEqual([]);
    });
  });

  describe('OCI 1.1 referrers', () => {
    const cases: [string, string][] = [
      ['application/vnd.dev.sigstore.bundle.v0.3+json', 'signature'],
      ['application/vnd.cncf.notary.signature', 'signature'],
      ['application/spdx+json', 'sbom'],
      ['application/vnd.cyclonedx+json', 'sbom'],
      ['application/vnd.in-toto+json', 'attestation'],
      ['application/vnd.slsa.provenance+json', 'provenance'],
      ['application/vnd.example.readme', 'artifact'],
    ];
    for (const [artifactType, kind] of cases)
      it(`lists a referrer of artifactType ${artifactType} as ${kind}, listed before the image`, async () => {
        const manifest = referrer(artifactType);
        const image = await layout(
          `referrer-${kind}-${hexOf(manifest.digest).slice(0, 8)}`,
          [{ mediaType: OCI_MANIFEST, digest: manifest.digest, size: manifest.size, artifactType }],
          [manifest.bytes],
          true,
        );
        expectTheImage(image);
        expect(image.attachments).toEqual([
          { kind, how: `referrer ${artifactType}`, digest: manifest.digest },
        ]);
      });

    it('lists a referrer even when its blob is not in the layout', async () => {
      const manifest = referrer('application/vnd.dev.sigstore.bundle.v0.3+json', 'elsewhere');
      const image = await layout(
        'referrer-no-blob',
        [
          {
            mediaType: OCI_MANIFEST,
            digest: manifest.digest,
            size: manifest.size,
            artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          },
        ],
        [],
      );
      expectTheImage(image);
      expect(image.attachments).toEqual([
        {
          kind: 'signature',
          how: 'referrer application/vnd.dev.sigstore.bundle.v0.3+json',
          digest: manifest.digest,
        },
      ]);
    });
  });

  describe('buildx attestation manifests', () => {
    /** A buildx-style index: the image manifest for linux/amd64 and an attestation manifest beside it. */
    async function buildxLayout(
      name: string,
      annotated: boolean,
    ): Promise<{ image: ImageContents; digest: string }> {
      const statement = Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1' }));
      const attestation = blob({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { ...EMPTY_CONFIG, mediaType: 'application/vnd.oci.image.config.v1+json' },
        layers: [
          {
            mediaType: 'application/vnd.in-toto+json',
            digest: sha256Of(statement),
            size: statement.length,
            annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
          },
        ],
      });
      const nested = blob({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          {
            mediaType: OCI_MANIFEST,
            digest: attestation.digest,
            size: attestation.size,
            platform: { os: 'unknown', architecture: 'unknown' },
            ...(annotated
              ? {
                  annotations: {
                    'vnd.docker.reference.type': 'attestation-manifest',
                    'vnd.docker.reference.digest': imageManifest.digest,
                  },
                }
              : {}),
          },
          {
            mediaType: OCI_MANIFEST,
            ...imageManifest,
            platform: { os: 'linux', architecture: 'amd64' },
          },
        ],
      });
      const files = ociFiles({
        layers: [imageLayer],
        blobs: [attestation.bytes, nested.bytes, statement],
        index: {
          schemaVersion: 2,
          manifests: [
            {
              mediaType: OCI_INDEX,
              digest: nested.digest,
              size: nested.size,
              annotations: { [REF_NAME]: 'registry.example.com/app:1.0' },
            },
          ],
        },
      });
      const path = join(dir, `${name}.tar`);
      await writeFile(path, await ociTar(files));
      return { image: await readImage(path), digest: attestation.digest };
    }

    it('lists an attestation manifest (vnd.docker.reference.type) and reads the image beside it', async () => {
      const { image, digest } = await buildxLayout('buildx', true);
      expectTheImage(image);
      expect(image.attachments).toEqual([
        { kind: 'attestation', how: 'buildx attestation manifest (in-toto SBOM/provenance)', digest },
      ]);
    });

    it('lists a manifest for platform unknown/unknown without the annotation as an attestation', async () => {
      const { image, digest } = await buildxLayout('buildx-unannotated', false);
      expectTheImage(image);
      expect(image.attachments).toEqual([
        { kind: 'attestation', how: 'manifest for platform unknown/unknown', digest },
      ]);
    });

    it('reads the same from a layout directory', async () => {
      const signature = cosignManifest('sig');
      const files = ociFiles({
        layers: [imageLayer],
        blobs: [signature.bytes],
        index: {
          schemaVersion: 2,
          manifests: [
            {
              mediaType: OCI_MANIFEST,
              digest: signature.digest,
              size: signature.size,
              annotations: { [REF_NAME]: cosignTag('sig') },
            },
            {
              mediaType: OCI_MANIFEST,
              ...imageManifest,
              annotations: { [REF_NAME]: 'registry.example.com/app:1.0' },
            },
          ],
        },
      });
      const image = await readImage(await writeOciDir(join(dir, 'layout-dir'), files));
      expectTheImage(image);
      expect(image.attachments).toEqual([
        { kind: 'signature', how: 'cosign .sig tag', digest: signature.digest },
      ]);
    });
  });

  it('refuses a layout that holds only attachments: there is no image to read', async () => {
    const signature = cosignManifest('sig');
    const bundle = referrer('application/vnd.dev.sigstore.bundle.v0.3+json');
    const files = ociFiles({
      layers: [imageLayer],
      blobs: [signature.bytes, bundle.bytes],
      index: {
        schemaVersion: 2,
        manifests: [
          {
            mediaType: OCI_MANIFEST,
            digest: signature.digest,
            size: signature.size,
            annotations: { [REF_NAME]: cosignTag('sig') },
          },
          {
            mediaType: OCI_MANIFEST,
            digest: bundle.digest,
            size: bundle.size,
            artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          },
        ],
      },
    });
    const path = join(dir, 'only-attachments.tar');
    await writeFile(path, await ociTar(files));
    const error = await readImage(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageError);
    expect((error as Error).message).toBe(`${path}: index.json lists no image manifest`);
  });
});
