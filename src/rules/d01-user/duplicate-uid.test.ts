import { describe, expect, it } from 'vitest';
import { imageFindingsFor, testImageRule } from '../../../test/rule-tester.js';
import rule from './duplicate-uid.js';

const passwd = (...lines: string[]): string => `layers:\n  - /etc/passwd: "${lines.join('\\n')}\\n"\n`;

const ROOT = 'root:x:0:0:root:/root:/bin/sh';

testImageRule(rule, {
  accept: [
    { name: 'no /etc/passwd (scratch)', code: 'layers:\n  - /app: "binary"\n' },
    {
      name: 'unique UIDs',
      code: passwd(ROOT, 'daemon:x:1:1::/:/sbin/nologin', 'app:x:10001:10001::/app:/bin/sh'),
    },
    {
      name: 'one GID shared by several accounts',
      code: passwd(ROOT, 'a:x:1000:100::/:/bin/sh', 'b:x:1001:100::/:/bin/sh'),
    },
    {
      name: 'one account written twice',
      code: passwd(ROOT, 'app:x:1000:1000::/:/bin/sh', 'app:x:1000:1000::/:/bin/sh'),
    },
    { name: 'NIS compat lines are not accounts', code: passwd(ROOT, '+::::::', '-@netgroup::::::') },
    {
      name: 'a second UID 0 in a file a later layer replaced',
      code: `${passwd(ROOT, 'toor:x:0:0::/root:/bin/sh')}  - /etc/passwd: "${ROOT}\\n"\n`,
    },
  ],
  reject: [
    {
      name: 'a second UID 0 account: high',
      code: passwd(ROOT, 'app:x:10001:10001::/app:/bin/sh', 'toor:x:0:0::/root:/bin/sh'),
      objects: ['file /etc/passwd'],
      messageIncludes: 'UID 0 is "root" (line 1) and "toor" (line 3): a second UID 0 account is root',
      severity: 'high',
    },
    {
      name: 'two application accounts: medium',
      code: passwd(ROOT, 'web:x:1000:1000::/:/bin/sh', 'worker:x:1000:1000::/:/bin/sh'),
      objects: ['file /etc/passwd'],
      messageIncludes: 'UID 1000 is "web" (line 2) and "worker" (line 3)',
      severity: 'medium',
    },
    {
      name: 'several shared UIDs: one finding, high when one is 0',
      code: passwd(ROOT, 'a:x:1000:1000::/:/bin/sh', 'b:x:1000:1000::/:/bin/sh', 'admin:x:0:0::/:/bin/sh'),
      objects: ['file /etc/passwd'],
      messageIncludes:
        'UID 0 is "root" (line 1) and "admin" (line 4); UID 1000 is "a" (line 2) and "b" (line 3)',
      severity: 'high',
    },
  ],
});

describe('D01.duplicate-uid: evidence', () => {
  it('names accounts and UIDs, never a password field', async () => {
    const findings = await imageFindingsFor(
      rule,
      passwd('root:$1$old$hash:0:0::/root:/bin/sh', 'toor:x:0:0::/:/bin/sh'),
    );
    expect(findings.map((f) => f.evidence)).toEqual(['root, toor: UID 0']);
  });
});
