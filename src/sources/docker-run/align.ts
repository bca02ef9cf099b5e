// Matching the characters of a value back to the text it was written as: a YAML string to the lines of
// its `run: |` block, a `sh -c "…"` argument to the script line it is quoted on. Quotes, escapes,
// indentation and folded line breaks are in the text and not in the value; the matching steps over them.

/** How far past the expected place a character of the value is looked for (quotes, escapes). */
const WINDOW = 8;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/**
 * For each character of `value` (a YAML scalar or a shell word read from the text at `from`), the offset
 * of the source character it came from. Block scalars start on the line after their `|`/`>` header,
 * quoted text after the quote; a folded line break matches the break it replaced, an escape the character
 * it stands for. Where the two cannot be matched (an escape such as `\n`), the offset stays where matching
 * left off. `value.length` maps to where matching ended.
 */
export function alignText(source: string, from: number, value: string): Int32Array {
  let p = Math.min(Math.max(from, 0), source.length);
  const first = source[p];
  if (first === '|' || first === '>') {
    const newline = source.indexOf('\n', p);
    p = newline === -1 ? source.length : newline + 1;
  } else if (first === '"' || first === "'") p++;
  const map = new Int32Array(value.length + 1);
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (isSpace(c)) {
      map[i] = p;
      if (isSpace(source[p])) p++;
      continue;
    }
    let q = p;
    while (q < source.length && isSpace(source[q])) q++;
    let found = -1;
    for (let k = q; k < source.length && k < q + WINDOW; k++) {
      if (source[k] === c) {
        found = k;
        break;
      }
    }
    if (found === -1) map[i] = q;
    else {
      map[i] = found;
      p = found + 1;
    }
  }
  map[value.length] = p;
  return map;
}
