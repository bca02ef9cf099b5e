// The keys of an Engine API request body as dockerd reads them. dockerd decodes bodies with Go's
// encoding/json, which matches object keys to struct fields case-insensitively (and folds `ſ` to `s` and
// the Kelvin sign to `k`): `{"hostconfig": {"privileged": true}}` creates a privileged container. A plugin
// that read only the exact spelling would let such a body through, so bodies are first rewritten to the
// canonical field names, following a shape of the structs dockerd decodes them into.

/** A leaf value; a map whose keys are data (labels, sysctls); a struct; a list; a map of one shape. */
export type Shape =
  | 'value'
  | 'map'
  /** Docker's `strslice.StrSlice`: a string or a list of strings (`"CapAdd": "SYS_ADMIN"` is valid). */
  | 'strslice'
  | { fields: Readonly<Record<string, Shape>> }
  | { items: Shape }
  | { values: Shape };

/** Two keys of one object that name the same field: Go keeps the later one, which JSON.parse cannot tell. */
export class AmbiguousKey extends Error {
  override name = 'AmbiguousKey';
}

/** Go's case folding for field names, as far as it can make an ASCII field name match. */
export function foldKey(key: string): string {
  return key
    .replace(/\u017f/g, 's')
    .replace(/\u212a/g, 'k')
    .toLowerCase();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `value` with every struct key spelled as the field it matches and unknown keys dropped (nothing reads
 * them). Values of the wrong type are kept as they are: dockerd refuses the body, so they admit nothing.
 */
export function canonicalize(value: unknown, shape: Shape, path = ''): unknown {
  if (shape === 'value' || shape === 'map') return value;
  if (shape === 'strslice') return typeof value === 'string' ? [value] : value;
  if ('items' in shape) {
    return Array.isArray(value)
      ? value.map((item, index) => canonicalize(item, shape.items, `${path}[${index}]`))
      : value;
  }
  if (!isObject(value)) return value;
  if ('values' in shape) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, canonicalize(item, shape.values, `${path}.${key}`)]),
    );
  }
  const byFold = new Map(Object.keys(shape.fields).map((field) => [foldKey(field), field]));
  const result: Record<string, unknown> = {};
  const seen = new Map<string, string>();
  for (const [key, item] of Object.entries(value)) {
    const field = byFold.get(foldKey(key));
    if (field === undefined) continue;
    const earlier = seen.get(field);
    const where = path === '' ? field : `${path}.${field}`;
    if (earlier !== undefined) throw new AmbiguousKey(`keys "${earlier}" and "${key}" both set ${where}`);
    seen.set(field, key);
    result[field] = canonicalize(item, shape.fields[field]!, where);
  }
  return result;
}
