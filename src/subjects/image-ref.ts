// A parsed image reference (`registry/repo:tag@digest`), shared by every subject that names an image.
export interface ImageRef {
  raw: string;
  /** Registry host, `docker.io` when the reference names none. */
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** True when the reference still holds an unresolved `$VAR`/`${VAR}`. */
  unresolved: boolean;
}
