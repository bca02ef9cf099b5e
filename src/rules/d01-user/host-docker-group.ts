// D01: every member of the docker group can run `docker run --privileged -v /:/host`: root on the host
// without a password, a sudo rule or an audit trail.
import { defineRule } from '../../core/rule.js';

export default defineRule({
  id: 'D01.host-docker-group',
  title: 'Users in the docker group (root-equivalent)',
  category: 'D01',
  severity: 'medium',
  subject: 'host',
  targets: ['host'],
  threats: [1, 7],
  cis: ['1.1.2'],
  related: { 'docker-bench-security': ['1.1.2'] },
  rationale:
    "The docker group may write to the Docker socket, and whoever speaks to the engine can start a privileged container that mounts the host's root: each member is root on the host, without a password prompt and without the trail sudo leaves. Read from /etc/group (members listed) and /etc/passwd (users whose primary group it is); root itself is not counted. Not reported when the engine's socket belongs to another group, so membership gives no access.",
  remediation:
    'Keep the group to the few administrators who need it, and remove the others (`gpasswd -d USER docker`; they need to log in again). Give developers rootless Docker (`dockerd-rootless-setuptool.sh install`) or a sudo rule that is logged, and audit the socket (D10.auditd-rules-missing).',
  references: [
    'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
    'https://docs.docker.com/engine/security/rootless/',
  ],
  examples: [
    {
      target: 'host',
      bad: '/etc/group: "root:x:0:\\ndocker:x:999:alice,bob\\n"\n/etc/passwd: "root:x:0:0:root:/root:/bin/bash\\nalice:x:1000:1000::/home/alice:/bin/bash\\nbob:x:1001:1001::/home/bob:/bin/bash\\n"\n',
      good: '/etc/group: "root:x:0:\\ndocker:x:999:\\n"\n/etc/passwd: "root:x:0:0:root:/root:/bin/bash\\nalice:x:1000:1000::/home/alice:/bin/bash\\n"\n',
    },
  ],
  check(host) {
    const group = host.access.dockerGroup;
    if (group === undefined) return [];
    const sockets = host.access.dockerSockets ?? [];
    // The group gives access only through a socket it owns; with no socket seen (an offline root) it still may.
    if (sockets.length > 0 && !sockets.some((socket) => socket.value.gid === group.value.gid)) return [];
    const users = [...new Set([...group.value.members, ...group.value.primaryMembers])].filter(
      (user) => user !== 'root',
    );
    if (users.length === 0) return [];
    const primary = group.value.primaryMembers.filter((user) => user !== 'root');
    return [
      {
        message: `${users.length === 1 ? 'user' : `${users.length} users`} ${users.join(', ')} ${users.length === 1 ? 'is' : 'are'} in the docker group on ${host.label}: each can control the engine and so is root on the host`,
        location: group.at,
        evidence: `docker (gid ${group.value.gid}): ${users.join(', ')}${primary.length > 0 ? ` (primary group of ${primary.join(', ')})` : ''}`,
      },
    ];
  },
});
