// What a format reader finds before any layer is read: where the config and each layer blob are, and the
// digests that name them.
import type { Digest } from './digest.js';
import type { JsonBlob } from './json-blob.js';
import type { ImageAttachment, ImageFormat } from './types.js';

export interface LayerPlan {
  /** The member (archive path, or path in the directory) holding the blob; `undefined` when none can be named. */
  member: string | undefined;
  /** The digest the stored bytes must have (OCI descriptor, `blobs/<alg>/<hex>` name). */
  expected?: Digest;
  mediaType?: string;
  /** The size the descriptor declares. */
  declaredSize?: number;
}

export interface ImagePlan {
  format: ImageFormat;
  reference?: string;
  /** Known from an index; otherwise taken from the config. */
  platform?: string;
  otherPlatforms: string[];
  /** OCI layouts only. */
  attachments?: ImageAttachment[];
  manifestDigest?: string;
  config: {
    member: string | undefined;
    expected?: Digest;
    declaredSize?: number;
    /** Already read (OCI platform resolution reads configs). */
    blob?: JsonBlob;
  };
  layers: LayerPlan[];
}
