// The plain data an image archive or layout reads to (`readImage`). No rule logic: which files are setuid, which
// contents are secrets, is for the rules that read this.
import type {
  ImageAttachment,
  ImageDeletedFile as DeletedFile,
  ImageFile,
  ImageFileContent as FileContent,
} from '../../subjects/image-spec.js';

export type ImageFormat = 'docker-archive' | 'oci-layout';

// The file index, contents and attachments are the ImageSpec subject's own types: a source fills what the
// subject holds, so they are defined once, in src/subjects/image-spec.ts.
export type {
  ImageAttachment,
  ImageDeletedFile as DeletedFile,
  ImageFile,
  ImageFileContent as FileContent,
  ImageFileType,
} from '../../subjects/image-spec.js';
export interface ImageLayer {
  /** 0-based, bottom first. */
  index: number;
  /** The digest of the blob as stored (compressed bytes for a gzip layer). */
  digest: string;
  /** The digest of the uncompressed tar as the image config lists it (`rootfs.diff_ids`). */
  diffId?: string;
  mediaType?: string;
  /** Stored bytes (what was read; the descriptor's size when the blob could not be read). */
  size: number;
  /**
   * Compression found from the first bytes of the blob, not from the media type. Only gzip and uncompressed
   * layers are read; zstd, xz and bzip2 ones are reported as problems.
   */
  compressed: 'gzip' | 'none' | 'zstd' | 'xz' | 'bzip2';
  /**
   * True when the blob was read to its end and every digest that could be checked matched: the stored bytes
   * against the manifest descriptor or the blob's name, the uncompressed tar against `diffId`.
   */
  verified: boolean;
  /** The `created_by` of the config history entry that made this layer. */
  createdBy?: string;
}

export interface ImageProblem {
  message: string;
  severity: 'error' | 'warning';
  /** The layer index the problem belongs to. */
  layer?: number;
  /** A path inside the image (or inside the archive, for archive-level problems). */
  path?: string;
  /**
   * Set when bytes did not match the digest or size that names them: what they were (`layer 2`, `the image
   * config`, `image manifest 1a2b3c4d5e6f`). Integrity findings, not read errors.
   */
  digestMismatch?: string;
}

export interface ImageContents {
  format: ImageFormat;
  /** The path given to `readImage`. */
  source: string;
  /** `RepoTags[0]` of a docker archive, the `org.opencontainers.image.ref.name` annotation of an OCI layout. */
  reference?: string;
  /** `os/architecture[/variant]` of the image read, e.g. `linux/amd64`. */
  platform: string;
  /** The other platforms an OCI index offers (sorted, without attestation manifests). */
  otherPlatforms: string[];
  /**
   * Signatures, attestations and other artifacts the OCI index lists; undefined for a docker archive, which
   * cannot hold them.
   */
  attachments?: ImageAttachment[];
  /** The digest of the image manifest read (OCI layouts; docker archives carry no manifest blob). */
  manifestDigest?: string;
  config: {
    /** sha256 of the config bytes: the image id. */
    digest: string;
    /** The image config JSON, `undefined` when it could not be read (see `problems`). */
    raw: unknown;
    verified: boolean;
  };
  layers: ImageLayer[];
  /** The final filesystem, whiteouts applied, sorted by path. Directories implied but never listed are left out. */
  files: Map<string, ImageFile>;
  /** Entries some layer added and a later layer removed, in the order they were removed. */
  deleted: DeletedFile[];
  /**
   * Contents of the selected files (`wantContent`): of the final filesystem, and of deleted files whose path the
   * final filesystem no longer holds (a deleted file's content is also on its `DeletedFile`).
   */
  contents: Map<string, FileContent>;
  problems: ImageProblem[];
}

export interface ReadImageOptions {
  /** `os/arch[/variant]` to choose from a multi-platform index (default `linux/amd64`). */
  platform?: string;
  /** Which regular files to read (path in the image, declared size). Default: `defaultWantContent`. */
  wantContent?: (path: string, size: number) => boolean;
  /** Bytes kept per selected file (default 8 MiB). */
  maxContentBytes?: number;
  /** Bytes kept over all selected files (default 64 MiB); files past it are listed but not read. */
  maxTotalContentBytes?: number;
  /** Uncompressed bytes read per layer before it is abandoned as a decompression bomb (default 16 GiB). */
  maxLayerBytes?: number;
  /** Uncompressed bytes read over all layers (default 64 GiB); the layers past it are not read. */
  maxImageBytes?: number;
  /** Tar entries over all layers (default 2,000,000). */
  maxEntries?: number;
  /** Longest path accepted in a layer, in characters (default 4096, Linux's PATH_MAX). */
  maxPathLength?: number;
  /** Largest JSON document (manifest, index, config) read (default 16 MiB). */
  maxJsonBytes?: number;
}
