// D02: the host runs an older kernel than the newest one installed (of the same flavour), or a package asked
// for a reboot (/run/reboot-required): the patch is on disk but not in force. How urgent depends on how long
// the newer kernel has waited: a day is a maintenance window, a month is an unpatched host.
import { listUpTo } from '../../core/list.js';
import { defineRule } from '../../core/rule.js';
import { compareKernelVersions, kernelFlavour } from '../../core/kernel-version.js';
import { daysSince, plural, waitingSeverity } from './host-time.js';

export default defineRule({
  id: 'D02.host-reboot-pending',
  title: 'Host reboot pending: a newer kernel is installed than the one running',
  category: 'D02',
  severity: 'high',
  subject: 'host',
  targets: ['host'],
  threats: [1, 7],
  cis: [],
  related: {},
  rationale:
    "A kernel update takes effect only at the next boot: until then the host runs the old kernel with every vulnerability the update fixed, and kernel vulnerabilities are what container escapes use (every container shares the host kernel). The running kernel (/proc/sys/kernel/osrelease, `uname -r`) is compared with the newest installed one of the same flavour (/boot/vmlinuz-*, /lib/modules/*), the guide's `ls -lrt /boot/vmlinu*` vs `uname -a`; Debian and Ubuntu also write /run/reboot-required when a package needs a reboot. The severity follows how long the newer kernel has waited (its dpkg.log installation, else its file's change time): a day is info, a week low, a month medium, longer high.",
  remediation:
    'Reboot the host in its next maintenance window (drain it first: `kubectl drain NODE --ignore-daemonsets`, or move its containers), then check `uname -r`. Automate it: unattended-upgrades `Automatic-Reboot`, kured on Kubernetes nodes, or live patching (Canonical Livepatch, kpatch) for emergency kernel fixes.',
  references: ['https://wiki.debian.org/UnattendedUpgrades', 'https://kured.dev/docs/'],
  examples: [
    {
      target: 'host',
      bad: [
        '/proc/sys/kernel/osrelease: "6.1.0-20-amd64\\n"',
        '/boot/vmlinuz-6.1.0-20-amd64: ""',
        '/boot/vmlinuz-6.1.0-27-amd64: ""',
        '/var/log/dpkg.log: "2026-09-20 06:12:03 status installed linux-image-6.1.0-27-amd64:amd64 6.1.0-27\\n"',
        '',
      ].join('\n'),
      good: [
        '/proc/sys/kernel/osrelease: "6.1.0-27-amd64\\n"',
        '/boot/vmlinuz-6.1.0-20-amd64: ""',
        '/boot/vmlinuz-6.1.0-27-amd64: ""',
        '',
      ].join('\n'),
    },
  ],
  check(host, context) {
    const running = host.system.kernelRunning;
    if (running !== undefined) {
      const flavour = kernelFlavour(running.value);
      let newest: NonNullable<typeof host.system.kernelsInstalled>[number] | undefined;
      for (const kernel of host.system.kernelsInstalled ?? []) {
        if (kernelFlavour(kernel.value.version) !== flavour) continue;
        if (compareKernelVersions(kernel.value.version, running.value) <= 0) continue;
        if (newest === undefined || compareKernelVersions(kernel.value.version, newest.value.version) > 0)
          newest = kernel;
      }
      if (newest !== undefined) {
        const installed = newest.value.installedAt;
        const days = installed !== undefined ? daysSince(installed.value, context.now) : undefined;
        const since =
          installed !== undefined && days !== undefined
            ? ` since ${installed.value.slice(0, 10)} (${plural(days, 'day')})`
            : '';
        return [
          {
            message: `${host.label} runs kernel ${running.value} but ${newest.value.version} is installed${since}: reboot to run the patched kernel`,
            location: newest.at,
            evidence: [
              `running: ${running.value} (${running.at.path})`,
              `installed: ${newest.value.version} (${newest.at.path})`,
              ...(installed !== undefined
                ? [`installed at: ${installed.value} (${installed.at.path}:${installed.at.line})`]
                : []),
            ].join('\n'),
            severity: waitingSeverity(days),
          },
        ];
      }
    }
    const required = host.system.rebootRequired;
    if (required === undefined) return [];
    const days =
      required.value.since !== undefined ? daysSince(required.value.since, context.now) : undefined;
    const packages = required.value.packages;
    return [
      {
        message: `${host.label} waits for a reboot${packages.length > 0 ? ` asked for by ${listUpTo(packages, 5)}` : ''}${days !== undefined ? ` (${plural(days, 'day')})` : ''}: reboot to put the updates in force`,
        location: required.at,
        evidence: `${required.at.path}${packages.length > 0 ? `: ${packages.join(' ')}` : ''}`,
        severity: waitingSeverity(days),
      },
    ];
  },
});
