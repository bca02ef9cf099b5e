// D09: files of a running container changed outside its volumes and tmpfs mounts (`docker diff`): the
// container is no longer what its image says, so a rebuild or restart loses or hides the change, and a
// change nobody made on purpose is what an intruder leaves behind.
import { defineRule } from '../../core/rule.js';
import { engineExample } from '../shared/engine-examples.js';
import { who } from '../shared/workload.js';

/** Paths every container's runtime writes: not drift. */
const RUNTIME_PATHS = [
  /^\/(proc|sys|dev|run)(\/|$)/,
  /^\/etc\/(hostname|hosts|resolv\.conf|mtab)$/,
  /^\/tmp(\/|$)/,
];

export default defineRule({
  id: 'D09.runtime-drift',
  title: 'Files changed in a running container',
  category: 'D09',
  severity: 'medium',
  subject: 'workload',
  targets: ['engine'],
  threats: [7, 8],
  cis: [],
  related: {},
  rationale:
    'An immutable container never changes its own filesystem: code and configuration come from the image, data goes to volumes. The guide checks this with `docker diff`. Changed files mean a manual fix that the next deployment loses, an application writing where it should not, or an attacker who installed something: the running container no longer matches the image that was reviewed and scanned.',
  remediation:
    'Find out what changed (`docker diff <container>`), put legitimate changes into the image or a volume, redeploy from the image, and run with a read-only root filesystem (`--read-only`, compose `read_only: true`) with tmpfs for the paths that must be writable.',
  references: ['https://docs.docker.com/reference/cli/docker/container/diff/'],
  examples: [
    {
      target: 'engine',
      bad: engineExample({
        changes: [
          { Path: '/usr/local/bin', Kind: 0 },
          { Path: '/usr/local/bin/xmrig', Kind: 1 },
        ],
      }),
      good: engineExample({
        changes: [
          { Path: '/tmp', Kind: 0 },
          { Path: '/tmp/cache.db', Kind: 1 },
        ],
      }),
    },
  ],
  check(workload) {
    const changes = workload.live?.changes;
    if (!changes) return [];
    // What the container may write: its volumes and tmpfs mounts, and what every runtime writes.
    const mounted = workload.mounts.map((mount) => mount.target.replace(/\/$/, ''));
    const drift = changes.value.filter(
      (change) =>
        !RUNTIME_PATHS.some((pattern) => pattern.test(change.path)) &&
        !mounted.some((target) => change.path === target || change.path.startsWith(`${target}/`)),
    );
    // A directory listed as modified only because a file in it changed says nothing more.
    const files = drift.filter((change) => !drift.some((other) => other.path.startsWith(`${change.path}/`)));
    if (files.length === 0) return [];
    const shown = files.slice(0, 5).map((change) => `${change.kind} ${change.path}`);
    return [
      {
        message: `${who(workload)} has ${files.length} file${files.length === 1 ? '' : 's'} changed outside its volumes since it started: ${shown.join(', ')}${files.length > shown.length ? ', …' : ''}`,
        location: changes.at,
        evidence: shown[0]!,
      },
    ];
  },
});
