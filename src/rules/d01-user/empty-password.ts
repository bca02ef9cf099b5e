// D01: an account of the image has an empty password field: `su` to it, or a login through any service
// the container runs, needs no password at all. Locked accounts (`!`, `*`, `!!`) are fine.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { fileAt } from '../../subjects/image-spec.js';
import { imageWho } from '../shared/image.js';
import { imageAccounts, imageShadow } from '../shared/image-os.js';

interface Empty {
  name: string;
  uid?: number;
  line: number;
}

function describeAccounts(accounts: Empty[]): string {
  return accounts
    .map((a) => `"${a.name}"${a.uid === undefined ? '' : ` (UID ${a.uid})`} on line ${a.line}`)
    .join(', ');
}

export default defineRule({
  id: 'D01.empty-password',
  title: 'Account with an empty password',
  category: 'D01',
  severity: 'high',
  subject: 'image',
  targets: ['image'],
  threats: [1, 7],
  cis: [],
  related: { dockle: ['DKL-LI-0001'] },
  rationale:
    'An empty password field means "no password": `su` to that account, or a login through any service the container runs (sshd, a console, a PAM-using daemon), succeeds without one. For root that is the way back from the unprivileged USER the image runs as: the official Alpine images shipped `root::` in /etc/shadow for three years (CVE-2019-5021). A locked field (`!`, `*`, `!!`) refuses every password, which is what accounts in an image should have.',
  remediation:
    'Lock the account instead of leaving its password empty, in the Dockerfile that builds the image:\n  RUN passwd -l root          # or: usermod -p "!" root\n  RUN passwd -d app && passwd -l app\nOr delete accounts the application does not need (`userdel`, `deluser`).',
  references: [
    'https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md#dkl-li-0001',
    'https://man7.org/linux/man-pages/man5/shadow.5.html',
    'https://nvd.nist.gov/vuln/detail/CVE-2019-5021',
  ],
  examples: [
    {
      target: 'image',
      bad: 'layers:\n  - /etc/passwd: "root:x:0:0:root:/root:/bin/sh\\n"\n    /etc/shadow: "root::19700:0:99999:7:::\\n"\n',
      good: 'layers:\n  - /etc/passwd: "root:x:0:0:root:/root:/bin/sh\\n"\n    /etc/shadow: "root:!:19700:0:99999:7:::\\n"\n',
    },
  ],
  check(image) {
    const violations: Violation[] = [];
    const accounts = imageAccounts(image);
    const uids = new Map(accounts.map((a) => [a.name, a.uid]));
    // An empty second field of /etc/passwd is the password itself: /etc/shadow is not consulted.
    const inPasswd: Empty[] = accounts
      .filter((a) => a.password === '')
      .map((a) => ({ name: a.name, uid: a.uid, line: a.line }));
    const passwdNames = new Set(inPasswd.map((a) => a.name));
    const inShadow: Empty[] = imageShadow(image)
      .filter((e) => e.password === '' && !passwdNames.has(e.name))
      .map((e) => ({ name: e.name, ...(uids.has(e.name) ? { uid: uids.get(e.name)! } : {}), line: e.line }));
    for (const [path, empty] of [
      ['/etc/passwd', inPasswd],
      ['/etc/shadow', inShadow],
    ] as const) {
      if (empty.length === 0) continue;
      const root = empty.some((a) => a.uid === 0);
      violations.push({
        message: `${path} of ${imageWho(image)} has an empty password for ${describeAccounts(empty)}: anyone can become ${empty.length === 1 ? 'that account' : 'those accounts'} without a password${root ? ', root included' : ''}`,
        location: fileAt(image, path),
        evidence: empty.map((a) => `${a.name}::`).join(', '),
        severity: root ? 'critical' : 'high',
      });
    }
    return violations;
  },
});
