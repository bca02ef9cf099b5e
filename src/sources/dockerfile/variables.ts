// Build-time variables of a Dockerfile: the `NAME=value` lists of ARG and ENV, and `$NAME` expansion as
// BuildKit does it (`${NAME:-default}`, `${NAME:+alt}`, ...). A variable whose value only the build knows
// (no default, set by `--build-arg`) stays as written, so reports show it unresolved.

import { expandParameters, type Lookup } from '../shared/parameter-expansion.js';

/** Known values; a name that is absent is unset or known only to the build. */
export type Variables = Lookup;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function expand(text: string, variables: Variables, escapeCharacter = '\\'): string {
  // A Dockerfile writes a literal `$` as `\$` (or with the escape character the file chose).
  return expandParameters(text, variables, (t, i) => (t[i] === escapeCharacter && t[i + 1] === '$' ? 2 : 0));
}

/** One `NAME` or `NAME=value` of an ARG or ENV; `value` is undefined for a bare `NAME`. */
export interface Assignment {
  name: string;
  /** As written: quotes, escapes and `$` references still in (see `wordValue`). */
  value?: string;
}

/** Removes the quotes and escapes of one word the way the Dockerfile shell-word lexer does. */
function unquote(word: string, escapeCharacter: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === "'") {
      const end = word.indexOf("'", i + 1);
      if (end === -1) return out + word.slice(i + 1);
      out += word.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < word.length && word[j] !== '"'; j++) {
        if (word[j] === escapeCharacter && (word[j + 1] === '"' || word[j + 1] === escapeCharacter)) j++;
        out += word[j];
      }
      i = j;
    } else if (c === escapeCharacter && i + 1 < word.length) {
      out += word[++i];
    } else out += c;
  }
  return out;
}

/** Splits at blanks outside quotes and escapes. */
export function words(text: string, escapeCharacter: string): string[] {
  const result: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === escapeCharacter && i + 1 < text.length) {
      current += c + text[++i];
    } else if (quote) {
      current += c;
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      current += c;
      quote = c;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (current !== '') result.push(current);
      current = '';
    } else current += c;
  }
  if (current !== '') result.push(current);
  return result;
}

/** The value of a word as the build sees it: variables expanded, then quotes and escapes removed. */
export function wordValue(raw: string, variables: Variables, escapeCharacter: string): string {
  return unquote(expand(raw, variables, escapeCharacter), escapeCharacter);
}

/**
 * The assignments of `ARG a b=2` and `ENV a=1 b="two words"`, values as written. `ENV name some value`
 * (the legacy form, without `=`) is one assignment.
 */
export function parseAssignments(text: string, escapeCharacter: string, legacyForm: boolean): Assignment[] {
  const list = words(text, escapeCharacter);
  const first = list[0];
  if (first === undefined) return [];
  if (legacyForm && !first.includes('=')) {
    if (!NAME.test(first)) return [];
    const value = text.trim().slice(first.length).trim();
    return [{ name: first, value }];
  }
  const assignments: Assignment[] = [];
  for (const word of list) {
    const equals = word.indexOf('=');
    const name = equals === -1 ? word : word.slice(0, equals);
    if (NAME.exec(name)?.[0] !== name) continue;
    assignments.push(equals === -1 ? { name } : { name, value: word.slice(equals + 1) });
  }
  return assignments;
}
