// Version comparison for container runtimes, as data/runtime-cves.json's note defines it: a leading `v`,
// `-ce`/`-ee` and `+build` metadata ignored; runc's old `-rcN` compared numerically; a pre-release sorts
// before its release. Distribution packages (Debian's `1.1.5+ds1`, Ubuntu's `…ubuntu1`) are recognised,
// because they often carry backported fixes their upstream version does not show.

interface ParsedVersion {
  numbers: number[];
  /** Pre-release identifiers (`rc10` → ['rc', 10]); empty for a release. */
  pre: (string | number)[];
}

export function parseRuntimeVersion(text: string): ParsedVersion | undefined {
  const cleaned = text
    .trim()
    .replace(/^v/, '')
    .replace(/[+~].*$/, '')
    .replace(/-(ce|ee)$/, '');
  const match = /^(\d+(?:\.\d+)*)(?:-(.+))?$/.exec(cleaned);
  if (!match) return undefined;
  const pre = (match[2] ?? '')
    .split(/[.-]/)
    .filter((part) => part !== '')
    .flatMap((part) => {
      const rc = /^([a-z]+)(\d+)$/i.exec(part);
      return rc
        ? [rc[1]!.toLowerCase(), Number(rc[2])]
        : [/^\d+$/.test(part) ? Number(part) : part.toLowerCase()];
    });
  return { numbers: match[1]!.split('.').map(Number), pre };
}

export function compareRuntimeVersions(a: ParsedVersion, b: ParsedVersion): number {
  const length = Math.max(a.numbers.length, b.numbers.length);
  for (let i = 0; i < length; i++) {
    const difference = (a.numbers[i] ?? 0) - (b.numbers[i] ?? 0);
    if (difference !== 0) return difference;
  }
  // A release sorts after its pre-releases.
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** A distribution's build of an upstream version: fixes may be backported without a new version. */
export function isDistributionBuild(text: string): boolean {
  return /[+~](dfsg|ds)|ubuntu|deb\d|\.el\d|\.fc\d|\.amzn/i.test(text);
}
