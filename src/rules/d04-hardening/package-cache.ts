// D04: a RUN in the stages that end in the image installs packages and leaves the package manager's index
// and cache in its layer: apt lists, the apk cache, the yum/dnf/zypper caches. In a built image: the files
// of those caches (and of pip, npm, yarn, composer and go) that its layers hold.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { BuildRun } from '../../subjects/build-spec.js';
import type { ImageFile, ImageSpec } from '../../subjects/index.js';
import { fileAt } from '../../subjects/image-spec.js';
import { describeStage, finalImageStages } from '../shared/build.js';
import { instructionEvidence } from '../shared/command-secrets.js';
import { imageWho } from '../shared/image.js';
import { listText, sizeText } from '../shared/image-files.js';
import {
  type PackageCommand,
  type PackageManager,
  type ShellCommand,
  packageCommands,
  programOf,
  runCommands,
} from '../shared/shell.js';

interface ManagerCache {
  /** What it leaves, for the message. */
  leaves: string;
  /** Directories a `--mount=type=cache` may hold instead of the layer. */
  cacheDirectories: string[];
  /** Actions that fill the cache. */
  fills: Set<string>;
  /** The cleanup that fixes it, for the message. */
  cleanup: string;
}

const CACHES: Record<PackageManager, ManagerCache> = {
  apt: {
    leaves: '/var/lib/apt/lists',
    cacheDirectories: ['/var/lib/apt', '/var/cache/apt'],
    fills: new Set([
      'update',
      'install',
      'reinstall',
      'upgrade',
      'dist-upgrade',
      'full-upgrade',
      'build-dep',
    ]),
    cleanup: 'end the RUN with `rm -rf /var/lib/apt/lists/*`',
  },
  apk: {
    leaves: '/var/cache/apk',
    cacheDirectories: ['/var/cache/apk', '/etc/apk/cache'],
    fills: new Set(['add', 'update', 'upgrade', 'fix']),
    cleanup: 'use `apk add --no-cache`',
  },
  yum: {
    leaves: 'the yum/dnf cache (/var/cache/yum, /var/cache/dnf)',
    cacheDirectories: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
    fills: new Set([
      'install',
      'reinstall',
      'localinstall',
      'groupinstall',
      'update',
      'upgrade',
      'makecache',
    ]),
    cleanup: 'end the RUN with `yum clean all` (`dnf clean all`, `microdnf clean all`)',
  },
  zypper: {
    leaves: '/var/cache/zypp',
    cacheDirectories: ['/var/cache/zypp'],
    fills: new Set(['install', 'in', 'update', 'up', 'refresh', 'ref', 'dist-upgrade', 'dup']),
    cleanup: 'end the RUN with `zypper clean --all`',
  },
};

function removes(commands: readonly ShellCommand[], directory: RegExp): boolean {
  return commands.some(
    (command) =>
      (programOf(command) === 'rm' || (programOf(command) === 'find' && command.words.includes('-delete'))) &&
      command.words.some((word) => directory.test(word)),
  );
}

/** True when the RUN cleans what `manager` left, in the same layer. */
function cleansUp(
  manager: PackageManager,
  commands: readonly ShellCommand[],
  found: PackageCommand[],
): boolean {
  switch (manager) {
    case 'apt':
      return removes(commands, /^\/var\/lib\/apt\/lists(\/|$)/);
    case 'apk':
      return (
        found.every(
          (command) =>
            command.manager !== 'apk' ||
            !CACHES.apk.fills.has(command.action) ||
            command.options.includes('--no-cache'),
        ) ||
        removes(commands, /^\/var\/cache\/apk(\/|$)/) ||
        found.some(
          (command) =>
            command.manager === 'apk' && command.action === 'cache' && command.packages.includes('clean'),
        )
      );
    case 'yum':
      return (
        found.some(
          (command) =>
            command.manager === 'yum' && command.action === 'clean' && command.packages.includes('all'),
        ) || removes(commands, /^\/var\/cache\/(yum|dnf|libdnf5)(\/|$)/)
      );
    case 'zypper':
      return (
        found.some((command) => command.manager === 'zypper' && ['clean', 'cc'].includes(command.action)) ||
        removes(commands, /^\/var\/cache\/zypp(\/|$)/)
      );
  }
}

/** A `--mount=type=cache` over the manager's directories keeps the cache out of the layer. */
function cachedByMount(run: BuildRun, manager: PackageManager): boolean {
  return run.mounts.some((mount) => {
    const options = new Map(
      mount.split(',').map((pair) => {
        const [key = '', value = ''] = pair.split('=', 2);
        return [key.trim().toLowerCase(), value.trim()] as const;
      }),
    );
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? '';
    return (
      options.get('type') === 'cache' &&
      CACHES[manager].cacheDirectories.some((dir) => target === dir || target.startsWith(`${dir}/`))
    );
  });
}

interface ImageCache {
  /** Matches a cache file's path; group 1 is the cache directory the finding names. */
  pattern: RegExp;
  /** What the directory holds, for the message. */
  what: string;
  cleanup: string;
}

/** Home directories whose tool caches count: root's and those under /home. */
const HOME = '(?:/root|/home/[^/]+)';

const IMAGE_CACHES: ImageCache[] = [
  {
    pattern: /^(\/var\/cache\/apt\/archives)\/(?:partial\/)?[^/]+\.deb$/,
    what: 'downloaded apt packages',
    cleanup: 'run `apt-get clean` and `rm -rf /var/lib/apt/lists/*` in the RUN that installs',
  },
  {
    pattern: /^(\/var\/cache\/apt)\/[^/]+\.bin$/,
    what: "apt's package cache",
    cleanup: 'run `apt-get clean` in the RUN that installs',
  },
  {
    // `lock` and `partial/` belong to an empty list directory.
    pattern: /^(\/var\/lib\/apt\/lists)\/(?!lock$|partial\/)/,
    what: 'the apt package lists',
    cleanup: 'end the RUN that installs with `rm -rf /var/lib/apt/lists/*`',
  },
  {
    pattern: /^(\/var\/cache\/apk|\/etc\/apk\/cache)\//,
    what: 'the apk cache',
    cleanup: 'use `apk add --no-cache`',
  },
  {
    pattern: /^(\/var\/cache\/(?:yum|dnf|libdnf5))\//,
    what: 'the yum/dnf cache',
    cleanup: 'end the RUN that installs with `yum clean all` (`dnf clean all`, `microdnf clean all`)',
  },
  {
    pattern: /^(\/var\/cache\/zypp)\//,
    what: 'the zypper cache',
    cleanup: 'end the RUN that installs with `zypper clean --all`',
  },
  {
    pattern: new RegExp(`^(${HOME}/\\.cache/pip)/`),
    what: 'the pip cache',
    cleanup: 'use `pip install --no-cache-dir` (or set `PIP_NO_CACHE_DIR=1`)',
  },
  {
    pattern: new RegExp(`^(${HOME}/\\.npm/_cacache)/`),
    what: 'the npm cache',
    cleanup: 'end the RUN with `npm cache clean --force`, or use a cache mount',
  },
  {
    pattern: new RegExp(`^(${HOME}/\\.cache/yarn|/usr/local/share/\\.cache/yarn)/`),
    what: 'the yarn cache',
    cleanup: 'end the RUN with `yarn cache clean`, or use a cache mount',
  },
  {
    pattern: new RegExp(`^(${HOME}/\\.cache/composer|${HOME}/\\.composer/cache)/`),
    what: 'the composer cache',
    cleanup: 'use `composer install --no-cache` or end the RUN with `composer clear-cache`',
  },
  {
    pattern: new RegExp(`^(${HOME}/\\.cache/go-build)/`),
    what: 'the Go build cache',
    cleanup: 'build in an earlier stage and copy only the binary, or end the RUN with `go clean -cache`',
  },
];

interface CacheFiles {
  cache: ImageCache;
  present: ImageFile[];
  /** Files a later layer removed: their bytes are still in the layer that added them. */
  removed: ImageFile[];
}

/** Empty files (locks, markers) are not cache. */
function cacheFiles(image: ImageSpec): Map<string, CacheFiles> {
  const found = new Map<string, CacheFiles>();
  const add = (file: ImageFile, kind: 'present' | 'removed'): void => {
    if ((file.type !== 'file' && file.type !== 'hardlink') || file.size === 0) return;
    for (const cache of IMAGE_CACHES) {
      const directory = cache.pattern.exec(file.path)?.[1];
      if (directory === undefined) continue;
      const entry = found.get(directory) ?? { cache, present: [], removed: [] };
      entry[kind].push(file);
      found.set(directory, entry);
      return;
    }
  };
  for (const file of image.files.values()) add(file, 'present');
  for (const file of image.deleted)
    if (file.how !== 'replaced' && file.how !== 'overwritten') add(file, 'removed');
  return found;
}

function filesText(files: readonly ImageFile[]): string {
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const layers = [...new Set(files.map((file) => file.layer))].sort((a, b) => a - b);
  return `${files.length} ${files.length === 1 ? 'file' : 'files'}, ${sizeText(bytes)} (${layers.length === 1 ? 'layer' : 'layers'} ${layers.join(', ')})`;
}

function checkImageCaches(image: ImageSpec): Violation[] {
  const violations: Violation[] = [];
  for (const [directory, { cache, present, removed }] of cacheFiles(image)) {
    const kept = present.length > 0 ? `keeps ${cache.what} in ${directory}: ${filesText(present)}` : '';
    const shipped =
      removed.length === 0
        ? ''
        : present.length > 0
          ? `, and ships ${filesText(removed)} of it that a later layer removed`
          : `ships ${cache.what} of ${directory} in the layers that added it, although a later layer removed it: ${filesText(removed)}`;
    const files = [...present, ...removed];
    violations.push({
      message: `${imageWho(image)} ${kept}${shipped}: ${cache.cleanup}`,
      location: fileAt(image, directory),
      evidence: listText(
        files.map((file) => file.path),
        5,
      ),
    });
  }
  return violations;
}

export default defineRule({
  id: 'D04.package-cache',
  title: 'Package manager cache left in the image',
  category: 'D04',
  severity: 'low',
  subject: 'build',
  targets: ['dockerfile', 'image'],
  threats: [8],
  cis: [],
  related: { hadolint: ['DL3009'], dockle: ['DKL-DI-0005'] },
  rationale:
    'The package index and downloaded packages left by apt, apk, yum/dnf or zypper serve no purpose at run time: they add megabytes to every pull, make scanners report packages that are not installed, and record the exact, ageing state of the index. A later RUN that deletes them does not help: the layer that added them keeps them. Clean up in the RUN that installs.',
  remediation:
    'Clean up in the same RUN:\n  RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n  RUN apk add --no-cache curl\n  RUN dnf install -y curl && dnf clean all\nOr keep the cache out of the layer with BuildKit: `RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl`.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#apt-get',
    'https://docs.docker.com/build/cache/optimize/#use-cache-mounts',
    'https://github.com/hadolint/hadolint/wiki/DL3009',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM alpine:3.22\nRUN apk add curl\n',
      good: 'FROM alpine:3.22\nRUN apk add --no-cache curl\n',
    },
    {
      target: 'image',
      bad: 'layers:\n  - /var/lib/apt/lists/deb.debian.org_debian_dists_trixie_InRelease: { size: 2048 }\n    /var/lib/apt/lists/lock: ""\n',
      good: 'layers:\n  - /var/lib/apt/lists/lock: ""\n    /var/lib/apt/lists/partial: { type: directory }\n',
    },
  ],
  checkImage(image) {
    return checkImageCaches(image);
  },
  check(spec) {
    const violations: Violation[] = [];
    for (const stage of finalImageStages(spec)) {
      for (const run of stage.runs) {
        const commands = runCommands(run);
        const found = packageCommands(commands);
        const managers = [
          ...new Set(found.filter((c) => CACHES[c.manager].fills.has(c.action)).map((c) => c.manager)),
        ];
        const left = managers.filter(
          (manager) => !cleansUp(manager, commands, found) && !cachedByMount(run, manager),
        );
        if (left.length === 0) continue;
        violations.push({
          message: `RUN in ${describeStage(spec, stage)} of ${spec.path} leaves ${left.map((m) => CACHES[m].leaves).join(' and ')} in its layer: ${left.map((m) => CACHES[m].cleanup).join('; ')}`,
          location: run.at,
          evidence: instructionEvidence('RUN', run.command),
        });
      }
    }
    return violations;
  },
});
