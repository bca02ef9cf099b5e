// `$NAME` / `${NAME}` / `${NAME:-default}` / `${NAME-default}` / `${NAME:+alt}` / `${NAME+alt}` /
// `${NAME:?err}` / `${NAME?err}` expansion, shared by compose interpolation and Dockerfile variables; they
// differ only in how a literal `$` is written (`$$` in compose, `\$` in a Dockerfile). A variable whose
// value is not known stays as written, so reports show it unresolved; so does a `?` reference, where the
// tool would stop with an error.

/** Where variable values come from: only `get` is needed, so a scope can be a view, not a copy. */
export interface Lookup {
  get(name: string): string | undefined;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATOR = /^(:-|-|:\+|\+|:\?|\?)/;

/** Defaults nested deeper than this are left as written rather than overflow the stack. */
const MAX_NESTING = 32;

/** How a literal `$` is escaped: the escape's length at `i` (0 when there is none there). */
export type LiteralDollar = (text: string, i: number) => number;

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

export function expandParameters(
  text: string,
  lookup: Lookup,
  literalDollar: LiteralDollar,
  depth = 0,
): string {
  if (!text.includes('$')) return text;
  let out = '';
  for (let i = 0; i < text.length;) {
    const escape = literalDollar(text, i);
    if (escape > 0) {
      out += '$';
      i += escape;
      continue;
    }
    if (text[i] !== '$') {
      out += text[i];
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const end = closingBrace(text, i + 2);
      if (end === -1) return out + text.slice(i);
      const whole = text.slice(i, end + 1);
      out +=
        depth >= MAX_NESTING
          ? whole
          : expandBraced(text.slice(i + 2, end), whole, lookup, literalDollar, depth);
      i = end + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) {
      out += '$';
      i++;
      continue;
    }
    out += lookup.get(name) ?? `$${name}`;
    i += 1 + name.length;
  }
  return out;
}

function expandBraced(
  inner: string,
  whole: string,
  lookup: Lookup,
  literalDollar: LiteralDollar,
  depth: number,
): string {
  const name = NAME.exec(inner)?.[0];
  if (!name) return whole;
  const value = lookup.get(name);
  if (inner.length === name.length) return value ?? whole;
  const operator = OPERATOR.exec(inner.slice(name.length))?.[0];
  if (!operator) return whole;
  const word = (): string =>
    expandParameters(inner.slice(name.length + operator.length), lookup, literalDollar, depth + 1);
  const setAndNotEmpty = value !== undefined && value !== '';
  switch (operator) {
    case ':-':
      return setAndNotEmpty ? value : word();
    case '-':
      return value ?? word();
    case ':+':
      return setAndNotEmpty ? word() : '';
    case '+':
      return value === undefined ? '' : word();
    default:
      return (operator === ':?' ? setAndNotEmpty : value !== undefined) ? value! : whole;
  }
}
