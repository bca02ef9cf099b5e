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

export type Location = SourceLocation | EngineLocation;

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

export function formatLocation(location: Location): string {
  return isSourceLocation(location)
    ? `${location.path}:${location.line}:${location.column}`
    : `${location.engine} ${location.object}${location.field !== undefined ? ` ${location.field}` : ''}`;
}

/** Where a location is, for messages: the file's path, or `engine object` for a live engine. */
export function placeOf(location: Location): string {
  return isSourceLocation(location) ? location.path : `${location.engine} ${location.object}`;
}

/** Orders file locations by path, line, column; engine locations after them by engine, object, field. */
export function compareLocations(a: Location, b: Location): number {
  if (isSourceLocation(a))
    return isSourceLocation(b) ? compareText(a.path, b.path) || a.line - b.line || a.column - b.column : -1;
  if (isSourceLocation(b)) return 1;
  return (
    compareText(a.engine, b.engine) ||
    compareText(a.object, b.object) ||
    compareText(a.field ?? '', b.field ?? '')
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
