// D10: logs of several hosts and containers can only be put in order when their clocks agree: the guide
// asks for a common time source.
import { defineRule } from '../../core/rule.js';

export default defineRule({
  id: 'D10.time-sync',
  title: 'No time synchronisation on the host',
  category: 'D10',
  severity: 'medium',
  subject: 'host',
  targets: ['host'],
  threats: [7],
  cis: [],
  related: {},
  rationale:
    "Containers take their clock from the host. Without time synchronisation it drifts, and the logs of containers, engine and hosts no longer line up: an incident's order of events cannot be rebuilt, and TLS and token lifetimes misfire. Active means a chronyd, ntpd or systemd-timesyncd process runs; when the process table cannot be read (a mounted filesystem of a stopped host), a service enabled to start (its symlink under /etc/systemd/system/*.wants/) counts.",
  remediation:
    'Run one time synchronisation service against the same sources on every host: `apt-get install chrony` / `dnf install chrony`, then `systemctl enable --now chronyd` (or `timedatectl set-ntp true` for systemd-timesyncd); check with `chronyc tracking` or `timedatectl timesync-status`.',
  references: [
    'https://chrony-project.org/documentation.html',
    'https://www.freedesktop.org/software/systemd/man/latest/systemd-timesyncd.service.html',
  ],
  examples: [
    {
      target: 'host',
      bad: '/etc/systemd/timesyncd.conf: "[Time]\\n"\n',
      good: '/etc/systemd/system/sysinit.target.wants/systemd-timesyncd.service: { link: /lib/systemd/system/systemd-timesyncd.service }\n',
    },
  ],
  check(host) {
    const services = host.access.timeSync;
    if (services === undefined) return [];
    const running = services.filter((s) => s.value.how === 'running');
    const enabled = services.filter((s) => s.value.how === 'enabled');
    const configured = services.filter((s) => s.value.how === 'configured');
    if (running.length > 0) return [];
    const known = host.access.processesKnown === true;
    if (!known && enabled.length > 0) return [];
    const names = (list: typeof services) => [...new Set(list.map((s) => s.value.name))].join(', ');
    const why = known
      ? enabled.length > 0
        ? `${names(enabled)} is enabled but not running`
        : 'no chronyd, ntpd or systemd-timesyncd runs'
      : 'no chronyd, ntpd or systemd-timesyncd is enabled';
    const first = enabled[0] ?? configured[0];
    return [
      {
        message: `${host.label} synchronises no clock (${why}): its logs and its containers' cannot be lined up with other hosts'`,
        location: first?.at ?? host.at,
        evidence:
          configured.length > 0
            ? `configured, not active: ${names(configured)}`
            : 'no time synchronisation service',
      },
    ];
  },
});
