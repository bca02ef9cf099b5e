// `docker save` archives: manifest.json lists, per image, the config file, the repo tags and the layer tars in
// order (`<id>/layer.tar` up to Docker 24, `blobs/sha256/<hex>` from Docker 25, which also writes an OCI
// index.json beside it). The layer tars are uncompressed as docker writes them; gzip ones are read too.
import { digestOfBlobPath, parseDigest, type Digest } from './digest.js';
import { isObject, readJson, type JsonReader } from './json-blob.js';
import type { ImagePlan, LayerPlan } from './plan.js';
import { ImageError } from './problems.js';
import { normalizeMemberName } from './tar-index.js';

/** The digest a docker-archive member name carries: `<hex>.json` configs, `blobs/sha256/<hex>` blobs. */
function digestOfMember(member: string): Digest | undefined {
  const legacy = /^([0-9a-f]{64})\.json$/.exec(member);
  if (legacy) return parseDigest(`sha256:${legacy[1]}`);
  return digestOfBlobPath(member);
}

export async function planDockerArchive(reader: JsonReader, source: string): Promise<ImagePlan> {
  const manifest = await readJson(reader, 'manifest.json', 'manifest.json');
  if (manifest === undefined) {
    throw new ImageError(`${source}: ${lastProblem(reader)}`, source);
  }
  const images = manifest.value;
  if (!Array.isArray(images) || images.length === 0 || !isObject(images[0])) {
    throw new ImageError(`${source}: manifest.json lists no image`, source);
  }
  const image = images[0];
  const tags = Array.isArray(image.RepoTags)
    ? image.RepoTags.filter((tag): tag is string => typeof tag === 'string')
    : [];
  if (images.length > 1) {
    reader.problems.warning(
      `the archive holds ${images.length} images: the first (${tags[0] ?? 'untagged'}) is read`,
      { path: 'manifest.json' },
    );
  }
  const configName = typeof image.Config === 'string' ? image.Config : undefined;
  const configMember = configName === undefined ? undefined : normalizeMemberName(configName);
  if (configMember === undefined) {
    reader.problems.error(
      configName === undefined
        ? 'manifest.json names no config'
        : `manifest.json names a config outside the archive: ${JSON.stringify(configName)}`,
      { path: 'manifest.json' },
    );
  }
  const configDigest = configMember === undefined ? undefined : digestOfMember(configMember);
  const layerNames: unknown[] = Array.isArray(image.Layers) ? image.Layers : [];
  if (!Array.isArray(image.Layers)) {
    reader.problems.error('manifest.json lists no layers', { path: 'manifest.json' });
  }
  const layers: LayerPlan[] = layerNames.map((name, index) => {
    const member = typeof name === 'string' ? normalizeMemberName(name) : undefined;
    if (member === undefined || member === '') {
      reader.problems.error(
        `manifest.json names layer ${index} as ${JSON.stringify(name)}, which is no path inside the archive`,
        { layer: index, path: 'manifest.json' },
      );
      return { member: undefined };
    }
    const expected = digestOfBlobPath(member);
    return { member, ...(expected ? { expected } : {}) };
  });
  return {
    format: 'docker-archive',
    ...(tags[0] !== undefined ? { reference: tags[0] } : {}),
    otherPlatforms: [],
    config: { member: configMember, ...(configDigest ? { expected: configDigest } : {}) },
    layers,
  };
}

export function lastProblem(reader: JsonReader): string {
  return reader.problems.list[reader.problems.list.length - 1]?.message ?? 'unknown';
}
