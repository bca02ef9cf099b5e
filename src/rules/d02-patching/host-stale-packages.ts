// D02: the host's packages have not changed for longer than the patch window, or its package lists say
// security updates are pending. The newest sign of any package manager counts (dpkg.log, apt history, the
// dpkg, rpm or apk database's modification time): one recent update of anything shows patching happens.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { daysSince, plural } from './host-time.js';

export default defineRule({
  id: 'D02.host-stale-packages',
  title: 'Host packages not updated within the patch window',
  category: 'D02',
  severity: 'high',
  subject: 'host',
  targets: ['host'],
  threats: [1, 4, 7],
  cis: [],
  related: {},
  rationale:
    "The host runs the engine, the kernel every container shares and services reachable from the network (sshd); a host whose packages have not been updated for months misses every security fix published since. The last package activity is read as the guide suggests (`/var/log/dpkg.log*`, apt history, the rpm database's change time, `rpm -qa --last`) without running a command: the newest installation or upgrade any of them shows. Past a third of the patch window (setting `maxImageAgeDays`, 90 days by default) it is medium, past the window high. Ubuntu's update-notifier also records how many security updates are pending (/var/lib/update-notifier/updates-available); other distributions keep no such file, and dt10 runs no package manager to ask.",
  remediation:
    'Apply the pending updates (`apt-get update && apt-get upgrade`, `dnf upgrade --security`, `apk upgrade`) and automate them: unattended-upgrades on Debian/Ubuntu, dnf-automatic on RHEL/Fedora. Reboot or restart what the update replaced (see D02.host-reboot-pending and D02.host-deleted-libraries). Set the window with `settings.maxImageAgeDays` in .dt10.yaml.',
  references: [
    'https://wiki.debian.org/UnattendedUpgrades',
    'https://dnf.readthedocs.io/en/latest/automatic.html',
  ],
  examples: [
    {
      target: 'host',
      bad: '/var/log/dpkg.log: "2026-03-02 08:00:00 status installed openssl:amd64 3.0.11-1\\n"\n',
      good: '/var/log/dpkg.log: "2026-10-28 06:25:14 status installed openssl:amd64 3.0.15-1\\n"\n',
    },
  ],
  check(host, context) {
    const violations: Violation[] = [];
    const window = context.settings.maxImageAgeDays;
    let newest: NonNullable<typeof host.system.packageActivity>[number] | undefined;
    for (const activity of host.system.packageActivity ?? [])
      if (newest === undefined || Date.parse(activity.value.time) > Date.parse(newest.value.time))
        newest = activity;
    const days = newest !== undefined ? daysSince(newest.value.time, context.now) : undefined;
    if (newest !== undefined && days !== undefined && days > Math.ceil(window / 3)) {
      const beyond = days > window;
      violations.push({
        message: `${host.label} last installed or upgraded a package ${plural(days, 'day')} ago (${newest.value.time.slice(0, 10)}, ${newest.value.source}), ${beyond ? `beyond the ${window}-day patch window` : `past a third of the ${window}-day patch window`}: apply security updates`,
        location: newest.at,
        evidence: `${newest.value.source}: ${newest.value.time}${newest.value.detail !== undefined ? ` ${newest.value.detail}` : ''}`,
        severity: beyond ? 'high' : 'medium',
      });
    }
    const pending = host.system.pendingUpdates;
    if (pending !== undefined && pending.value.security > 0)
      violations.push({
        message: `${host.label}'s package lists say ${plural(pending.value.security, 'security update')} ${pending.value.security === 1 ? 'is' : 'are'} pending${pending.value.total !== undefined ? ` (${plural(pending.value.total, 'update')} in all)` : ''}: apply them`,
        location: pending.at,
        evidence: `${pending.at.path}: ${pending.value.security} security`,
        severity: 'medium',
      });
    return violations;
  },
});
