// `until` days. js-yaml turns an unquoted `2027-01-31` into a Date and quietly rolls `2027-02-30` over
// to March 2nd, so a day is judged by the text written in the file, never by the Date js-yaml made.
import type { SourceLocation } from '../core/location.js';
import { DAY_PATTERN } from './schema.js';

const DAY = new RegExp(DAY_PATTERN);

/** The scalar written at `at`, up to a comment or the end of a flow collection item. */
export function writtenScalar(lines: readonly string[], at: SourceLocation): string | undefined {
  const line = lines[at.line - 1];
  if (line === undefined) return undefined;
  const text = /^[^,}\]#\r\n]*/.exec(line.slice(at.column - 1))?.[0].trim();
  return text === '' ? undefined : text;
}

/** What a Date js-yaml made from an unquoted timestamp stands for: the text, or failing that the instant. */
export function dayText(value: Date, lines: readonly string[], at: SourceLocation): string {
  return writtenScalar(lines, at) ?? (Number.isNaN(value.getTime()) ? String(value) : value.toISOString());
}

/** `YYYY-MM-DD` naming a day that exists (no February 30th). */
export function isRealDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC day of an instant, `YYYY-MM-DD`: `until` days compare with it as strings. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
