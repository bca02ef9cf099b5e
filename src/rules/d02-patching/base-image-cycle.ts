// Which release cycles an image reference is built on, read from its name and tag, and when they end:
// `node:16-bullseye` is Node.js 16 on Debian 11, `python:3.8-slim` is Python 3.8, `debian:buster` and
// `debian:10` are Debian 10. The dates come from data/base-image-eol.json (see scripts/refresh-eol.mjs).
import type { ImageRef } from '../../subjects/image-ref.js';
import eolTable from './data/base-image-eol.json' with { type: 'json' };

interface Cycle {
  cycle: string;
  /** A date (`YYYY-MM-DD`), true when ended on an unknown date, null when no end is announced. */
  eol: string | boolean | null;
  codename?: string;
}

interface Product {
  title: string;
  cycles: Cycle[];
}

const PRODUCTS = eolTable.products as Record<string, Product>;

/** The snapshot the table was taken from, for messages. */
export const EOL_SNAPSHOT: string = eolTable.snapshot;

export interface ImageCycle {
  /** `Node.js`, `Debian` */
  product: string;
  /** `16`, `10 (Buster)` */
  release: string;
  /** undefined when no end is announced; `true` when it ended on an unknown date. */
  eol?: Date | true;
}

function segments(version: string): number[] {
  return version.split('.').map(Number);
}

/** The cycle of `product` a version belongs to: the longest cycle whose parts begin the version. */
function cycleFor(productKey: string, version: string): Cycle | undefined {
  const product = PRODUCTS[productKey];
  if (!product || !/^\d+(\.\d+)*$/.test(version)) return undefined;
  const parts = segments(version);
  let best: Cycle | undefined;
  for (const cycle of product.cycles) {
    const cycleParts = segments(cycle.cycle);
    if (cycleParts.length > parts.length || cycleParts.some((part, i) => part !== parts[i])) continue;
    if (!best || cycleParts.length > segments(best.cycle).length) best = cycle;
  }
  return best;
}

function codenameOf(cycle: Cycle): string | undefined {
  return cycle.codename?.split(/\s+/)[0]?.toLowerCase();
}

function cycleByCodename(productKey: string, word: string): Cycle | undefined {
  return PRODUCTS[productKey]?.cycles.find((cycle) => codenameOf(cycle) === word.toLowerCase());
}

function describe(productKey: string, cycle: Cycle): ImageCycle {
  const product = PRODUCTS[productKey]!;
  const codename = cycle.codename === undefined ? '' : ` (${cycle.codename})`;
  const result: ImageCycle = { product: product.title, release: `${cycle.cycle}${codename}` };
  if (cycle.eol === true) result.eol = true;
  else if (typeof cycle.eol === 'string') result.eol = new Date(`${cycle.eol}T00:00:00Z`);
  return result;
}

const LEADING_VERSION = /^\d+(?:\.\d+)*/;

/** The version a tag starts with: `3.8` for `3.8.18-slim-bookworm`, `11.0.20` for `11.0.20_8-jdk`. */
function leadingVersion(tag: string): string | undefined {
  return LEADING_VERSION.exec(tag)?.[0];
}

/** A distribution named in a tag's variant: `bookworm`, `jammy`, `alpine3.19`, `al2023`. */
function variantCycle(word: string): ImageCycle | undefined {
  const debian = cycleByCodename('debian', word);
  if (debian) return describe('debian', debian);
  const ubuntu = cycleByCodename('ubuntu', word);
  if (ubuntu) return describe('ubuntu', ubuntu);
  const alpine = /^alpine(\d+\.\d+)$/.exec(word);
  if (alpine) {
    const cycle = cycleFor('alpine-linux', alpine[1]!);
    return cycle && describe('alpine-linux', cycle);
  }
  const amazon = /^al(2|2023)$/.exec(word);
  if (amazon) {
    const cycle = cycleFor('amazon-linux', amazon[1]!);
    return cycle && describe('amazon-linux', cycle);
  }
  return undefined;
}

/** How one family of images names its releases. */
interface Family {
  product: string;
  /** Reads the product's cycle from the tag (or, for UBI, the repository). */
  cycle(tag: string, repository: string): Cycle | undefined;
  /** Language images name the distribution they are built on in the tag (`-bookworm`, `-alpine3.19`). */
  variants: boolean;
}

function byVersion(product: string, variants = false): Family {
  return {
    product,
    variants,
    cycle: (tag) => {
      const version = leadingVersion(tag);
      return version === undefined ? undefined : cycleFor(product, version);
    },
  };
}

function byVersionOrCodename(product: string): Family {
  return {
    product,
    variants: false,
    cycle: (tag) => {
      const version = leadingVersion(tag);
      if (version !== undefined) return cycleFor(product, version);
      return cycleByCodename(product, tag.split(/[-_.]/)[0]!);
    },
  };
}

const CENTOS: Family = {
  product: 'centos',
  variants: false,
  cycle: (tag) => {
    const version = leadingVersion(tag.replace(/^centos/i, ''));
    return version === undefined ? undefined : cycleFor('centos', version);
  },
};

/** Docker Official Images (`library/<name>`, on Docker Hub or a mirror of it), by name. */
const OFFICIAL: Record<string, Family> = {
  debian: byVersionOrCodename('debian'),
  ubuntu: byVersionOrCodename('ubuntu'),
  alpine: byVersion('alpine-linux'),
  centos: CENTOS,
  fedora: byVersion('fedora'),
  amazonlinux: byVersion('amazon-linux'),
  rockylinux: byVersion('rocky-linux'),
  almalinux: byVersion('almalinux'),
  oraclelinux: byVersion('oracle-linux'),
  node: byVersion('nodejs', true),
  python: byVersion('python', true),
  ruby: byVersion('ruby', true),
  golang: byVersion('go', true),
  php: byVersion('php', true),
  'eclipse-temurin': byVersion('eclipse-temurin', true),
  openjdk: byVersion('openjdk-builds-from-oracle', true),
  amazoncorretto: byVersion('amazon-corretto', true),
};

const UBI: Family = {
  product: 'rhel',
  variants: false,
  cycle: (_tag, repository) => {
    const major = /(?:^|\/)(?:ubi|rhel)(\d+)(?:\/|$)/.exec(repository)?.[1];
    return major === undefined ? undefined : cycleFor('rhel', major);
  },
};

/** Images outside the official library, by `registry/repository`. */
const OTHERS: [RegExp, Family][] = [
  [/^quay\.io\/centos\/centos$/, CENTOS],
  [/^registry\.fedoraproject\.org\/fedora$/, byVersion('fedora')],
  [/^public\.ecr\.aws\/amazonlinux\/amazonlinux$/, byVersion('amazon-linux')],
  [/^(docker\.io|quay\.io)\/rockylinux\/rockylinux$/, byVersion('rocky-linux')],
  [/^container-registry\.oracle\.com\/os\/oraclelinux$/, byVersion('oracle-linux')],
  [/^(docker\.io|registry\.opensuse\.org)\/opensuse\/leap$/, byVersion('opensuse')],
  [/^(registry\.access\.redhat\.com|registry\.redhat\.io|docker\.io\/redhat)\/(ubi\d+|rhel\d+)(\/|$)/, UBI],
  [/^mcr\.microsoft\.com\/dotnet\/(core\/)?(runtime|aspnet|sdk|runtime-deps)$/, byVersion('dotnet', true)],
];

function familyOf(image: ImageRef): Family | undefined {
  const official = /^(?:.*\/)?library\/([^/]+)$/.exec(image.repository)?.[1];
  if (official !== undefined) return OFFICIAL[official];
  const name = `${image.registry}/${image.repository}`;
  return OTHERS.find(([pattern]) => pattern.test(name))?.[1];
}

/** Lookups by reference: a repository names the same few base images thousands of times. */
const cyclesByReference = new Map<string, readonly ImageCycle[]>();

/** Every release cycle the reference names that the table knows: the product's own and its base distribution's. */
export function imageCycles(image: ImageRef): readonly ImageCycle[] {
  const key = `${image.registry}/${image.repository}:${image.tag ?? ''}${image.unresolved ? '$' : ''}`;
  let cycles = cyclesByReference.get(key);
  if (!cycles) {
    cycles = lookUpCycles(image);
    cyclesByReference.set(key, cycles);
  }
  return cycles;
}

function lookUpCycles(image: ImageRef): ImageCycle[] {
  const family = familyOf(image);
  const tag = image.tag?.toLowerCase();
  if (!family || tag === undefined || image.unresolved) return [];
  const found: ImageCycle[] = [];
  const own = family.cycle(tag, image.repository);
  if (own) found.push(describe(family.product, own));
  if (family.variants) {
    const rest = tag.slice(leadingVersion(tag)?.length ?? 0);
    for (const word of rest.split(/[-_]/)) {
      const variant = word === '' ? undefined : variantCycle(word);
      if (variant) found.push(variant);
    }
  }
  return found;
}

/** os-release `ID` → the table's product; CentOS Stream says `ID=centos` with `NAME="CentOS Stream"`. */
const OS_PRODUCTS: Record<string, string> = {
  debian: 'debian',
  ubuntu: 'ubuntu',
  alpine: 'alpine-linux',
  centos: 'centos',
  'centos-stream': 'centos-stream',
  fedora: 'fedora',
  amzn: 'amazon-linux',
  rocky: 'rocky-linux',
  almalinux: 'almalinux',
  ol: 'oracle-linux',
  'opensuse-leap': 'opensuse',
  rhel: 'rhel',
};

/**
 * The release cycle an image's operating system belongs to, from its os-release `ID`, `VERSION_ID` (or
 * `VERSION_CODENAME`) and `NAME`. Undefined when the table does not know the distribution or the version
 * (Alpine edge, Debian testing without a codename the table lists).
 */
export function osCycle(os: {
  id: string;
  versionId?: string;
  codename?: string;
  name?: string;
}): ImageCycle | undefined {
  const key = os.id === 'centos' && /stream/i.test(os.name ?? '') ? 'centos-stream' : os.id;
  const product = OS_PRODUCTS[key];
  if (product === undefined) return undefined;
  if (os.versionId !== undefined) {
    const cycle = cycleFor(product, os.versionId);
    if (cycle) return describe(product, cycle);
  }
  if (os.codename !== undefined) {
    const cycle = cycleByCodename(product, os.codename);
    if (cycle) return describe(product, cycle);
  }
  return undefined;
}

/**
 * Variables the official language images set to the runtime they install (`ENV NODE_VERSION 16.20.2`):
 * the runtime an image runs even when its name no longer says so.
 */
const RUNTIME_VARIABLES: Record<string, string> = {
  NODE_VERSION: 'nodejs',
  PYTHON_VERSION: 'python',
  GOLANG_VERSION: 'go',
  RUBY_VERSION: 'ruby',
  PHP_VERSION: 'php',
};

/** The runtime cycle an image's `NAME_VERSION=1.2.3` variable names, when the table knows it. */
export function runtimeCycle(name: string, value: string): ImageCycle | undefined {
  const product = RUNTIME_VARIABLES[name];
  const version = LEADING_VERSION.exec(value.trim().replace(/^v/, ''))?.[0];
  if (product === undefined || version === undefined) return undefined;
  const cycle = cycleFor(product, version);
  return cycle && describe(product, cycle);
}
