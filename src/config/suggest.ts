// "Did you mean": the known rule ids closest to an unknown one, by spelling or by a shared word.

/** Levenshtein distance: insertions, deletions and substitutions. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}

const slug = (id: string): string => id.slice(id.indexOf('.') + 1);
/** Words that say what a rule is about; `no`, `in` and the like are in too many ids to tell them apart. */
const words = (id: string): string[] =>
  slug(id)
    .split('-')
    .filter((word) => word.length > 3);

/**
 * Up to three known ids: those within a few edits of `unknown` (a typo, or the right slug under the wrong
 * category), or else those sharing a word with it (`healthcheck-missing` → `no-healthcheck`).
 */
export function closestIds(unknown: string, known: Iterable<string>): string[] {
  const wanted = unknown.toLowerCase();
  const ids = [...new Set(known)];
  const scored = ids
    .map((id) => ({
      id,
      score: Math.min(distance(wanted, id.toLowerCase()), distance(slug(wanted), slug(id.toLowerCase())) + 1),
    }))
    .filter(({ score }) => score <= Math.max(2, Math.floor(wanted.length / 4)))
    .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1));
  if (scored.length > 0) return scored.slice(0, 3).map(({ id }) => id);
  const mine = new Set(words(wanted));
  const sharing = ids.filter((id) => words(id.toLowerCase()).some((word) => mine.has(word)));
  // A shared word under the category written is the likelier meaning (`missing` is in ids of D04 and D10).
  const category = wanted.slice(0, wanted.indexOf('.') + 1);
  const sameCategory = sharing.filter((id) => category !== '' && id.toLowerCase().startsWith(category));
  return (sameCategory.length > 0 ? sameCategory : sharing).slice(0, 3);
}
