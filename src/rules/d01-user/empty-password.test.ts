import { describe, expect, it } from 'vitest';
import { imageFindingsFor, testImageRule } from '../../../test/rule-tester.js';
import rule from './empty-password.js';

const files = (passwd: string, shadow?: string): string =>
  `layers:\n  - /etc/passwd: "${passwd}"\n${shadow === undefined ? '' : `    /etc/shadow: "${shadow}"\n`}`;

const ROOT = 'root:x:0:0:root:/root:/bin/sh\\n';
const APP = 'app:x:10001:10001::/home/app:/sbin/nologin\\n';

testImageRule(rule, {
  accept: [
    { name: 'no account files (scratch)', code: 'layers:\n  - /app: "binary"\n' },
    {
      name: 'locked accounts: !, *, !! and a locked hash',
      code: files(
        ROOT + APP + 'svc:x:999:999::/:/sbin/nologin\\nold:x:998:998::/:/sbin/nologin\\n',
        'root:!:19700:0:99999:7:::\\napp:*:19700::::::\\nsvc:!!:19700::::::\\nold:!$6$salt$hash:19700::::::\\n',
      ),
    },
    { name: 'a password hash', code: files(ROOT, 'root:$6$abc$defghi:19700:0:99999:7:::\\n') },
    { name: 'passwd only, with x', code: files(ROOT + APP) },
    {
      name: 'an empty shadow field in a file a later layer deleted',
      code: `${files(ROOT, 'root::19700:0:99999:7:::\\n')}  - /etc/shadow: { deleted: true }\n`,
    },
    { name: 'NIS compat lines', code: files(`${ROOT}+::::::\\n`, 'root:*::::::::\\n+::::::::\\n') },
  ],
  reject: [
    {
      name: 'root with an empty password in /etc/shadow (CVE-2019-5021): critical',
      code: files(ROOT + APP, 'root::18000:0:::::\\napp:!:18000::::::\\n'),
      objects: ['file /etc/shadow'],
      messageIncludes: '"root" (UID 0) on line 1',
      severity: 'critical',
    },
    {
      name: 'an application account: high',
      code: files(ROOT + APP, 'root:*:18000:0:::::\\napp::18000::::::\\n'),
      objects: ['file /etc/shadow'],
      messageIncludes: '"app" (UID 10001) on line 2',
      severity: 'high',
    },
    {
      name: 'an empty second field of /etc/passwd',
      code: files('root::0:0:root:/root:/bin/sh\\n'),
      objects: ['file /etc/passwd'],
      messageIncludes: '/etc/passwd of image',
      severity: 'critical',
    },
    {
      name: 'both files, each account reported once',
      code: files(
        'root:x:0:0:root:/root:/bin/sh\\nguest::1000:1000::/home/guest:/bin/sh\\n' + APP,
        'root:*:1::::::\\nguest::1::::::\\napp::1::::::\\n',
      ),
      objects: ['file /etc/passwd', 'file /etc/shadow'],
    },
    {
      name: 'a shadow entry without a passwd entry',
      code: files(ROOT, 'root:*:1::::::\\nghost::1::::::\\n'),
      objects: ['file /etc/shadow'],
      messageIncludes: '"ghost" on line 2',
    },
  ],
});

describe('D01.empty-password: what it says', () => {
  it('lists every account of a file in one finding, and shows no hash', async () => {
    const findings = await imageFindingsFor(
      rule,
      files(ROOT + APP, 'root:$6$abc$secrethash:1::::::\\napp::1::::::\\nbin::1::::::\\n'),
    );
    expect(findings.map((f) => [f.message, f.evidence])).toEqual([
      [expect.stringContaining('"app" (UID 10001) on line 2, "bin" on line 3'), 'app::, bin::'],
    ]);
    expect(JSON.stringify(findings)).not.toContain('secrethash');
  });
});
