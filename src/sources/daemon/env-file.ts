// dockerd flags from a shell-style environment file: `/etc/default/docker` (`DOCKER_OPTS="…"`, read by the
// init script), `/etc/sysconfig/docker` (`OPTIONS='…'`) or a `docker.env` given to the unit as
// EnvironmentFile. The variable is expanded unquoted (`dockerd $DOCKER_OPTS`), so its value is split at
// blanks with quotes inside it kept as plain characters.
import { splitAtBlanks, splitWords, type Word } from './words.js';

/** Variables that carry dockerd's flags in these files. */
export function isOptionsVariable(name: string): boolean {
  return name === 'DOCKER_OPTS' || name === 'OPTIONS' || /^DOCKER_([A-Z]+_)*OPTIONS$/.test(name);
}

export interface EnvOptions {
  /** Every flag word, in order of the variables' first assignment. */
  words: Word[];
  /** Names of the variables found, in order. */
  variables: string[];
  /** Where the first assignment of such a variable starts; undefined when there is none. */
  firstOffset?: number;
  unterminatedQuote?: number;
}

export function envFileOptions(text: string): EnvOptions {
  const split = splitWords(text, 0, text.length, 'shell');
  const values = new Map<string, Word[]>();
  let firstOffset: number | undefined;
  let previous: Word | undefined;
  for (const word of split.words) {
    const assignable = word.commandStart || (previous?.text === 'export' && previous.commandStart);
    previous = word;
    if (!assignable) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word.text);
    if (!match || !isOptionsVariable(match[1]!)) continue;
    const name = match[1]!;
    const cut = match[0].length;
    const value: Word = {
      text: word.text.slice(cut),
      offsets: word.offsets.slice(cut),
      start: word.offsets[cut] ?? word.start,
      expands: false,
      commandStart: false,
    };
    firstOffset ??= word.start;
    // `DOCKER_OPTS="$DOCKER_OPTS --icc=false"` adds to the earlier value; anything else replaces it.
    const appends = new RegExp(`\\$(\\{${name}\\}|${name}(?![A-Za-z0-9_]))`).test(value.text);
    const words = splitAtBlanks(value);
    values.set(name, appends ? [...(values.get(name) ?? []), ...words] : words);
  }
  const result: EnvOptions = { words: [...values.values()].flat(), variables: [...values.keys()] };
  if (firstOffset !== undefined) result.firstOffset = firstOffset;
  if (split.unterminatedQuote !== undefined) result.unterminatedQuote = split.unterminatedQuote;
  return result;
}
