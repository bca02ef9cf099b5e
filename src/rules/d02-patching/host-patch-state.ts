// D02 (info): the answers to the guide's "how can I find out?" questions about the host's patch state, in one
// finding, whether or not anything is wrong: when it booted (`uptime`), which kernel runs and which is the
// newest installed (`uname -a` vs `ls /boot/vmlinu*`), when packages last changed (the package logs), what is
// pending, and how many processes still map replaced files (`lsof +L1`). The other D02 host rules judge
// these facts; this one shows them, so a report without D02 findings says why.
import { defineRule } from '../../core/rule.js';
import { daysSince, plural } from './host-time.js';

const DAY_SECONDS = 24 * 60 * 60;

export default defineRule({
  id: 'D02.host-patch-state',
  title: 'Host patch state',
  category: 'D02',
  severity: 'info',
  subject: 'host',
  targets: ['host'],
  threats: [1, 7],
  cis: [],
  related: {},
  rationale:
    'The guide asks a host owner to find out how long the host has been up, whether the running kernel is the newest installed, when packages were last updated and whether processes still use libraries an update replaced. This info finding states each answer as read from the host (or that it could not be read), so the report answers those questions even when no other D02 rule reports a problem.',
  remediation:
    'Nothing to fix: read the answers. Act on the other D02 host findings (reboot pending, stale packages, deleted libraries, engine restart pending) when they appear.',
  references: ['https://owasp.org/www-project-docker-top-10/'],
  examples: [
    {
      target: 'host',
      bad: '/proc/uptime: "864000.52 1700000.10\\n"\n/proc/sys/kernel/osrelease: "6.1.0-27-amd64\\n"\n',
      good: '/etc/hostname: "no-proc\\n"\n',
    },
  ],
  check(host, context) {
    const system = host.system;
    // A filesystem with neither a running kernel nor a boot time (a disk image under --root) has no patch
    // state to tell: its packages alone say nothing of what runs.
    if (
      system.kernelRunning === undefined &&
      system.uptimeSeconds === undefined &&
      system.bootTime === undefined
    )
      return [];
    const answers: string[] = [];
    const uptime = system.uptimeSeconds;
    if (uptime !== undefined) answers.push(`up ${plural(Math.floor(uptime.value / DAY_SECONDS), 'day')}`);
    else if (system.bootTime !== undefined) {
      const days = daysSince(system.bootTime.value, context.now);
      if (days !== undefined) answers.push(`booted ${plural(days, 'day')} ago`);
    }
    const running = system.kernelRunning?.value;
    if (running !== undefined) {
      const installed = (system.kernelsInstalled ?? []).map((k) => k.value.version);
      answers.push(
        `kernel ${running} running${installed.length > 0 ? ` (installed: ${[...new Set(installed)].join(', ')})` : ''}`,
      );
    }
    const activity = [...(system.packageActivity ?? [])].sort((a, b) =>
      a.value.time < b.value.time ? 1 : -1,
    )[0];
    if (activity !== undefined) {
      const days = daysSince(activity.value.time, context.now);
      answers.push(
        `packages last changed ${activity.value.time.slice(0, 10)}${days !== undefined ? ` (${plural(days, 'day')} ago, ${activity.value.source})` : ''}`,
      );
    } else if (system.packageActivity !== undefined) answers.push('no package activity found');
    if (system.pendingUpdates !== undefined)
      answers.push(`${plural(system.pendingUpdates.value.security, 'security update')} pending`);
    if (system.rebootRequired !== undefined) answers.push('a package asks for a reboot');
    if (system.deletedMappings !== undefined) {
      const processes = new Set(system.deletedMappings.map((m) => m.value.pid)).size;
      answers.push(
        `${plural(processes, 'process', 'processes')} still ${processes === 1 ? 'maps' : 'map'} deleted files${system.unreadableMaps ? ` (${system.unreadableMaps} not readable)` : ''}`,
      );
    }
    if (answers.length === 0) return [];
    return [
      {
        message: `${host.label} patch state: ${answers.join('; ')}`,
        location: system.kernelRunning?.at ?? system.uptimeSeconds?.at ?? host.at,
        evidence: answers.join('\n'),
      },
    ];
  },
});
