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

/** What the Kubernetes source reads positions from, for an object that came without text. */
export class RequestPositions extends YamlPositions {
  private readonly places = new WeakMap<object, { line: number; columns: Map<string, number> }>();
  private lines = 0;

  constructor() {
    super(REQUEST_PATH, () => ({ line: 1, column: 1 }));
  }

  private place(node: object, slot: string): SourceLocation {
    let place = this.places.get(node);
    if (!place) {
      place = { line: ++this.lines, columns: new Map() };
      this.places.set(node, place);
    }
    let column = place.columns.get(slot);
    if (column === undefined) {
      column = place.columns.size + 1;
      place.columns.set(slot, column);
    }
    return { path: REQUEST_PATH, line: place.line, column };
  }

  override of(node: unknown): SourceLocation | undefined {
    return node !== null && typeof node === 'object' ? this.place(node, '') : undefined;
  }

  override key(mapping: unknown, key: string): SourceLocation | undefined {
    return isMapping(mapping) && Object.hasOwn(mapping, key) ? this.place(mapping, `key ${key}`) : undefined;
  }

  override value(mapping: unknown, key: string): SourceLocation | undefined {
    return isMapping(mapping) && Object.hasOwn(mapping, key)
      ? this.place(mapping, `value ${key}`)
      : undefined;
  }

  override item(sequence: unknown, index: number): SourceLocation | undefined {
    return Array.isArray(sequence) && index >= 0 && index < sequence.length
      ? this.place(sequence, `item ${index}`)
      : undefined;
  }
}
