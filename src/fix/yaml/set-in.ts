// Setting a value at a key path under a mapping, creating the mappings that are missing: the one edit most
// YAML fixes are made of (`securityContext.capabilities.drop: [ALL]`, `logging.options.max-size`).
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import {
  appendItem,
  CannotFix,
  type Edit,
  type EditContext,
  findPair,
  insertPairs,
  type NewValue,
  setScalar,
} from '../edit.js';

/**
 * The leaf to write: a boolean; an item a list must hold (`ALL`, matched case-insensitively with or
 * without `CAP_`); or a string `text`, double-quoted when `quote` and new (a present value keeps its quote
 * style), left alone when the present value `keeps`.
 */
export type Leaf =
  | { boolean: boolean }
  | { item: string }
  | { text: string; quote: boolean; keeps?: (present: string) => boolean };

const holdsItem = (items: readonly unknown[], item: string): boolean => {
  const wanted = item.toUpperCase().replace(/^CAP_/, '');
  return items.some(
    (present) =>
      isScalar(present) && String(present.value).trim().toUpperCase().replace(/^CAP_/, '') === wanted,
  );
};

function newLeaf(leaf: Leaf): string {
  if ('boolean' in leaf) return String(leaf.boolean);
  if ('item' in leaf) return `[${leaf.item}]`;
  return leaf.quote ? JSON.stringify(leaf.text) : leaf.text;
}

/** The edit setting `keys` under `map` to `leaf`; none when it already holds. */
export function setIn(ctx: EditContext, map: YAMLMap, keys: readonly string[], leaf: Leaf): Edit[] {
  let current = map;
  for (const [index, key] of keys.entries()) {
    const pair = findPair(current, key);
    const value: unknown = pair?.value;
    if (pair === undefined || value === null || value === undefined) {
      if (pair !== undefined) throw new CannotFix(`${key} is present without a value`);
      let nested: NewValue = newLeaf(leaf);
      for (const outer of keys.slice(index + 1).reverse()) nested = [[outer, nested]];
      return [insertPairs(ctx, current, [[key, nested]])];
    }
    if (index < keys.length - 1) {
      if (!isMap(value)) throw new CannotFix(`${key} is not a mapping`);
      current = value;
      continue;
    }
    if ('item' in leaf) {
      if (!isSeq(value)) throw new CannotFix(`${key} is not a list`);
      return holdsItem(value.items, leaf.item) ? [] : [appendItem(ctx, value, leaf.item)];
    }
    if (!isScalar(value)) throw new CannotFix(`${key} is not a single value`);
    if ('boolean' in leaf)
      return value.value === leaf.boolean ? [] : [setScalar(ctx, value, String(leaf.boolean), false)];
    if (leaf.keeps?.(String(value.value)) === true) return [];
    if (value.type === 'PLAIN' || value.type === undefined)
      return [setScalar(ctx, value, newLeaf(leaf), false)];
    return [setScalar(ctx, value, leaf.text, true)];
  }
  return [];
}

/** The scalar at `keys` under `map`, if every step is there. */
export function scalarAt(map: YAMLMap, keys: readonly string[]): string | undefined {
  let current: unknown = map;
  for (const key of keys) {
    if (!isMap(current)) return undefined;
    current = findPair(current, key)?.value;
  }
  return isScalar(current) && current.value !== null ? String(current.value) : undefined;
}
