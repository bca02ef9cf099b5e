// Positions for an object that has no text: the admission request's. The evaluator merges the findings of
// one rule at one place, so each node needs a place of its own: a node gets a line number the first time a
// position in it is asked for, and each of its keys, values and items a column. No answer shows them.
// Writing the object out as JSON for the YAML loader to read back gave the same workloads, but cost 0.3 ms
// per Deployment review (bench/admission.mjs), more than all the rest of judging it.
import type { SourceLocation } from '../../core/location.js';
import { isMapping } from '../../sources/shared/values.js';
import { YamlPositions } from '../../sources/yaml/positions.js';

/** The path findings are located at: a request has no file. */
const REQUEST_PATH = 'the admission request';

/** A node's line, and the place of each of its slots once asked for (a column each, in the order asked). */
interface NodePlaces {
  line: number;
  columns: number;
  self?: SourceLocation;
  keys?: Map<string, SourceLocation>;
  values?: Map<string, SourceLocation>;
  items?: SourceLocation[];
}

/** What the Kubernetes source reads positions from, for an object that came without text. */
export class RequestPositions extends YamlPositions {
  private readonly places = new WeakMap<object, NodePlaces>();
  private lines = 0;

  constructor() {
    super(REQUEST_PATH, () => ({ line: 1, column: 1 }));
  }

  private node(node: object): NodePlaces {
    let places = this.places.get(node);
    if (!places) {
      places = { line: ++this.lines, columns: 0 };
      this.places.set(node, places);
    }
    return places;
  }

  private next(places: NodePlaces): SourceLocation {
    return { path: REQUEST_PATH, line: places.line, column: ++places.columns };
  }

  private named(places: NodePlaces, slots: Map<string, SourceLocation>, name: string): SourceLocation {
    let location = slots.get(name);
    if (!location) {
      location = this.next(places);
      slots.set(name, location);
    }
    return location;
  }

  override of(node: unknown): SourceLocation | undefined {
    if (node === null || typeof node !== 'object') return undefined;
    const places = this.node(node);
    return (places.self ??= this.next(places));
  }

  override key(mapping: unknown, key: string): SourceLocation | undefined {
    if (!isMapping(mapping) || !Object.hasOwn(mapping, key)) return undefined;
    const places = this.node(mapping);
    return this.named(places, (places.keys ??= new Map()), key);
  }

  override value(mapping: unknown, key: string): SourceLocation | undefined {
    if (!isMapping(mapping) || !Object.hasOwn(mapping, key)) return undefined;
    const places = this.node(mapping);
    return this.named(places, (places.values ??= new Map()), key);
  }

  override item(sequence: unknown, index: number): SourceLocation | undefined {
    if (!Array.isArray(sequence) || index < 0 || index >= sequence.length) return undefined;
    const places = this.node(sequence);
    const items = (places.items ??= []);
    return (items[index] ??= this.next(places));
  }
}
