// Key paths and source positions of values in a parsed config. ajv names a value by a JSON pointer
// (`/ignore/0/reason`); people read `ignore[0].reason`, and the YAML loader knows where it is written.
import type { SourceLocation } from '../core/location.js';
import type { YamlPositions } from '../sources/yaml/positions.js';

/** A mapping key or a sequence index. */
export type Segment = string | number;

/** `rules.severity.D08.no-digest`, `ignore[0].reason`; rule ids keep their dots, as users write them. */
export function keyPathOf(segments: readonly Segment[]): string {
  let path = '';
  for (const segment of segments)
    path += typeof segment === 'number' ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  return path;
}

/** `/ignore/0/reason` → `['ignore', 0, 'reason']`, indexes as numbers where the value is a sequence. */
export function segmentsOf(root: unknown, pointer: string): Segment[] {
  if (pointer === '') return [];
  const segments: Segment[] = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const name = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment: Segment = Array.isArray(node) ? Number(name) : name;
    segments.push(segment);
    node = childOf(node, segment);
  }
  return segments;
}

export function childOf(node: unknown, segment: Segment): unknown {
  if (Array.isArray(node)) return typeof segment === 'number' ? node[segment] : undefined;
  if (node !== null && typeof node === 'object') return (node as Record<string, unknown>)[String(segment)];
  return undefined;
}

export function nodeAt(root: unknown, segments: readonly Segment[]): unknown {
  let node = root;
  for (const segment of segments) node = childOf(node, segment);
  return node;
}

/** Positions in one config file; every lookup falls back to the nearest enclosing value, then to 1:1. */
export class ConfigLocator {
  constructor(
    private readonly root: unknown,
    private readonly positions: YamlPositions,
  ) {}

  /** Where the value at `segments` is written. */
  value(segments: readonly Segment[]): SourceLocation {
    if (segments.length === 0) return this.positions.of(this.root) ?? this.start();
    const parent = nodeAt(this.root, segments.slice(0, -1));
    const last = segments[segments.length - 1]!;
    const found =
      typeof last === 'number' ? this.positions.item(parent, last) : this.positions.value(parent, last);
    // An item with nothing after its `- ` has no node: point at the key that holds the sequence.
    return found ?? this.key(segments.slice(0, -1));
  }

  /** Where the key that holds the value at `segments` is written (an item's start for a sequence). */
  key(segments: readonly Segment[]): SourceLocation {
    const last = segments[segments.length - 1];
    if (typeof last !== 'string') return this.value(segments);
    return this.positions.key(nodeAt(this.root, segments.slice(0, -1)), last) ?? this.value(segments);
  }

  /** Every value's position by key path, containers included. */
  all(): Map<string, SourceLocation> {
    const locations = new Map<string, SourceLocation>();
    const visit = (node: unknown, segments: Segment[]): void => {
      if (segments.length > 0) locations.set(keyPathOf(segments), this.value(segments));
      if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...segments, index]));
      else if (node !== null && typeof node === 'object' && !(node instanceof Date))
        for (const [key, value] of Object.entries(node)) visit(value, [...segments, key]);
    };
    visit(this.root, []);
    return locations;
  }

  private start(): SourceLocation {
    return { path: this.positions.path, line: 1, column: 1 };
  }
}
