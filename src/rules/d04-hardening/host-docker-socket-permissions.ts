// D04: the Docker socket is the engine's root shell: it must belong to root and the docker group, with no
// access for anyone else (CIS 3.15, 3.16).
import { defineRule, type Violation } from '../../core/rule.js';
import { severityRank, type Severity } from '../../core/severity.js';

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

export default defineRule({
  id: 'D04.host-docker-socket-permissions',
  title: 'Docker socket not root:docker 660',
  category: 'D04',
  severity: 'high',
  subject: 'host',
  targets: ['host'],
  threats: [1, 7],
  cis: ['3.15', '3.16'],
  related: { 'docker-bench-security': ['3.15', '3.16'] },
  rationale:
    "Whoever can connect to the Docker socket controls the engine, and through it the host (a privileged container mounting `/`). dockerd creates it root:docker with mode 660; an owner other than root, or a group other than docker (or root), hands that control to the owner or to the group's members, and a socket others may write is root for every local user (critical). Bits beyond 660 that grant no connection (others may read, execute bits) are reported as low: CIS 3.16 asks for 660 or stricter. Judged for the root engine's sockets (/run/docker.sock and the `unix://` addresses dockerd listens on); a rootless engine's socket belongs to its user.",
  remediation:
    'Restore the owner and mode dockerd sets (and find what changed them: a provisioning script, a `chmod 666` workaround):\n  chown root:docker /run/docker.sock\n  chmod 660 /run/docker.sock\nFor a socket-activated engine, set `SocketUser=root`, `SocketGroup=docker` and `SocketMode=0660` in docker.socket.',
  references: [
    'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
    'https://docs.docker.com/reference/cli/dockerd/#daemon-socket-option',
  ],
  examples: [
    {
      target: 'host',
      bad: '/run/docker.sock: { text: "", mode: 0o644 }\n',
      good: '/run/docker.sock: { text: "", mode: 0o660 }\n',
    },
  ],
  check(host) {
    const violations: Violation[] = [];
    for (const socket of host.access.dockerSockets ?? []) {
      const { path, uid, gid, mode, owner, group } = socket.value;
      const problems: string[] = [];
      let severity: Severity | undefined;
      const raise = (level: Severity): void => {
        if (severity === undefined || severityRank(level) > severityRank(severity)) severity = level;
      };
      if (uid !== 0) {
        problems.push(`it belongs to ${owner ?? `uid ${uid}`}, not root, who so controls the engine`);
        raise('high');
      }
      if (gid !== 0 && group !== 'docker' && (mode & 0o060) !== 0) {
        problems.push(
          `its group is ${group ?? `gid ${gid}`}, not docker: every member of it controls the engine`,
        );
        raise('high');
      }
      if ((mode & 0o002) !== 0) {
        problems.push('every local user may write to it (connect), so every local user is root');
        raise('critical');
      } else if ((mode & ~0o660 & 0o7777) !== 0) {
        problems.push(`its mode ${octal(mode)} is more permissive than 0660`);
        raise('low');
      }
      if (problems.length === 0) continue;
      violations.push({
        message: `The Docker socket ${path} on ${host.label}: ${problems.join('; ')}`,
        location: socket.at,
        evidence: `${owner ?? uid}:${group ?? gid} ${octal(mode)} ${path}`,
        ...(severity !== undefined ? { severity } : {}),
      });
    }
    return violations;
  },
});
