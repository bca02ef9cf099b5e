// D02: the host has not been rebooted for longer than the patch window. Whatever kernel it runs, no kernel
// update of that period is in force; the guide's first indicator (`uptime`).
import { defineRule } from '../../core/rule.js';
import { daysSince, plural } from './host-time.js';

const DAY_SECONDS = 24 * 60 * 60;

export default defineRule({
  id: 'D02.host-uptime',
  title: 'Host not rebooted within the patch window',
  category: 'D02',
  severity: 'low',
  subject: 'host',
  targets: ['host'],
  threats: [1, 7],
  cis: [],
  related: {},
  rationale:
    'Kernel fixes take effect only at boot: a host up for longer than the patch window (setting `maxImageAgeDays`, 90 days by default) runs a kernel that has missed at least one cycle of them, whether or not a newer one was installed (D02.host-reboot-pending says when one was). Long uptime is also a sign that no one has planned reboots, so the next kernel fix will wait too. Low past the window, medium past four times it (a year by default). Read from /proc/uptime (else the boot time in /proc/stat), as `uptime` does.',
  remediation:
    'Plan regular reboots for kernel updates (drain the node first: `kubectl drain NODE --ignore-daemonsets`; kured automates it on Kubernetes), or use live patching (Canonical Livepatch, kpatch) between them, and record it in the patch policy.',
  references: ['https://kured.dev/docs/'],
  examples: [
    {
      target: 'host',
      bad: '/proc/uptime: "11232000.52 22000000.10\\n"\n',
      good: '/proc/uptime: "864000.52 1700000.10\\n"\n',
    },
  ],
  check(host, context) {
    const uptime = host.system.uptimeSeconds;
    const boot = host.system.bootTime;
    const days =
      uptime !== undefined
        ? Math.floor(uptime.value / DAY_SECONDS)
        : boot !== undefined
          ? daysSince(boot.value, context.now)
          : undefined;
    const window = context.settings.maxImageAgeDays;
    if (days === undefined || days <= window) return [];
    const location = uptime?.at ?? boot!.at;
    return [
      {
        message: `${host.label} has been up ${plural(days, 'day')}${boot !== undefined ? ` (since ${boot.value.slice(0, 10)})` : ''}, beyond the ${window}-day patch window: no kernel update of that time is in force; reboot it`,
        location,
        evidence: `up ${days} days${boot !== undefined ? `, booted ${boot.value}` : ''}`,
        severity: days > 4 * window ? 'medium' : 'low',
      },
    ];
  },
});
