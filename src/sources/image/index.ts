// Container images as files: docker save archives and OCI image layouts (directory or tarball), read into
// plain data (ImageContents) in one streaming pass over the layers. See read.ts.
export { looksLikeImage } from './looks-like.js';
export { DEFAULT_LIMITS, readImage } from './read.js';
export { readImageStream } from './stream.js';
export { ImageError } from './problems.js';
export { DEFAULT_PLATFORM } from './platform.js';
export { defaultWantContent } from './wanted.js';
export type {
  DeletedFile,
  ImageAttachment,
  FileContent,
  ImageContents,
  ImageFile,
  ImageFileType,
  ImageFormat,
  ImageLayer,
  ImageProblem,
  ReadImageOptions,
} from './types.js';
