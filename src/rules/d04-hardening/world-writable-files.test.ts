import { describe, expect, it } from 'vitest';
import { imageFindingsFor, testImageRule } from '../../../test/rule-tester.js';
import rule from './world-writable-files.js';

const layers = (...files: string[]): string => `layers:\n  - ${files.join('\n    ')}\n`;

testImageRule(rule, {
  accept: [
    {
      name: 'ordinary modes',
      code: layers('/app: { type: directory, mode: "0755" }', '/app/config.yml: { mode: "0644" }'),
    },
    {
      name: 'the scratch directories and what is in them',
      code: layers(
        '/tmp: { type: directory, mode: "1777" }',
        '/tmp/cache: { type: directory, mode: "0777" }',
        '/var/tmp/x: { mode: "0666" }',
        '/dev/shm: { type: directory, mode: "0777" }',
      ),
    },
    { name: 'a sticky directory', code: layers('/srv/drop: { type: directory, mode: "1777" }') },
    { name: 'a symlink', code: layers('/app/current: { type: symlink, target: /app/v2, mode: "0777" }') },
    { name: 'group-writable only', code: layers('/app/data: { type: directory, mode: "0775" }') },
    {
      name: 'fixed by a later layer',
      code: 'layers:\n  - /app/config.yml: { mode: "0666" }\n  - /app/config.yml: { mode: "0644" }\n',
    },
  ],
  reject: [
    {
      name: 'a 0777 directory and a 0666 file, named at the first path',
      code: layers('/app: { type: directory, mode: "0777" }', '/app/config.yml: { mode: "0666" }'),
      objects: ['file /app'],
      messageIncludes: 'has 2 world-writable files and directories (/app, /app/config.yml)',
      severity: 'medium',
    },
    {
      name: 'a file writable by others only',
      code: layers('/etc/app.conf: { mode: "0602" }'),
      objects: ['file /etc/app.conf'],
      messageIncludes: 'has a world-writable file or directory (/etc/app.conf)',
    },
    {
      name: 'a path that only starts like /tmp',
      code: layers('/tmpdata/x: { mode: "0666" }'),
      objects: ['file /tmpdata/x'],
    },
    {
      name: 'a sticky file is still writable',
      code: layers('/usr/local/bin/run.sh: { mode: "1777" }'),
      objects: ['file /usr/local/bin/run.sh'],
    },
    {
      name: 'in an OCI layout',
      code: `format: oci-layout\n${layers('/var/www: { type: directory, mode: "0777" }')}`,
      objects: ['file /var/www'],
    },
  ],
});

describe('D04.world-writable-files: evidence', () => {
  it('gives the kind, mode and owner of each', async () => {
    const [finding] = await imageFindingsFor(
      rule,
      layers(
        '/app: { type: directory, mode: "0777", uid: 10001, gid: 10001 }',
        '/app/run.sh: { mode: "0777" }',
      ),
    );
    expect(finding!.evidence).toBe('dir /app (0777 10001:10001), file /app/run.sh (0777 0:0)');
  });
});
