// Lists in messages stay short: a namespace of a thousand pods or an image shared by a thousand containers
// would make messages no one reads, and every report, fingerprint and log line would pay for them.

/** `a, b, c and 7 more`: the first `limit` names, and a count of the rest. */
export function listUpTo(names: Iterable<string>, limit: number): string {
  const shown: string[] = [];
  let count = 0;
  for (const name of names) if (count++ < limit) shown.push(name);
  return count > limit ? `${shown.join(', ')} and ${count - limit} more` : shown.join(', ');
}
