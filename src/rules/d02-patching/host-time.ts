// What the host patch rules share: whole days between a fact's time and the evaluation clock, and the
// /proc/<pid>/stat line their examples write.
import type { Severity } from '../../core/severity.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `iso` to `now`; undefined for a time that is no date. A time after `now` is 0 days. */
export function daysSince(iso: string, now: Date): number | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  return Math.max(0, Math.floor((now.getTime() - time) / DAY_MS));
}

/**
 * How urgent a pending restart is by how long the update has waited for it: a day is the normal delay of a
 * maintenance window (info), a week low, a month medium, longer high. Unknown: medium.
 */
export function waitingSeverity(days: number | undefined): Severity {
  if (days === undefined) return 'medium';
  if (days <= 1) return 'info';
  if (days <= 7) return 'low';
  if (days <= 30) return 'medium';
  return 'high';
}

/** `3 days`, `1 day`; `many` when the plural is not `noun` + s. */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`;
}

/** One stat line of /proc/<pid>/stat: `pid (name) S` and the fields up to starttime (22). */
export function procStat(pid: number, name: string, startTicks = 1000): string {
  return `${pid} (${name}) S 1 ${pid} ${pid} 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 ${startTicks} 1000 100 0\n`;
}
