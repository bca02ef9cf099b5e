// D02: dockerd, containerd or kubelet started before its binary was updated: the engine or node agent was
// upgraded on disk, but the running one is the old version, with the vulnerabilities the update fixed.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { daysSince, plural, procStat } from './host-time.js';

/** A binary written within this long after the process started is the install that started it, not an update. */
const SLACK_MS = 60 * 1000;

export default defineRule({
  id: 'D02.engine-restart-pending',
  title: 'Engine or kubelet runs an older binary than the one installed',
  category: 'D02',
  severity: 'high',
  subject: 'host',
  targets: ['host'],
  threats: [1, 3, 7],
  cis: [],
  related: {},
  rationale:
    "Engine updates fix container escapes (runc, containerd, dockerd: see D02.runtime-vulnerable) and API flaws, but a running daemon keeps its old code until restarted. The guide asks to look at the runtime of `dockerd`, `containerd` and `kube*` processes: dt10 compares each one's start time (/proc/<pid>/stat and the boot time) with its binary. A binary that /proc/<pid>/exe shows as ` (deleted)` was replaced after the process started; one whose change time on disk is later than the start was rewritten since. Either way the update is not in force.",
  remediation:
    'Restart the service in a maintenance window: `systemctl restart containerd docker` (with `"live-restore": true` in daemon.json containers keep running), `systemctl restart kubelet`; drain a node first if containers must move. Then check `docker version` shows the updated version.',
  references: ['https://docs.docker.com/engine/daemon/live-restore/'],
  examples: [
    {
      target: 'host',
      bad: [
        '/proc/stat: "cpu 1 2 3 4\\nbtime 1790000000\\n"',
        `/proc/903/stat: "${procStat(903, 'dockerd').trim()}"`,
        '/proc/903/cmdline: "/usr/bin/dockerd\\0-H\\0fd://\\0"',
        '/proc/903/exe: { link: "/usr/bin/dockerd (deleted)" }',
        '',
      ].join('\n'),
      good: [
        '/proc/stat: "cpu 1 2 3 4\\nbtime 1790000000\\n"',
        `/proc/903/stat: "${procStat(903, 'dockerd').trim()}"`,
        '/proc/903/cmdline: "/usr/bin/dockerd\\0-H\\0fd://\\0"',
        '/proc/903/exe: { link: "/usr/bin/dockerd" }',
        '',
      ].join('\n'),
    },
  ],
  check(host, context) {
    const violations: Violation[] = [];
    for (const service of host.system.engineServices ?? []) {
      const { name, pid, startedAt, binary, binaryReplaced, binaryChangedAt } = service.value;
      const changedAfterStart =
        binaryChangedAt !== undefined && Date.parse(binaryChangedAt) > Date.parse(startedAt) + SLACK_MS;
      if (!binaryReplaced && !changedAfterStart) continue;
      const days = daysSince(startedAt, context.now);
      const how = binaryReplaced
        ? `its binary ${binary ?? ''} was replaced since`.replace('  ', ' ')
        : `its binary ${binary ?? ''} changed on ${binaryChangedAt!.slice(0, 10)}`;
      violations.push({
        message: `${name} (pid ${pid}) has run since ${startedAt.slice(0, 10)}${days !== undefined ? ` (${plural(days, 'day')})` : ''} but ${how}: restart ${name} to run the updated version`,
        location: service.at,
        evidence: `started: ${startedAt}\nbinary: ${binary ?? 'unknown'}${binaryReplaced ? ' (deleted)' : ''}${binaryChangedAt !== undefined ? `\nbinary changed: ${binaryChangedAt}` : ''}`,
      });
    }
    return violations;
  },
});
