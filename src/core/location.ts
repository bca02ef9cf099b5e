// Where a finding or a subject field comes from: a position in a file, or an object of a live engine.
export interface SourceLocation {
  path: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export interface EngineLocation {
  /** The engine as the user named it: `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376`. */
  engine: string;
  /** `container/web`, `engine`, `network/backend`, `image/nginx:1.27`. */
  object: string;
  /** The setting of the object a finding is about, as the Engine API names it: `HostConfig.Privileged`. */
  field?: string;
}

/**
 * A place inside an image read from an archive or an engine's export: its config, a layer, a file of its
 * filesystem. Images have no lines; `object` and `field` say where, as `docker inspect` and the archive
 * name them.
 */
export interface ImageLocation {
  /** The image as the user named it: the archive's path (`images/app.tar`), or `engine image/nginx:1.27`. */
  image: string;
  /** Set when the image is a file of the scanned tree: its path, for reports that link to files (SARIF). */
  archive?: string;
  /** `config`, `layer 3`, `file /etc/shadow`, `index`. */
  object: string;
  /** `Config.User`, `history[4].created_by`. */
  field?: string;
}

export type Location = SourceLocation | EngineLocation | ImageLocation;

/** A value together with the place it was read from: a file position, or a live engine's object. */
export interface Located<T, L extends Location = SourceLocation> {
  value: T;
  at: L;
}

/**
 * A value of a subject that files and live engines both make (workloads, deployments, engine
 * configuration): its place is a file position or an engine object. Build specs are files only.
 */
export type Placed<T> = Located<T, Location>;

export function isSourceLocation(location: Location): location is SourceLocation {
  return 'path' in location;
}

export function isEngineLocation(location: Location): location is EngineLocation {
  return 'engine' in location;
}

export function isImageLocation(location: Location): location is ImageLocation {
  return 'image' in location;
}

/**
 * What a location belongs to, the way reports group findings: the file's path, the engine, or the image.
 */
export function originOf(location: Location): string {
  return isSourceLocation(location)
    ? location.path
    : isEngineLocation(location)
      ? location.engine
      : location.image;
}

/** The object and field inside an engine or image (`container/web HostConfig.Privileged`); none for files. */
export function objectOf(location: Location): string | undefined {
  if (isSourceLocation(location)) return undefined;
  return location.field !== undefined ? `${location.object} ${location.field}` : location.object;
}

export function formatLocation(location: Location): string {
  return isSourceLocation(location)
    ? `${location.path}:${location.line}:${location.column}`
    : `${originOf(location)} ${objectOf(location)!}`;
}

/** Where a location is, for messages: the file's path, `engine object` for a live engine, or the image. */
export function placeOf(location: Location): string {
  if (isSourceLocation(location)) return location.path;
  return isEngineLocation(location) ? `${location.engine} ${location.object}` : location.image;
}

/** A string that is equal for equal locations (finding merge keys, fingerprints). */
export function locationKey(location: Location): string {
  return isSourceLocation(location)
    ? `${location.path}\u0000${location.line}\u0000${location.column}`
    : `${isEngineLocation(location) ? 'engine' : 'image'}\u0000${originOf(location)}\u0000${location.object}\u0000${location.field ?? ''}`;
}

const KIND_ORDER = (location: Location): number =>
  isSourceLocation(location) ? 0 : isEngineLocation(location) ? 1 : 2;

/**
 * Orders file locations by path, line, column; engine locations after them, then image locations, each by
 * origin, object, field.
 */
export function compareLocations(a: Location, b: Location): number {
  const kind = KIND_ORDER(a) - KIND_ORDER(b);
  if (kind !== 0) return kind;
  if (isSourceLocation(a) && isSourceLocation(b))
    return compareText(a.path, b.path) || a.line - b.line || a.column - b.column;
  const oa = a as EngineLocation | ImageLocation;
  const ob = b as EngineLocation | ImageLocation;
  return (
    compareText(originOf(oa), originOf(ob)) ||
    compareText(oa.object, ob.object) ||
    compareText(oa.field ?? '', ob.field ?? '')
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
