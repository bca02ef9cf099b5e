// An image as it is, read from an archive or an engine's export: its config, its layers and its files
// (sources/image/spec.ts makes it). What a Dockerfile says an image will be is a BuildSpec; this is what
// was actually built, wherever it was built.
import type { ImageLocation, Located } from '../core/location.js';

export type ImageFileType =
  'file' | 'directory' | 'symlink' | 'hardlink' | 'char-device' | 'block-device' | 'fifo';

/** One entry of the image's filesystem, as the layer tar that last wrote it describes it. */
export interface ImageFile {
  /** Absolute and normalized: `/etc/passwd`, `/` for the root. */
  path: string;
  type: ImageFileType;
  /** Permission bits with setuid (0o4000), setgid (0o2000) and sticky (0o1000). */
  mode: number;
  uid: number;
  gid: number;
  /** Bytes as the tar header declares them (0 for links and directories). */
  size: number;
  /** The index (0-based, bottom first) of the layer that wrote this entry. */
  layer: number;
  /** Symlinks: the target as written. Hard links: the target as an absolute normalized path in the image. */
  linkTarget?: string;
}

export interface ImageFileContent {
  /** The layer the content was read from. */
  layer: number;
  /** The first bytes kept (the reader's `maxContentBytes`), decoded as UTF-8. */
  text: string;
  /** True when the file is larger than what was kept. */
  truncated: boolean;
}

/**
 * A file some layer added and a later layer removed (or overwrote): its bytes are still in the earlier
 * layer's blob.
 */
export interface ImageDeletedFile extends ImageFile {
  /** The layer that removed it. */
  deletedBy: number;
  /**
   * `whiteout`: a `.wh.<name>` entry removed it (or a directory above it); `opaque`: an opaque directory
   * (`.wh..wh..opq`) hid it; `replaced`: a later layer put a non-directory where one of its directories was;
   * `overwritten`: a later layer wrote its path again (remembered only for files whose content was read).
   */
  how: 'whiteout' | 'opaque' | 'replaced' | 'overwritten';
  /** Its content when it was a selected file. */
  content?: ImageFileContent;
}

export interface ImageLayerInfo {
  index: number;
  digest: string;
  diffId?: string;
  compressed: 'gzip' | 'none' | 'zstd' | 'xz' | 'bzip2';
  /** Every digest that could be checked matched and the blob was read to its end. */
  verified: boolean;
  /** The config history's `created_by` for this layer. */
  createdBy?: string;
}

/** One entry of the config's `history`, including the ones that made no layer (`ENV`, `USER`, …). */
export interface ImageHistoryEntry {
  /** Position in `history`, for `history[N].created_by`. */
  index: number;
  createdBy: string;
  /** The layer this step made; undefined for an `empty_layer` step. */
  layer?: number;
  created?: string;
}

/** A digest that did not match what the image's manifest, config or blob name says it must be. */
export interface DigestMismatch {
  /** `config`, `layer 3`, `manifest`. */
  object: string;
  message: string;
}

/** A manifest in an OCI index that is about the image rather than an image: a signature, an attestation. */
export interface ImageAttachment {
  kind: 'signature' | 'attestation' | 'sbom' | 'provenance' | 'artifact';
  /** How it was recognised: `cosign .sig tag`, `referrer application/vnd.dev.sigstore.bundle.v0.3+json`, … */
  how: string;
  digest: string;
}

export interface ImageSpec {
  kind: 'image';
  /** The image as findings name it: the archive's path, or `engine image/name` (ImageLocation.image). */
  name: string;
  /** The image as a whole: `object: 'image'`. */
  at: ImageLocation;
  format: 'docker-archive' | 'oci-layout';
  /** `RepoTags[0]` of a docker archive, the ref name of an OCI layout, the name asked of an engine. */
  reference?: string;
  platform: string;
  otherPlatforms: string[];
  /** The image id: the config's digest. */
  id: string;
  /** The config's `created`, as written (ISO 8601). */
  created?: Located<string, ImageLocation>;
  /** `config.User`; empty or absent means root. */
  user?: Located<string, ImageLocation>;
  env: Located<{ name: string; value: string }, ImageLocation>[];
  /** `config.ExposedPorts` keys: `22/tcp`. */
  exposedPorts: Located<string, ImageLocation>[];
  /** `config.Healthcheck`: undefined when none is set, `disabled` for `NONE`. */
  healthcheck?: Located<{ disabled: boolean; test: string[] }, ImageLocation>;
  labels: Record<string, string>;
  history: ImageHistoryEntry[];
  layers: ImageLayerInfo[];
  /** The final filesystem, sorted by path. */
  files: ReadonlyMap<string, ImageFile>;
  /** Entries a later layer removed, in the order they were removed. */
  deleted: readonly ImageDeletedFile[];
  /** Contents of the files that say what the image is (os-release, passwd, package DBs) and secret candidates. */
  contents: ReadonlyMap<string, ImageFileContent>;
  /** Registry digests the image is known by (`RepoDigests` of an engine, a layout's manifest digest with a registry name); undefined when the input cannot say. */
  repoDigests?: string[];
  /**
   * Signatures and attestations found beside the image: undefined when the format cannot hold them (a docker
   * save archive), an empty list when an OCI layout has none.
   */
  attachments?: ImageAttachment[];
  mismatches: DigestMismatch[];
}

/** Where `object`/`field` of `image` is. */
export function imageAt(image: ImageSpec, object: string, field?: string): ImageLocation {
  return { ...image.at, object, ...(field !== undefined ? { field } : {}) };
}

/** The location of a file of the image's filesystem. */
export function fileAt(image: Pick<ImageSpec, 'at'>, path: string): ImageLocation {
  return { ...image.at, object: `file ${path}` };
}
