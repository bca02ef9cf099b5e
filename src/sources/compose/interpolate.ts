// Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
// `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, `$$` for a literal `$`, defaults that nest variables.
// A variable that is unset and has no default stays as written, so reports show it unresolved.
import { expandParameters, type Lookup } from '../shared/parameter-expansion.js';
export type Environment = Lookup;

/** Compose writes a literal `$` as `$$`. */
const doubledDollar = (text: string, i: number): number => (text[i] === '$' && text[i + 1] === '$' ? 2 : 0);

export function interpolate(text: string, env: Environment): string {
  return expandParameters(text, env, doubledDollar);
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
