// OCI image layouts (a directory, or a tarball of one): `oci-layout`, `index.json`, blobs by digest under
// `blobs/<alg>/<hex>`. The index may nest indexes (multi-platform images) and hold several images; one image
// manifest is chosen by platform, and the others' platforms are listed.
import { blobPath, formatDigest, parseDigest, short, type Digest } from './digest.js';
import { isObject, readJson, type JsonBlob, type JsonReader } from './json-blob.js';
import type { ImagePlan, LayerPlan } from './plan.js';
import { formatPlatform, parsePlatform, platformMatches, platformOf, type Platform } from './platform.js';
import { ImageError } from './problems.js';
import { lastProblem } from './docker-archive.js';
import type { ImageAttachment } from './types.js';

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
const MANIFEST_TYPES = new Set([
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
]);
/** Nested indexes followed; real ones nest once (a tag's index inside index.json). */
const MAX_DEPTH = 4;
/** Image manifests considered over the whole index. */
const MAX_CANDIDATES = 256;
const REF_NAME = 'org.opencontainers.image.ref.name';

interface Candidate {
  digest: Digest;
  size?: number;
  mediaType?: string;
  reference?: string;
  platform?: Platform;
}

export interface OciOptions {
  /** As the caller wrote it (`undefined`: the default was used). */
  platform: string | undefined;
  defaultPlatform: string;
}

export async function planOciLayout(
  reader: JsonReader,
  source: string,
  options: OciOptions,
): Promise<ImagePlan> {
  if (await reader.store.has('oci-layout')) {
    const layout = await readJson(reader, 'oci-layout', 'oci-layout');
    const version = isObject(layout?.value) ? layout.value.imageLayoutVersion : undefined;
    if (layout !== undefined && typeof version !== 'string') {
      reader.problems.warning('oci-layout has no imageLayoutVersion', { path: 'oci-layout' });
    }
  } else {
    reader.problems.warning('the layout has no oci-layout file', { path: 'oci-layout' });
  }
  const index = await readJson(reader, 'index.json', 'index.json');
  if (index === undefined) {
    throw new ImageError(`${source}: ${lastProblem(reader)}`, source);
  }
  const candidates: Candidate[] = [];
  const attachments: ImageAttachment[] = [];
  await collect(reader, index.value, 'index.json', 0, undefined, new Set(), candidates, attachments);
  // A cosign signature or attestation pushed as a tag is an image manifest to the index: not a candidate.
  for (let i = candidates.length - 1; i >= 0; i--) {
    const tagged = attachmentByTag(candidates[i]!.reference, formatDigest(candidates[i]!.digest));
    if (tagged === undefined) continue;
    attachments.push(tagged);
    candidates.splice(i, 1);
  }
  if (candidates.length === 0) throw new ImageError(`${source}: index.json lists no image manifest`, source);

  // Platforms an index does not give come from the image's config (two small reads each).
  for (const candidate of candidates) {
    if (candidate.platform !== undefined) continue;
    const manifest = await readManifest(reader, candidate);
    const config = manifest && configDescriptor(reader, manifest, true);
    if (config === undefined) continue;
    const blob = await readJson(
      reader,
      blobPath(config.digest),
      'the image config',
      config.digest,
      config.size,
    );
    const platform = platformOf(blob?.value);
    if (platform !== undefined) candidate.platform = platform;
  }

  const want = parsePlatform(options.platform ?? options.defaultPlatform);
  if (want === undefined) {
    throw new ImageError(
      `invalid platform ${JSON.stringify(options.platform)}: expected os/arch[/variant]`,
      source,
    );
  }
  const described = (candidate: Candidate) =>
    candidate.platform ? formatPlatform(candidate.platform) : 'unknown platform';
  let chosen: Candidate;
  if (candidates.length === 1) {
    chosen = candidates[0]!;
    if (options.platform !== undefined && (!chosen.platform || !platformMatches(want, chosen.platform))) {
      reader.problems.warning(
        `platform ${options.platform} was asked for; the image is for ${described(chosen)} and is read`,
      );
    }
  } else {
    const matching = candidates.filter((c) => c.platform !== undefined && platformMatches(want, c.platform));
    if (matching.length === 0) {
      const offered = [...new Set(candidates.map(described))].sort().join(', ');
      throw new ImageError(
        `${source}: no image for platform ${formatPlatform(want)}; the index offers ${offered} (choose one with --platform)`,
        source,
      );
    }
    chosen = matching[0]!;
    const references = new Set(matching.map((c) => c.reference ?? '(no name)'));
    if (references.size > 1) {
      reader.problems.warning(
        `${matching.length} images in the index are for ${formatPlatform(want)}: the first (${chosen.reference ?? formatDigest(chosen.digest)}) is read`,
      );
    }
  }
  const chosenPlatform = chosen.platform ? formatPlatform(chosen.platform) : undefined;
  const otherPlatforms = [
    ...new Set(
      candidates
        .filter((c) => c !== chosen && c.platform !== undefined)
        .map((c) => formatPlatform(c.platform!))
        .filter((platform) => platform !== chosenPlatform),
    ),
  ].sort();

  const manifest = await readManifest(reader, chosen);
  if (manifest === undefined) {
    throw new ImageError(`${source}: ${lastProblem(reader)}`, source);
  }
  const config = configDescriptor(reader, manifest);
  const layerValues: unknown[] =
    isObject(manifest.value) && Array.isArray(manifest.value.layers) ? manifest.value.layers : [];
  if (!isObject(manifest.value) || !Array.isArray(manifest.value.layers)) {
    reader.problems.error('the image manifest lists no layers');
  }
  const layers: LayerPlan[] = layerValues.map((descriptor, layer) => {
    const digest = isObject(descriptor) ? parseDigest(descriptor.digest) : undefined;
    const mediaType =
      isObject(descriptor) && typeof descriptor.mediaType === 'string' ? descriptor.mediaType : undefined;
    const size = isObject(descriptor) && typeof descriptor.size === 'number' ? descriptor.size : undefined;
    if (digest === undefined) {
      reader.problems.error(
        `the image manifest gives layer ${layer} no valid digest (${JSON.stringify(isObject(descriptor) ? descriptor.digest : descriptor)})`,
        { layer },
      );
      return { member: undefined, ...(mediaType ? { mediaType } : {}) };
    }
    return {
      member: blobPath(digest),
      expected: digest,
      ...(mediaType ? { mediaType } : {}),
      ...(size !== undefined ? { declaredSize: size } : {}),
    };
  });
  return {
    format: 'oci-layout',
    ...(chosen.reference !== undefined ? { reference: chosen.reference } : {}),
    ...(chosenPlatform !== undefined ? { platform: chosenPlatform } : {}),
    otherPlatforms,
    attachments,
    manifestDigest: formatDigest(chosen.digest),
    config: config
      ? {
          member: blobPath(config.digest),
          expected: config.digest,
          ...(config.size !== undefined ? { declaredSize: config.size } : {}),
        }
      : { member: undefined },
    layers,
  };
}

/** Adds the image manifests `index` lists (following nested indexes) to `out`. */
async function collect(
  reader: JsonReader,
  index: unknown,
  where: string,
  depth: number,
  reference: string | undefined,
  seen: Set<string>,
  out: Candidate[],
  attachments: ImageAttachment[],
): Promise<void> {
  if (!isObject(index) || !Array.isArray(index.manifests)) {
    reader.problems.error(`${where} has no manifests list`, { path: where });
    return;
  }
  for (const descriptor of index.manifests as unknown[]) {
    if (out.length >= MAX_CANDIDATES) {
      reader.problems.warning(
        `the index lists more than ${MAX_CANDIDATES} manifests: the rest are not considered`,
      );
      return;
    }
    if (!isObject(descriptor)) continue;
    const digest = parseDigest(descriptor.digest);
    if (digest === undefined) {
      reader.problems.error(
        `${where} lists a manifest with an invalid digest: ${JSON.stringify(descriptor.digest)}`,
        {
          path: where,
        },
      );
      continue;
    }
    const annotations = isObject(descriptor.annotations) ? descriptor.annotations : {};
    const attachment = attachmentOf(descriptor, annotations, formatDigest(digest));
    if (attachment !== undefined) {
      attachments.push(attachment);
      continue;
    }
    const ref = typeof annotations[REF_NAME] === 'string' ? annotations[REF_NAME] : reference;
    const mediaType = typeof descriptor.mediaType === 'string' ? descriptor.mediaType : undefined;
    const size = typeof descriptor.size === 'number' ? descriptor.size : undefined;
    let nested: JsonBlob | undefined;
    if (mediaType === undefined || INDEX_TYPES.has(mediaType)) {
      // An index, or no media type: then the blob says what it is.
      nested = await readJson(
        reader,
        blobPath(digest),
        `manifest ${short(formatDigest(digest))}`,
        digest,
        size,
      );
      if (nested === undefined) continue;
      if (mediaType === undefined && !(isObject(nested.value) && Array.isArray(nested.value.manifests))) {
        nested = undefined; // an image manifest: a candidate below
      }
    }
    if (nested !== undefined) {
      const key = formatDigest(digest);
      if (seen.has(key) || depth >= MAX_DEPTH) {
        reader.problems.error(
          seen.has(key)
            ? `index ${short(key)} includes itself`
            : `indexes nest more than ${MAX_DEPTH} deep: ${short(key)} is not followed`,
        );
        continue;
      }
      seen.add(key);
      await collect(reader, nested.value, `index ${short(key)}`, depth + 1, ref, seen, out, attachments);
      seen.delete(key);
      continue;
    }
    if (mediaType !== undefined && !MANIFEST_TYPES.has(mediaType)) {
      attachments.push({ kind: 'artifact', how: `artifact ${mediaType}`, digest: formatDigest(digest) });
      continue;
    }
    const platform = platformOf(descriptor.platform);
    if (platform?.os === 'unknown') {
      attachments.push({
        kind: 'attestation',
        how: 'manifest for platform unknown/unknown',
        digest: formatDigest(digest),
      });
      continue;
    }
    out.push({
      digest,
      ...(size !== undefined ? { size } : {}),
      ...(mediaType !== undefined ? { mediaType } : {}),
      ...(ref !== undefined ? { reference: ref } : {}),
      ...(platform !== undefined ? { platform } : {}),
    });
  }
}

/** What an artifact type says an attached manifest is. */
function kindOfArtifact(type: string): ImageAttachment['kind'] {
  if (/sigstore|cosign\.simplesigning|notary|notation|signature/.test(type)) return 'signature';
  if (/spdx|cyclonedx|syft|sbom/.test(type)) return 'sbom';
  if (/slsa|provenance/.test(type)) return 'provenance';
  if (/in-toto|attestation/.test(type)) return 'attestation';
  return 'artifact';
}

/**
 * A descriptor that is about an image rather than an image: a buildx attestation manifest, or an OCI 1.1
 * referrer (a descriptor with an `artifactType`: sigstore bundles, notation signatures, SBOMs).
 */
function attachmentOf(
  descriptor: Record<string, unknown>,
  annotations: Record<string, unknown>,
  digest: string,
): ImageAttachment | undefined {
  if (annotations['vnd.docker.reference.type'] === 'attestation-manifest')
    return { kind: 'attestation', how: 'buildx attestation manifest (in-toto SBOM/provenance)', digest };
  if (typeof descriptor.artifactType === 'string')
    return {
      kind: kindOfArtifact(descriptor.artifactType),
      how: `referrer ${descriptor.artifactType}`,
      digest,
    };
  return undefined;
}

/** cosign's tag scheme: `sha256-<hex>.sig` (signature), `.att` (attestation), `.sbom`. */
function attachmentByTag(reference: string | undefined, digest: string): ImageAttachment | undefined {
  const match =
    reference === undefined ? null : /(?:^|:)sha256-[0-9a-f]{64}\.(sig|att|sbom)$/.exec(reference);
  if (!match) return undefined;
  const kind = match[1] === 'sig' ? 'signature' : match[1] === 'att' ? 'attestation' : 'sbom';
  return { kind, how: `cosign .${match[1]!} tag`, digest };
}

function readManifest(reader: JsonReader, candidate: Candidate): Promise<JsonBlob | undefined> {
  return readJson(
    reader,
    blobPath(candidate.digest),
    `image manifest ${short(formatDigest(candidate.digest))}`,
    candidate.digest,
    candidate.size,
  );
}

function configDescriptor(
  reader: JsonReader,
  manifest: JsonBlob,
  quiet = false,
): { digest: Digest; size?: number } | undefined {
  const config = isObject(manifest.value) ? manifest.value.config : undefined;
  const digest = isObject(config) ? parseDigest(config.digest) : undefined;
  if (digest === undefined) {
    if (quiet) return undefined;
    reader.problems.error(
      `the image manifest names no valid config digest (${JSON.stringify(isObject(config) ? config.digest : config)})`,
    );
    return undefined;
  }
  return { digest, ...(isObject(config) && typeof config.size === 'number' ? { size: config.size } : {}) };
}
