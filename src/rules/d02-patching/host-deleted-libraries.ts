// D02: processes still map libraries or executables deleted since they started: an update replaced the files
// on disk, but these processes run the old, unpatched code until restarted (the guide's `lsof +L1`;
// needrestart and `dnf needs-restarting` make the same check). One finding per program, the process ids and
// files capped in the message.
import { listUpTo } from '../../core/list.js';
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { DeletedMapping } from '../../subjects/host/system.js';
import type { Located } from '../../core/location.js';
import { plural, procStat } from './host-time.js';

/** Findings at most, one per program; the rest are counted in the last one. */
const MAX_PROGRAMS = 50;
const SHOWN = 5;

const list = (items: string[], shown = SHOWN): string => listUpTo(items, shown);

export default defineRule({
  id: 'D02.host-deleted-libraries',
  title: 'Processes still run libraries replaced by an update',
  category: 'D02',
  severity: 'medium',
  subject: 'host',
  targets: ['host'],
  threats: [4, 7],
  cis: [],
  related: {},
  rationale:
    "Updating a package replaces its files, but a process keeps mapping the old library or executable until it restarts: `/proc/<pid>/maps` then names the file with ` (deleted)`. Such a process still runs the vulnerable code the update fixed (an OpenSSL or glibc fix protects nothing until sshd, the engine and every service using it restart). The guide's `lsof +L1` finds them; dt10 reads the maps of every process without running a command. Scratch files (memfd, /dev/shm, /tmp) are not updates and are left out. Engine services whose own binary was replaced are D02.engine-restart-pending.",
  remediation:
    'Restart the listed services (`systemctl restart SERVICE`; `needrestart -r a` on Debian/Ubuntu, `dnf needs-restarting -s` on RHEL list and restart them), or reboot the host when it is systemd or the C library itself. Make restarts part of the patch process (unattended-upgrades with needrestart).',
  references: [
    'https://github.com/liske/needrestart',
    'https://man7.org/linux/man-pages/man5/proc_pid_maps.5.html',
  ],
  examples: [
    {
      target: 'host',
      bad: [
        `/proc/812/stat: "${procStat(812, 'sshd').trim()}"`,
        '/proc/812/cmdline: "sshd: /usr/sbin/sshd -D\\0"',
        '/proc/812/maps: "7f3a1c000000-7f3a1c0a0000 r-xp 00000000 08:01 131090                     /usr/lib/x86_64-linux-gnu/libcrypto.so.3 (deleted)\\n"',
        '',
      ].join('\n'),
      good: [
        `/proc/812/stat: "${procStat(812, 'sshd').trim()}"`,
        '/proc/812/cmdline: "sshd: /usr/sbin/sshd -D\\0"',
        '/proc/812/maps: "7f3a1c000000-7f3a1c0a0000 r-xp 00000000 08:01 131090                     /usr/lib/x86_64-linux-gnu/libcrypto.so.3\\n"',
        '',
      ].join('\n'),
    },
  ],
  check(host) {
    const replacedEngines = new Set(
      (host.system.engineServices ?? []).filter((s) => s.value.binaryReplaced).map((s) => s.value.pid),
    );
    const byProgram = new Map<string, Located<DeletedMapping>[]>();
    for (const mapping of host.system.deletedMappings ?? []) {
      if (mapping.value.kind === 'executable' && replacedEngines.has(mapping.value.pid)) continue;
      const group = byProgram.get(mapping.value.name) ?? [];
      group.push(mapping);
      byProgram.set(mapping.value.name, group);
    }
    const violations: Violation[] = [];
    const programs = [...byProgram].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, mappings] of programs.slice(0, MAX_PROGRAMS)) {
      const pids = [...new Set(mappings.map((m) => m.value.pid))].sort((a, b) => a - b);
      const files = [...new Set(mappings.map((m) => m.value.path))].sort();
      const executable = mappings.some((m) => m.value.kind === 'executable');
      violations.push({
        message: `${name} (${pids.length === 1 ? 'pid' : 'pids'} ${list(pids.map(String))}) still runs ${plural(
          files.length,
          executable ? 'deleted file' : 'deleted library',
          executable ? 'deleted files' : 'deleted libraries',
        )} replaced by an update: ${list(files.map((f) => f.slice(f.lastIndexOf('/') + 1)))}; restart it`,
        location: mappings[0]!.at,
        evidence: mappings
          .slice(0, 10)
          .map((m) => `pid ${m.value.pid} ${m.value.name}: ${m.value.path} (deleted)`)
          .join('\n'),
      });
    }
    if (programs.length > MAX_PROGRAMS) {
      const rest = programs.slice(MAX_PROGRAMS);
      violations.push({
        message: `${host.label}: ${plural(rest.length, 'more program')} still run deleted libraries: ${list(
          rest.map(([name]) => name),
          10,
        )}; restart them or reboot`,
        location: rest[0]![1][0]!.at,
      });
    }
    return violations;
  },
});
