// D04: a RUN in the stages that end in the image installs packages and leaves the package manager's index
// and cache in its layer: apt lists, the apk cache, the yum/dnf/zypper caches.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { BuildRun } from '../../subjects/build-spec.js';
import { describeStage, finalImageStages } from '../shared/build.js';
import { instructionEvidence } from '../shared/command-secrets.js';
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

export default defineRule({
  id: 'D04.package-cache',
  title: 'Package manager cache left in the image',
  category: 'D04',
  severity: 'low',
  subject: 'build',
  targets: ['dockerfile'],
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
  ],
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
