// Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
// `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, `$$` for a literal `$`, defaults that nest variables.
// A variable that is unset and has no default stays as written, so reports show it unresolved.
export type Environment = ReadonlyMap<string, string>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Defaults nested deeper than this are left as written rather than overflow the stack. */
const MAX_NESTING = 32;

export function interpolate(text: string, env: Environment, depth = 0): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = matchingBrace(text, i + 2);
      if (end === -1) {
        out += text.slice(i);
        break;
      }
      const whole = text.slice(i, end + 1);
      out += depth >= MAX_NESTING ? whole : expandBraced(text.slice(i + 2, end), whole, env, depth);
      i = end + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) {
      out += '$';
      i++;
      continue;
    }
    const value = env.get(name);
    out += value ?? `$${name}`;
    i += 1 + name.length;
  }
  return out;
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function expandBraced(inner: string, whole: string, env: Environment, depth: number): string {
  const name = NAME.exec(inner)?.[0];
  if (!name) return whole;
  const operator = /^(:-|-|:\?|\?|:\+|\+)/.exec(inner.slice(name.length))?.[0];
  const value = env.get(name);
  if (!operator) return inner.length === name.length ? (value ?? whole) : whole;
  const argument = interpolate(inner.slice(name.length + operator.length), env, depth + 1);
  const unsetOrEmpty = value === undefined || value === '';
  switch (operator) {
    case ':-':
      return unsetOrEmpty ? argument : value;
    case '-':
      return value === undefined ? argument : value;
    case ':+':
      return unsetOrEmpty ? '' : argument;
    case '+':
      return value === undefined ? '' : argument;
    default:
      // `:?` / `?`: compose would stop with the error message; we keep the reference visible instead.
      return (operator === ':?' ? unsetOrEmpty : value === undefined) ? whole : (value ?? whole);
  }
}

/** Interpolates every string value (not keys) of a parsed document in place, skipping `x-` extensions. */
export function interpolateTree(node: unknown, env: Environment, seen = new WeakSet<object>()): void {
  if (node === null || typeof node !== 'object') return;
  // Anchored nodes are shared by every alias: interpolate them once, or `$$` would be expanded twice.
  if (seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item = node[i];
      if (typeof item === 'string') node[i] = interpolate(item, env);
      else interpolateTree(item, env, seen);
    }
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key.startsWith('x-')) continue;
    const value = record[key];
    if (typeof value === 'string') record[key] = interpolate(value, env);
    else interpolateTree(value, env, seen);
  }
}
