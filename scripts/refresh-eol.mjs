// Rebuilds src/rules/d02-patching/data/base-image-eol.json (the end-of-life table D02.base-image-eol reads)
// from the shared endoflife.date snapshot: `node scripts/refresh-eol.mjs [path/to/eol.json]`, by default
// ../shared/data/eol.json. Only the distributions and language runtimes that base images are built from
// are kept, each cycle with the one date the rule needs.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = process.argv[2] ?? join(ROOT, '..', 'shared', 'data', 'eol.json');
const TARGET = join(ROOT, 'src', 'rules', 'd02-patching', 'data', 'base-image-eol.json');

/**
 * The products kept, and which date ends them. `eol` is the end of security support; Debian's images keep
 * receiving fixes through Debian LTS (`eoes`, same archive, no subscription), Ubuntu's ESM (also `eoes`)
 * needs Ubuntu Pro, so Ubuntu ends at `eol`.
 */
const PRODUCTS = {
  debian: 'eoes',
  ubuntu: 'eol',
  'alpine-linux': 'eol',
  centos: 'eol',
  'centos-stream': 'eol',
  fedora: 'eol',
  'amazon-linux': 'eol',
  'rocky-linux': 'eol',
  almalinux: 'eol',
  'oracle-linux': 'eol',
  opensuse: 'eol',
  rhel: 'eol',
  nodejs: 'eol',
  python: 'eol',
  ruby: 'eol',
  go: 'eol',
  php: 'eol',
  'eclipse-temurin': 'eol',
  'openjdk-builds-from-oracle': 'eol',
  'amazon-corretto': 'eol',
  dotnet: 'eol',
};

/** A date, `true` (ended, date unknown) or null (no end announced); `false` in the source means null. */
function endOf(release, field) {
  const value = release[field] ?? release.eol;
  if (typeof value === 'string' || value === true) return value;
  return null;
}

const shared = JSON.parse(readFileSync(SOURCE, 'utf8'));
const snapshot = /\d{4}-\d{2}-\d{2}/.exec(shared.source ?? '')?.[0] ?? null;
const products = {};
for (const [name, field] of Object.entries(PRODUCTS)) {
  const product = shared.products?.[name];
  if (!product) throw new Error(`${SOURCE} has no product "${name}"`);
  products[name] = {
    title: product.title,
    eolField: field,
    cycles: product.releases.map((release) => {
      const cycle = { cycle: String(release.cycle), eol: endOf(release, field) };
      if (typeof release.codename === 'string') cycle.codename = release.codename;
      return cycle;
    }),
  };
}

const table = {
  source: shared.source,
  snapshot,
  vendoredFrom: relative(ROOT, SOURCE).split('\\').join('/'),
  refresh: 'node scripts/refresh-eol.mjs',
  eolMeans:
    'the last day of free security updates inside the image: the end of Debian LTS for Debian, the end of security support for every other product; null when no end is announced, true when ended on an unknown date',
  products,
};
writeFileSync(TARGET, `${JSON.stringify(table, null, 2)}\n`);
console.log(
  `wrote ${relative(ROOT, TARGET)} (${Object.keys(products).length} products, snapshot ${snapshot})`,
);
