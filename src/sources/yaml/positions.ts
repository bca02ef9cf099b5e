// Source positions for values composed by js-yaml. js-yaml's `listener` reports where each node opens and
// closes; we record, per composed mapping and sequence, where each key, value and item starts. Scalars
// cannot be keys of a WeakMap, so a scalar's position is looked up through its parent and key.
import type { SourceLocation } from '../../core/location.js';

/**
 * A node's position as the offset where js-yaml started composing it; turned into line and column only
 * when looked up, since most positions never are.
 */
type Pos = number;

/** Resolves an offset to a 1-based line and column. */
export type OffsetResolver = (offset: number) => { line: number; column: number };

interface MappingPositions {
  self: Pos;
  keys: Map<string, Pos>;
  values: Map<string, Pos>;
}

interface SequencePositions {
  self: Pos;
  /** `undefined` for an item js-yaml composed no node for (`- ` followed by nothing). */
  items: (Pos | undefined)[];
}

/** Where an entry of a mapping built by a source comes from. */
export type EntryOrigin = { mapping: object; key: string } | { sequence: unknown; index: number };

/** Position lookups for one YAML file. Every lookup falls back to something sensible, never throws. */
export class YamlPositions {
  private readonly mappings = new WeakMap<object, MappingPositions>();
  private readonly sequences = new WeakMap<object, SequencePositions>();

  constructor(
    readonly path: string,
    private readonly resolve: OffsetResolver,
  ) {}

  private loc(pos: Pos | undefined): SourceLocation | undefined {
    if (pos === undefined) return undefined;
    const { line, column } = this.resolve(pos);
    return { path: this.path, line, column };
  }

  /** Where a mapping or sequence starts. */
  of(node: unknown): SourceLocation | undefined {
    if (node === null || typeof node !== 'object') return undefined;
    return this.loc((this.mappings.get(node) ?? this.sequences.get(node))?.self);
  }

  /** Where `key:` is written in `mapping`. */
  key(mapping: unknown, key: string): SourceLocation | undefined {
    if (mapping === null || typeof mapping !== 'object') return undefined;
    return this.loc(this.mappings.get(mapping)?.keys.get(key));
  }

  /** Where the value of `key` starts in `mapping`. */
  value(mapping: unknown, key: string): SourceLocation | undefined {
    if (mapping === null || typeof mapping !== 'object') return undefined;
    return this.loc(this.mappings.get(mapping)?.values.get(key));
  }

  /** Where item `index` of `sequence` starts. */
  item(sequence: unknown, index: number): SourceLocation | undefined {
    if (!Array.isArray(sequence)) return undefined;
    return this.loc(this.sequences.get(sequence)?.items[index]);
  }

  recordMapping(node: object, positions: MappingPositions): void {
    if (!this.mappings.has(node)) this.mappings.set(node, positions);
  }

  recordSequence(node: object, positions: SequencePositions): void {
    if (!this.sequences.has(node)) this.sequences.set(node, positions);
  }

  /** Gives a mapping built by merging others (compose `extends`) the positions of its sources. */
  inherit(target: object, sources: readonly object[]): void {
    const keys = new Map<string, Pos>();
    const values = new Map<string, Pos>();
    let self: Pos | undefined;
    for (const source of sources) {
      const positions = this.mappings.get(source);
      if (!positions) continue;
      self ??= positions.self;
      for (const [k, p] of positions.keys) keys.set(k, p);
      for (const [k, p] of positions.values) values.set(k, p);
    }
    // Offset 0 is a position too: the first mapping of a file starts there.
    if (self !== undefined) this.mappings.set(target, { self, keys, values });
  }

  /**
   * Gives a sequence built from the items of others (compose `extends` concatenating `ports`) the
   * positions those items were written at: `origins[i]` is where item `i` of `target` comes from.
   */
  inheritItems(target: object, origins: readonly { sequence: unknown; index: number }[]): void {
    let self: Pos | undefined;
    const items = origins.map(({ sequence, index }) => {
      const positions =
        sequence !== null && typeof sequence === 'object' ? this.sequences.get(sequence) : undefined;
      self ??= positions?.self;
      return positions?.items[index];
    });
    if (self !== undefined) this.sequences.set(target, { self, items });
  }

  /**
   * Gives a mapping built from entries of others (compose `extends` merging a list-form `environment`
   * into a map-form one) the positions of those entries: a key of a mapping, or an item of a sequence.
   */
  inheritEntries(target: object, origins: ReadonlyMap<string, EntryOrigin>): void {
    const keys = new Map<string, Pos>();
    const values = new Map<string, Pos>();
    let self: Pos | undefined;
    for (const [name, origin] of origins) {
      if ('sequence' in origin) {
        const sequence = origin.sequence;
        const positions =
          sequence !== null && typeof sequence === 'object' ? this.sequences.get(sequence) : undefined;
        const pos = positions?.items[origin.index];
        self ??= positions?.self;
        if (pos !== undefined) {
          keys.set(name, pos);
          values.set(name, pos);
        }
      } else {
        const positions = this.mappings.get(origin.mapping);
        self ??= positions?.self;
        const key = positions?.keys.get(origin.key);
        const value = positions?.values.get(origin.key);
        if (key !== undefined) keys.set(name, key);
        if (value !== undefined) values.set(name, value);
      }
    }
    if (self !== undefined) this.mappings.set(target, { self, keys, values });
  }

  /** Positions of `mapping` itself, for a merged mapping to take over keys it lacks. */
  mappingEntries(mapping: object): MappingPositions | undefined {
    return this.mappings.get(mapping);
  }
}

export type { MappingPositions, Pos, SequencePositions };
