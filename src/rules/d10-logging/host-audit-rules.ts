// D10: what happens to the engine's binaries, configuration and data is recorded only if auditd watches
// them (CIS 1.1.3–1.1.18), and only while auditd runs.
import { defineRule } from '../../core/rule.js';
import type { AuditRule } from '../../subjects/host/access.js';

/** A rule records changes of `path`: it names it, or watches a directory above it; `-p r`-only rules do not. */
function covers(rule: AuditRule, path: string): boolean {
  if (rule.permissions !== undefined && !/[wax]/.test(rule.permissions)) return false;
  if (rule.path === path) return true;
  return rule.recursive && rule.path !== '/' && path.startsWith(`${rule.path}/`);
}

/** CIS Docker Benchmark 1.1.3–1.1.18: an audit rule for each Docker file (docker-bench-security numbers them alike). */
const AUDIT_CIS_IDS = Array.from({ length: 16 }, (_, i) => `1.1.${i + 3}`);

export default defineRule({
  id: 'D10.auditd-rules-missing',
  title: 'Docker files not audited by auditd',
  category: 'D10',
  severity: 'medium',
  subject: 'host',
  targets: ['host'],
  threats: [1, 7],
  cis: AUDIT_CIS_IDS,
  related: {
    'docker-bench-security': AUDIT_CIS_IDS,
  },
  rationale:
    'dockerd runs as root and its binaries, configuration, units and data decide what every container may do: a change to them (a replaced runc, a daemon.json that turns off user namespaces) should leave a record that names who made it. The Linux audit system records it when a rule watches the path (`-w PATH -p wa`, or a `-F path=`/`-F dir=` syscall rule; a watch on a directory covers what is under it) and auditd runs. One finding lists the Docker files present on the host that no rule watches (from /etc/audit/rules.d/*.rules and /etc/audit/audit.rules), with their CIS ids; a host without a running auditd gets one finding for that instead. Hosts with no Docker file are not judged.',
  remediation:
    'Install and start auditd (`apt-get install auditd` / `dnf install audit`; `systemctl enable --now auditd`), add one watch per path to /etc/audit/rules.d/docker.rules:\n  -w /usr/bin/dockerd -p rwxa -k docker\n  -w /var/lib/docker -p wa -k docker\n  -w /etc/docker -p wa -k docker\n  -w /usr/lib/systemd/system/docker.service -p wa -k docker\n  -w /usr/bin/runc -p wa -k docker\n  …\nand load them: `augenrules --load`. Ship the audit log off the host with the other logs.',
  references: [
    'https://man7.org/linux/man-pages/man7/audit.rules.7.html',
    'https://github.com/docker/docker-bench-security',
  ],
  examples: [
    {
      target: 'host',
      bad: '/etc/docker/daemon.json: "{}\\n"\n/usr/bin/runc: ""\n/etc/audit/rules.d/audit.rules: "-D\\n-b 8192\\n"\n',
      good: '/etc/docker/daemon.json: "{}\\n"\n/usr/bin/runc: ""\n/etc/audit/rules.d/docker.rules: "-w /etc/docker -p wa -k docker\\n-a always,exit -F path=/usr/bin/runc -F perm=wa -k docker\\n"\n',
    },
  ],
  check(host) {
    const targets = host.access.auditTargets ?? [];
    if (targets.length === 0) return [];
    const running = host.access.auditdRunning;
    const rules = host.access.auditRules;
    if (running !== undefined && !running.value) {
      const unwatched =
        rules !== undefined
          ? targets.filter((t) => !rules.some((r) => covers(r.value, t.path))).length
          : undefined;
      return [
        {
          message: `auditd is not running on ${host.label}: nothing done to Docker's ${targets.length} files and directories is recorded${unwatched === undefined || unwatched === 0 ? '' : unwatched === targets.length ? ' (and none has an audit rule)' : ` (and ${unwatched} of them have no audit rule)`}`,
          location: running.at,
          evidence: 'no auditd process',
        },
      ];
    }
    if (rules === undefined) return [];
    const missing = targets.filter((target) => !rules.some((rule) => covers(rule.value, target.path)));
    if (missing.length === 0) return [];
    const location = rules[0]?.at ?? host.at;
    return [
      {
        message: `${missing.length} of Docker's files and directories on ${host.label} have no audit rule: ${missing.map((t) => t.path).join(', ')}`,
        location,
        evidence: missing.map((t) => `${t.path} (CIS ${t.cis})`).join(', '),
      },
    ];
  },
});
