import { describe, expect, it } from 'vitest';
import { imageFindingsFor, TEST_SETTINGS, testImageRule } from '../../../test/rule-tester.js';
import rule from './setuid-files.js';

const layers = (...files: string[]): string => `layers:\n  - ${files.join('\n    ')}\n`;

testImageRule(rule, {
  accept: [
    {
      name: 'ordinary modes',
      code: layers('/usr/bin/passwd: { mode: "0755" }', '/etc/passwd: "root:x:0:0::/root:/bin/sh\\n"'),
    },
    { name: 'a setuid bit on a file nobody can execute', code: layers('/srv/data.bin: { mode: "4644" }') },
    {
      name: 'setgid without group execute (mandatory locking)',
      code: layers('/srv/locked.db: { mode: "2704" }'),
    },
    { name: 'a setgid directory', code: layers('/srv/shared: { type: directory, mode: "2775" }') },
    {
      name: 'a setuid file a later layer removed',
      code: 'layers:\n  - /usr/bin/su: { mode: "4755" }\n  - /usr/bin/su: { deleted: true }\n',
    },
    {
      name: 'the bit cleared by a later layer',
      code: 'layers:\n  - /usr/bin/su: { mode: "4755" }\n  - /usr/bin/su: { mode: "0755" }\n',
    },
  ],
  reject: [
    {
      name: 'a setuid and a setgid file, named at the first path',
      code: layers('/usr/bin/passwd: { mode: "4755" }', '/usr/bin/chage: { mode: "2755", gid: 42 }'),
      objects: ['file /usr/bin/chage'],
      messageIncludes: 'has 2 setuid/setgid files (/usr/bin/chage, /usr/bin/passwd)',
      severity: 'medium',
    },
    {
      name: 'one setuid file',
      code: layers('/bin/mount: { mode: "4755" }'),
      objects: ['file /bin/mount'],
      messageIncludes: 'has a setuid/setgid file (/bin/mount)',
    },
    {
      name: 'setuid executable by its owner only',
      code: layers('/opt/tool: { mode: "4700" }'),
      objects: ['file /opt/tool'],
    },
    {
      name: 'both bits, in an OCI layout',
      code: `format: oci-layout\n${layers('/usr/bin/wall: { mode: "6755" }')}`,
      objects: ['file /usr/bin/wall'],
    },
    {
      name: 'set by a later layer',
      code: 'layers:\n  - /usr/bin/newgrp: { mode: "0755" }\n  - /usr/bin/newgrp: { mode: "4755" }\n',
      objects: ['file /usr/bin/newgrp'],
    },
  ],
});

describe('D04.setuid-files: evidence and allow-list', () => {
  it('lists mode, owner and bits in the evidence, and at most 20 paths', async () => {
    const many = Array.from(
      { length: 23 },
      (_, i) => `/opt/bin/tool${String(i).padStart(2, '0')}: { mode: "4755" }`,
    );
    const [finding, ...rest] = await imageFindingsFor(rule, layers(...many));
    expect(rest).toEqual([]);
    expect(finding!.message).toContain(
      'has 23 setuid/setgid files (/opt/bin/tool00, /opt/bin/tool01, /opt/bin/tool02, … and 20 more)',
    );
    expect(finding!.evidence).toContain('setuid /opt/bin/tool00 (4755 0:0), ');
    expect(finding!.evidence).toContain('/opt/bin/tool19 (4755 0:0), … and 3 more');
    expect(finding!.evidence).not.toContain('tool20');
  });

  it('names setgid and both bits', async () => {
    const [finding] = await imageFindingsFor(
      rule,
      layers('/usr/bin/chage: { mode: "2755", gid: 42 }', '/usr/bin/wall: { mode: "6755", gid: 5 }'),
    );
    expect(finding!.evidence).toBe(
      'setgid /usr/bin/chage (2755 0:42), setuid+setgid /usr/bin/wall (6755 0:5)',
    );
  });

  const settings = {
    ...TEST_SETTINGS,
    setuidAllowList: ['/usr/bin/passwd', '/opt/app/bin/*', '/usr/lib/dbus-1.0'],
  };

  it('does not report files the allow-list names, by path, glob or directory', async () => {
    const findings = await imageFindingsFor(
      rule,
      layers(
        '/usr/bin/passwd: { mode: "4755" }',
        '/opt/app/bin/helper: { mode: "4755" }',
        '/usr/lib/dbus-1.0/dbus-daemon-launch-helper: { mode: "4754" }',
      ),
      settings,
    );
    expect(findings).toEqual([]);
  });

  it('reports the files the allow-list leaves out', async () => {
    const findings = await imageFindingsFor(
      rule,
      layers(
        '/usr/bin/passwd: { mode: "4755" }',
        '/opt/app/bin/sub/helper: { mode: "4755" }',
        '/usr/bin/passwd2: { mode: "4755" }',
      ),
      settings,
    );
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('has 2 setuid/setgid files (/opt/app/bin/sub/helper, /usr/bin/passwd2)'),
    ]);
  });
});
