// D01: two accounts of the image's /etc/passwd share a UID: the kernel knows only the number, so each is
// the other, and a second UID 0 is a root account under another name.
import { defineRule } from '../../core/rule.js';
import { fileAt } from '../../subjects/image-spec.js';
import { imageWho } from '../shared/image.js';
import { type Account, imageAccounts } from '../shared/image-os.js';

export default defineRule({
  id: 'D01.duplicate-uid',
  title: 'Accounts sharing a UID',
  category: 'D01',
  severity: 'medium',
  subject: 'image',
  targets: ['image'],
  threats: [1, 7],
  cis: [],
  related: { dockle: ['DKL-LI-0002'] },
  rationale:
    'Files, processes and permissions belong to UIDs, not to names: two accounts with one UID are the same user, whatever their names, shells and passwords say. A second account with UID 0 (a `toor`, an `admin` added by a script) is root under a name that checks for "root" miss, and an application account that shares the UID of another can read and change everything that one owns.',
  remediation:
    'Give every account its own UID, and root alone UID 0, in the Dockerfile that builds the image:\n  RUN userdel toor\n  RUN usermod -u 10002 worker\nCreate accounts with an explicit, unused UID: `useradd -u 10001 app`, `adduser -D -u 10001 app`.',
  references: [
    'https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md#dkl-li-0002',
    'https://man7.org/linux/man-pages/man5/passwd.5.html',
  ],
  examples: [
    {
      target: 'image',
      bad: 'layers:\n  - /etc/passwd: "root:x:0:0:root:/root:/bin/sh\\ntoor:x:0:0::/root:/bin/sh\\n"\n',
      good: 'layers:\n  - /etc/passwd: "root:x:0:0:root:/root:/bin/sh\\napp:x:10001:10001::/home/app:/sbin/nologin\\n"\n',
    },
  ],
  check(image) {
    const byUid = new Map<number, Account[]>();
    for (const account of imageAccounts(image)) {
      const list = byUid.get(account.uid) ?? [];
      // The same name twice is one account written twice (the first line wins), not two users.
      if (!list.some((a) => a.name === account.name)) list.push(account);
      byUid.set(account.uid, list);
    }
    const shared = [...byUid.entries()].filter(([, list]) => list.length > 1).sort(([a], [b]) => a - b);
    if (shared.length === 0) return [];
    const root = shared.some(([uid]) => uid === 0);
    const what = shared
      .map(([uid, list]) => `UID ${uid} is ${list.map((a) => `"${a.name}" (line ${a.line})`).join(' and ')}`)
      .join('; ');
    return [
      {
        message: `/etc/passwd of ${imageWho(image)} gives one UID to several accounts: ${what}${root ? ': a second UID 0 account is root under another name' : ''}`,
        location: fileAt(image, '/etc/passwd'),
        evidence: shared.map(([uid, list]) => `${list.map((a) => a.name).join(', ')}: UID ${uid}`).join('; '),
        severity: root ? 'high' : 'medium',
      },
    ];
  },
});
