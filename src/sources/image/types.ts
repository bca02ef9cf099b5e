// The plain data an image archive or layout reads to (`readImage`). No rule logic: which files are setuid, which
// contents are secrets, is for the rules that read this.

export type ImageFormat = 'docker-archive' | 'oci-layout';

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
  /** The index (0-based, bottom first) in `ImageContents.layers` of the layer that wrote this entry. */
  layer: number;
  /** Symlinks: the target as written. Hard links: the target as an absolute normalized path in the image. */
  linkTarget?: string;
}

/** A file of some layer that the final filesystem no longer holds (or holds with other bytes). */
export interface DeletedFile extends ImageFile {
  /** The layer that removed it. */
  deletedBy: number;
  /**
   * `whiteout`: a `.wh.<name>` entry removed it (or a directory above it); `opaque`: an opaque directory
   * (`.wh..wh..opq`) hid it; `replaced`: a later layer put a non-directory where one of its directories was;
   * `overwritten`: a later layer wrote its path again (remembered only for files whose content was read).
   */
  how: 'whiteout' | 'opaque' | 'replaced' | 'overwritten';
  /** Its content when it was a selected file. */
  content?: FileContent;
}

export interface FileContent {
  /** The layer the content was read from. */
  layer: number;
  /** The first `maxContentBytes` bytes, decoded as UTF-8. */
  text: string;
  /** True when the file is larger than what was kept. */
  truncated: boolean;
}

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

/** A manifest an OCI index lists beside the image that is about it: a signature, an attestation, an SBOM. */
export interface ImageAttachment {
  kind: 'signature' | 'attestation' | 'sbom' | 'provenance' | 'artifact';
  /** How it was recognised: `cosign .sig tag`, `referrer application/vnd.dev.sigstore.bundle.v0.3+json`. */
  how: string;
  digest: string;
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
