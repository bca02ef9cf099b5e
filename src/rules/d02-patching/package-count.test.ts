import { describe, expect, it } from 'vitest';
import { imageFindingsFor, testImageRule } from '../../../test/rule-tester.js';
import rule from './package-count.js';

const DPKG_STATUS =
  'Package: base-files\\nStatus: install ok installed\\nVersion: 13.8\\nDescription: base\\n  more text\\n\\n' +
  'Package: libc6\\nStatus: install ok installed\\nArchitecture: amd64\\nVersion: 2.41-12\\n\\n' +
  'Package: removed-one\\nStatus: deinstall ok config-files\\nVersion: 1.0\\n\\n' +
  'Package: bash\\nStatus: install ok installed\\nVersion: 5.2.37-2\\n';

const apk = (count: number): string =>
  Array.from({ length: count }, (_, i) => `P:pkg${i}\\nV:1.${i}-r0\\nA:x86_64\\n`).join('\\n');

testImageRule(rule, {
  accept: [
    { name: 'no package database (scratch, static binary)', code: 'layers:\n  - /app: "binary"\n' },
    {
      name: 'a dpkg status removed by a later layer',
      code: `layers:\n  - /var/lib/dpkg/status: "${DPKG_STATUS}"\n  - /var/lib/dpkg/status: { deleted: true }\n`,
    },
    { name: 'an empty dpkg status', code: 'layers:\n  - /var/lib/dpkg/status: ""\n' },
  ],
  reject: [
    {
      name: 'dpkg: only installed packages count',
      code: `layers:\n  - /var/lib/dpkg/status: "${DPKG_STATUS}"\n`,
      objects: ['file /var/lib/dpkg/status'],
      messageIncludes: 'has 3 packages installed by dpkg (Debian, Ubuntu), listed in /var/lib/dpkg/status',
      severity: 'info',
    },
    {
      name: 'distroless: one status file per package',
      code: 'layers:\n  - /var/lib/dpkg/status.d/base-files: "Package: base-files\\nVersion: 13.8\\n"\n    /var/lib/dpkg/status.d/base-files.md5sums: "0123abcd  etc/issue\\n"\n    /var/lib/dpkg/status.d/tzdata: "Package: tzdata\\nVersion: 2025b-4\\n"\n',
      objects: ['file /var/lib/dpkg/status.d'],
      messageIncludes: 'has 2 packages installed by dpkg',
    },
    {
      name: 'apk',
      code: `layers:\n  - /lib/apk/db/installed: "${apk(7)}"\n`,
      objects: ['file /lib/apk/db/installed'],
      messageIncludes: 'has 7 packages installed by apk (Alpine)',
    },
    {
      name: 'apk under /usr/lib',
      code: `layers:\n  - /usr/lib/apk/db/installed: "${apk(1)}"\n`,
      objects: ['file /usr/lib/apk/db/installed'],
      messageIncludes: 'has 1 package installed',
    },
  ],
});

describe('D02.package-count: evidence', () => {
  it('shows the first packages and how many more', async () => {
    const findings = await imageFindingsFor(rule, `layers:\n  - /lib/apk/db/installed: "${apk(7)}"\n`);
    expect(findings.map((f) => f.evidence)).toEqual([
      'pkg0 1.0-r0, pkg1 1.1-r0, pkg2 1.2-r0, pkg3 1.3-r0, pkg4 1.4-r0, … (2 more)',
    ]);
  });

  it('counts a package written twice once', async () => {
    const twice = 'Package: bash\\nStatus: install ok installed\\nVersion: 5.2\\n';
    const findings = await imageFindingsFor(
      rule,
      `layers:\n  - /var/lib/dpkg/status: "${twice}\\n${twice}"\n`,
    );
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('has 1 package installed')]);
  });
});
