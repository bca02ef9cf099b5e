// Rule examples and test cases for images are YAML that describes an image; this builds it as a real
// archive (docker save layout, or an OCI layout tar) with the same builders the reader's tests use, so an
// image rule is tested through the real reader:
//
//   config: { User: root, Env: [API_TOKEN=…], ExposedPorts: { 22/tcp: {} } }   # merged over the defaults
//   created: 2026-10-01T00:00:00Z
//   layers:                       # bottom first; each maps a path to its content or to its entry
//     - /etc/os-release: "ID=debian\nVERSION_ID=\"12\"\n"
//       /usr/bin/passwd: { mode: "4755" }
//     - /root/.ssh/id_rsa: { deleted: true }   # a whiteout
//   history: [ "RUN …" ]          # created_by of each layer (default: step N)
//   format: oci-layout            # default docker-archive
//   attachments: [ signature ]    # OCI only: referrers listed in index.json (signature, attestation, sbom,
//                                 # provenance), or cosign-signature: a `sha256-<hex>.sig` tag manifest
//   refName: app:latest           # OCI only: the image's ref name (default registry.example.com/app:1.0)
//   repoTags: [ app:latest ]      # docker-archive only: manifest.json RepoTags (default example/image:1)
//   tampered: [ 1 ]               # layers whose config diff_id is not their tar's digest (a swapped layer)
//   repoDigests: [ ]              # what an engine would report as RepoDigests (archives carry none)
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  configFor,
  dockerArchive,
  layer,
  ociFiles,
  ociTar,
  OCI_MANIFEST,
  sha256Of,
  tarOf,
  type EntrySpec,
  type Layer,
} from '../src/sources/image/test-support.js';
import { readImageFile } from '../src/scan/judge-images.js';
import type { ImageSpec } from '../src/subjects/index.js';

/** How findings name an image example: as if `images/app.tar` had been scanned. */
export const EXAMPLE_IMAGE = 'images/app.tar';

interface FileSpec {
  body?: string;
  mode?: string | number;
  uid?: number;
  gid?: number;
  type?: 'file' | 'directory' | 'symlink';
  target?: string;
  deleted?: boolean;
  /** A file of this many bytes (of `x`): for size-dependent checks. */
  size?: number;
}

interface ImageExample {
  config?: Record<string, unknown>;
  created?: string;
  history?: string[];
  layers?: Record<string, string | FileSpec | null>[];
  format?: 'docker-archive' | 'oci-layout';
  attachments?: ('signature' | 'attestation' | 'sbom' | 'provenance' | 'cosign-signature')[];
  refName?: string;
  repoTags?: string[];
  tampered?: number[];
  repoDigests?: string[];
}

const ATTACHMENT_TYPES = {
  signature: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  attestation: 'application/vnd.in-toto+json',
  sbom: 'application/spdx+json',
  provenance: 'application/vnd.slsa.provenance+json',
} as const;

function entriesOf(files: Record<string, string | FileSpec | null>): EntrySpec[] {
  const entries: EntrySpec[] = [];
  for (const [path, value] of Object.entries(files)) {
    const spec: FileSpec = typeof value === 'string' ? { body: value } : (value ?? {});
    const name = path.replace(/^\//, '');
    if (spec.deleted) {
      const slash = name.lastIndexOf('/');
      entries.push({ name: `${name.slice(0, slash + 1)}.wh.${name.slice(slash + 1)}`, body: '' });
      continue;
    }
    const mode = typeof spec.mode === 'string' ? parseInt(spec.mode, 8) : spec.mode;
    entries.push({
      name,
      type: spec.type === 'symlink' ? 'symlink' : (spec.type ?? 'file'),
      ...(mode !== undefined ? { mode } : {}),
      ...(spec.uid !== undefined ? { uid: spec.uid } : {}),
      ...(spec.gid !== undefined ? { gid: spec.gid } : {}),
      ...(spec.target !== undefined ? { linkname: spec.target } : {}),
      ...(spec.type !== 'directory' && spec.type !== 'symlink'
        ? { body: spec.size !== undefined ? 'x'.repeat(spec.size) : (spec.body ?? '') }
        : {}),
    });
  }
  return entries;
}

/** The archive bytes an example describes, and the file name it is written under. */
export async function buildExample(yaml: string): Promise<{ bytes: Buffer; name: string }> {
  const example = (parse(yaml) ?? {}) as ImageExample;
  const layers: Layer[] = [];
  for (const files of example.layers ?? [{ '/etc/hostname': 'app\n' }])
    layers.push(layer(await tarOf(entriesOf(files ?? {})), true));
  const base = configFor(layers);
  const diffIds = (base.rootfs as { diff_ids: string[] }).diff_ids;
  for (const index of example.tampered ?? [])
    diffIds[index] = sha256Of(Buffer.from(`layer ${index} as it was built, before it was swapped`));
  const config = {
    ...base,
    created: example.created ?? '2026-10-20T00:00:00Z',
    config: { User: '10001', Cmd: ['app'], ...example.config },
    ...(example.history
      ? {
          history: example.history.map((createdBy, index) => ({
            created_by: createdBy,
            ...(index >= layers.length ? { empty_layer: true } : {}),
          })),
        }
      : {}),
  };
  if ((example.format ?? 'docker-archive') === 'docker-archive')
    return {
      bytes: await dockerArchive({
        layers,
        config,
        ...(example.repoTags ? { repoTags: example.repoTags } : {}),
      }),
      name: 'image.tar',
    };
  const kinds = example.attachments ?? [];
  const attachments = kinds.map((kind) =>
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        ...(kind === 'cosign-signature' ? {} : { artifactType: ATTACHMENT_TYPES[kind] }),
        config: {
          mediaType:
            kind === 'cosign-signature'
              ? 'application/vnd.oci.image.config.v1+json'
              : 'application/vnd.oci.empty.v1+json',
          digest: sha256Of(Buffer.from('{}')),
          size: 2,
        },
        layers: [],
      }),
    ),
  );
  const files = ociFiles({
    layers,
    config,
    refName: example.refName ?? 'registry.example.com/app:1.0',
    blobs: attachments,
  });
  if (attachments.length > 0) {
    const index = JSON.parse(files.get('index.json')!.toString()) as {
      manifests: Record<string, unknown>[];
    };
    const image = String(index.manifests[0]!.digest);
    for (const [i, bytes] of attachments.entries()) {
      const kind = kinds[i]!;
      index.manifests.push({
        mediaType: OCI_MANIFEST,
        digest: sha256Of(bytes),
        size: bytes.length,
        ...(kind === 'cosign-signature'
          ? { annotations: { 'org.opencontainers.image.ref.name': `sha256-${image.slice(7)}.sig` } }
          : { artifactType: ATTACHMENT_TYPES[kind] }),
      });
    }
    files.set('index.json', Buffer.from(JSON.stringify(index)));
  }
  return { bytes: await ociTar(files), name: 'image-oci.tar' };
}

/** Builds the example, writes it to a temporary file and reads it as `dt10 scan --image` would. */
export async function readExample(yaml: string): Promise<ImageSpec> {
  const { bytes, name } = await buildExample(yaml);
  const dir = await mkdtemp(join(tmpdir(), 'dt10-image-example-'));
  try {
    const path = join(dir, name);
    await writeFile(path, bytes);
    const { repoDigests } = (parse(yaml) ?? {}) as ImageExample;
    const read = await readImageFile(
      path,
      { image: EXAMPLE_IMAGE, archive: EXAMPLE_IMAGE, ...(repoDigests ? { repoDigests } : {}) },
      {},
    );
    if (read.spec === undefined)
      throw new Error(`the example image does not read: ${JSON.stringify(read.errors)}`);
    const errors = read.errors.filter((error) => !error.message.startsWith('warning: '));
    if (errors.length > 0) throw new Error(`the example image reads with errors: ${JSON.stringify(errors)}`);
    return read.spec;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
