// D01: userns-remap names a user that /etc/subuid or /etc/subgid gives no range: dockerd refuses to start
// with that configuration, so the remapping the configuration promises is not in force.
import { defineRule } from '../../core/rule.js';
import type { Located } from '../../core/location.js';
import type { SubordinateRange } from '../../subjects/host/access.js';

export default defineRule({
  id: 'D01.host-userns-subordinate-ids',
  title: 'userns-remap user has no subordinate ids',
  category: 'D01',
  severity: 'medium',
  subject: 'host',
  targets: ['host'],
  threats: [1, 7],
  cis: ['2.9'],
  related: {},
  rationale:
    "With `userns-remap`, dockerd maps container UIDs and GIDs to the ranges /etc/subuid and /etc/subgid give the remap user. A user without a range in either file (or not in /etc/passwd at all) makes dockerd fail at start: the host then runs an engine started before the change, without remapping, or none. `default` is not judged: dockerd creates the `dockremap` user and its ranges itself. Matched as dockerd matches them, by the user's name or numeric uid.",
  remediation:
    'Give the remap user ranges that overlap no real user, then restart dockerd:\n  usermod --add-subuids 100000-165535 --add-subgids 100000-165535 USER\n(or lines `USER:100000:65536` in /etc/subuid and /etc/subgid), or use `"userns-remap": "default"`.',
  references: [
    'https://docs.docker.com/engine/security/userns-remap/',
    'https://man7.org/linux/man-pages/man5/subuid.5.html',
  ],
  examples: [
    {
      target: 'host',
      bad: '/etc/docker/daemon.json: "{\\"userns-remap\\": \\"builder\\"}\\n"\n/etc/passwd: "root:x:0:0:root:/root:/bin/bash\\nbuilder:x:1500:1500::/home/builder:/usr/sbin/nologin\\n"\n',
      good: '/etc/docker/daemon.json: "{\\"userns-remap\\": \\"builder\\"}\\n"\n/etc/passwd: "root:x:0:0:root:/root:/bin/bash\\nbuilder:x:1500:1500::/home/builder:/usr/sbin/nologin\\n"\n/etc/subuid: "builder:100000:65536\\n"\n/etc/subgid: "builder:100000:65536\\n"\n',
    },
  ],
  check(host) {
    const remap = host.access.usernsRemap;
    if (remap === undefined) return [];
    const value = remap.value.trim();
    if (value === '' || value === 'default') return [];
    const user = value.split(':')[0]!;
    const users = host.access.users;
    const uid = /^\d+$/.test(user) ? Number(user) : users?.[user];
    const name = /^\d+$/.test(user) ? Object.entries(users ?? {}).find(([, id]) => id === uid)?.[0] : user;
    const problems: string[] = [];
    if (users !== undefined && uid === undefined) problems.push(`${user} is not a user of /etc/passwd`);
    const covers = (ranges: Located<SubordinateRange>[]): boolean =>
      ranges.some(
        (range) =>
          range.value.count > 0 &&
          (range.value.owner === name ||
            range.value.owner === user ||
            (uid !== undefined && range.value.owner === String(uid))),
      );
    for (const [file, ranges] of [
      ['/etc/subuid', host.access.subuid],
      ['/etc/subgid', host.access.subgid],
    ] as const) {
      if (ranges === undefined) continue; // unreadable: reported as unknown
      if (!covers(ranges))
        problems.push(
          ranges.length === 0 ? `${file} is empty or absent` : `${file} has no range for ${user}`,
        );
    }
    if (problems.length === 0) return [];
    return [
      {
        message: `userns-remap is "${value}" but ${problems.join(', and ')}: dockerd cannot start with this remapping, so it is not in force`,
        location: remap.at,
        evidence: `userns-remap: ${value}`,
      },
    ];
  },
});
