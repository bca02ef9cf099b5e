// Where a finding or a subject field comes from: a position in a file, or an object of a live engine.
export interface SourceLocation {
  path: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export interface EngineLocation {
  engine: string;
  object: string;
}

export type Location = SourceLocation | EngineLocation;

/** A value together with the place it was read from. */
export interface Located<T> {
  value: T;
  at: SourceLocation;
}

export function isSourceLocation(location: Location): location is SourceLocation {
  return 'path' in location;
}

export function formatLocation(location: Location): string {
  return isSourceLocation(location)
    ? `${location.path}:${location.line}:${location.column}`
    : `${location.engine} ${location.object}`;
}
