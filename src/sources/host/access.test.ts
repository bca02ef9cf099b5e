import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { hostRoot, readFixtureHost } from '../../../test/host-tester.js';
import { TEST_NOW } from '../../../test/rule-tester.js';
import { evaluate, RuleSet } from '../../core/evaluator.js';
import icc from '../../rules/d03-network/icc-enabled.js';
import liveRestore from '../../rules/d04-hardening/live-restore-disabled.js';
import { TEST_SETTINGS } from '../../../test/rule-tester.js';
import {
  parseAuditRules,
  parseDockerConfig,
  parseGroup,
  parsePasswd,
  parseSubordinate,
  resolveInRoot,
} from './access.js';
import { HostContext } from './context.js';
import { readHost } from './index.js';

const at = (line: number, column = 1) => ({ path: 'f', line, column });
const stat = (pid: number, name: string) =>
  `${pid} (${name}) S 1 ${pid} ${pid} 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 500\n`;
const dockerd = (pid: number, args: string[], uid = 0) => ({
  [`/proc/${pid}/stat`]: stat(pid, 'dockerd'),
  [`/proc/${pid}/cmdline`]: `${args.join('\0')}\0`,
  [`/proc/${pid}/status`]: `Name:\tdockerd\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`,
});

describe('host access parsers', () => {
  it('reads passwd, group and subordinate id lines, skipping junk', () => {
    expect(parsePasswd('root:x:0:0:root:/root:/bin/bash\n# c\nbad\nu:x:a:1::/h:/bin/sh\n')).toEqual([
      { name: 'root', uid: 0, gid: 0, home: '/root' },
    ]);
    expect(parseGroup('root:x:0:\n\ndocker:x:999:alice, bob\n')).toEqual([
      { name: 'root', gid: 0, members: [], line: 1 },
      { name: 'docker', gid: 999, members: ['alice', 'bob'], line: 3 },
    ]);
    expect(
      parseSubordinate('# x\nbuilder:100000:65536\nbad:1\n1500:200000:10\n', at).map((r) => [
        r.value,
        r.at.line,
      ]),
    ).toEqual([
      [{ owner: 'builder', start: 100000, count: 65536 }, 2],
      [{ owner: '1500', start: 200000, count: 10 }, 4],
    ]);
  });
  it('reads audit watches and syscall rules with their lines', () => {
    const rules = parseAuditRules(
      [
        '## comment',
        '-D',
        '-w /usr/bin/dockerd -p rwxa -k docker',
        '-w /etc/docker/ -k docker # trailing',
        '-a always,exit -F arch=b64 -F path=/usr/bin/runc -F perm=x -F key=runc',
        '-a exit,always -F dir=/var/lib/docker -k docker',
        '-a never,exit -F path=/usr/bin/containerd',
        '-a always,exit -F path!=/tmp',
      ].join('\n'),
      at,
    );
    expect(rules.map((r) => [r.at.line, r.value])).toEqual([
      [3, { path: '/usr/bin/dockerd', permissions: 'rwxa', key: 'docker', recursive: true }],
      [4, { path: '/etc/docker', key: 'docker', recursive: true }],
      [5, { path: '/usr/bin/runc', permissions: 'x', key: 'runc', recursive: false }],
      [6, { path: '/var/lib/docker', key: 'docker', recursive: true }],
    ]);
  });
  it('keeps only masked credentials of a Docker config, at their lines', () => {
    const text =
      '{\n  "auths": {\n    "r.example": { "auth": "dXNlcjpwYXNzd29yZDEyMzQ=" },\n    "empty": {}\n  },\n  "credHelpers": { "ecr": "ecr-login", "x": "" }\n}\n';
    const config = parseDockerConfig(text, 'c', 'alice', at)!;
    expect(config).toEqual({
      user: 'alice',
      path: 'c',
      plaintext: [{ value: { registry: 'r.example', masked: 'dX****Q=', field: 'auth' }, at: at(3, 20) }],
      credHelpers: ['ecr'],
    });
    expect(JSON.stringify(config)).not.toContain('dXNlcjpwYXNzd29yZDEyMzQ=');
    expect(parseDockerConfig('[]', 'c', 'a', at)).toBeUndefined();
  });
});

describe('readAccess on fixture roots', () => {
  it('resolves absolute symbolic links inside the root', async () => {
    const root = await hostRoot({
      '/var/run': { link: '/run' },
      '/run/docker.sock': '',
      '/a/b': { link: '../run' },
    });
    try {
      const context = new HostContext(root);
      expect(await resolveInRoot(context, '/var/run/docker.sock')).toBe('/run/docker.sock');
      expect(await resolveInRoot(context, '/a/b/docker.sock')).toBe('/run/docker.sock');
      expect(await resolveInRoot(context, '/missing/x')).toBe('/missing/x');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('reads an empty root without crashing: nothing known, nothing invented', async () => {
    const { host, engineConfigs, errors } = await readFixtureHost({});
    expect(engineConfigs).toEqual([]);
    expect(errors).toEqual([]);
    expect(host.access).toMatchObject({
      processesKnown: false,
      dockerSockets: [],
      subuid: [],
      subgid: [],
      auditRules: [],
    });
    expect(host.access.auditdRunning).toBeUndefined();
    expect(host.access.dockerdRunning).toBeUndefined();
    expect(host.unknown.map((u) => u.what)).toEqual(expect.arrayContaining(['users', 'groups']));
  });

  it('records files it cannot read as unknown and leaves their facts undefined', async () => {
    // A directory where a file is expected fails to read even for root (EISDIR).
    const { host } = await readFixtureHost({
      '/etc/subuid/x': '',
      '/etc/audit/audit.rules/x': '',
      '/root/.docker/config.json/x': '',
    });
    expect(host.access.subuid).toBeUndefined();
    expect(host.access.subgid).toEqual([]);
    expect(host.access.auditRules).toBeUndefined();
    expect(host.unknown.map((u) => `${u.what}: ${u.why}`)).toEqual(
      expect.arrayContaining([
        'subordinate ids: EISDIR',
        'auditd rules: EISDIR',
        "root's Docker credentials: EISDIR",
      ]),
    );
  });

  it('reads daemon.json alone when no dockerd runs', async () => {
    const { engineConfigs } = await readFixtureHost({ '/etc/docker/daemon.json': '{\n  "icc": false\n}\n' });
    expect(engineConfigs).toHaveLength(1);
    expect(engineConfigs[0]).toMatchObject({
      origin: 'daemon-json',
      unsetMeansDefault: true,
      icc: { value: false },
    });
  });

  it('merges daemon.json with the running dockerd flags, each setting at its own place', async () => {
    const read = await readFixtureHost({
      '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
      '/etc/docker/daemon.json': '{\n  "icc": false,\n  "hosts": ["unix:///srv/d.sock"]\n}\n',
      ...dockerd(700, ['/usr/bin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock']),
    });
    expect(read.errors).toEqual([]);
    expect(read.host.access.dockerdRunning).toBe(true);
    expect(read.engineConfigs).toHaveLength(1);
    const config = read.engineConfigs[0]!;
    expect(config.label).toBe('dockerd (pid 700, /etc/docker/daemon.json and its flags)');
    expect(config.unsetMeansDefault).toBe(true);
    expect(config.icc?.at).toMatchObject({ line: 2 });
    expect(
      config.hosts.map((h) => [
        h.value,
        (h.at as { path: string }).path.replace(/^.*?\/(etc|proc)\//, '/$1/'),
      ]),
    ).toEqual([
      ['unix:///srv/d.sock', '/etc/docker/daemon.json'],
      ['fd://', '/proc/700/cmdline'],
    ]);
    // The engine rules judge the host's real configuration: icc is off, live-restore is left at its default.
    const { findings } = evaluate(read.engineConfigs, new RuleSet([icc, liveRestore]), {
      now: TEST_NOW,
      settings: TEST_SETTINGS,
    });
    expect(findings.map((f) => f.ruleId)).toEqual(['D04.live-restore-disabled']);
  });

  it('reads a flag-only dockerd with its --config-file, and a rootless one', async () => {
    const read = await readFixtureHost({
      '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\ndev:x:1000:1000::/home/dev:/bin/bash\n',
      '/srv/engine.json': '{"live-restore": true}\n',
      ...dockerd(700, ['dockerd', '--config-file', '/srv/engine.json', '--icc=false']),
      ...dockerd(900, ['dockerd'], 1000),
      '/home/dev/.config/docker/daemon.json': '{"icc": false}\n',
    });
    expect(
      read.engineConfigs.map((c) => [c.label, c.icc?.value, c.liveRestore?.value, c.rootless?.value]),
    ).toEqual([
      ['dockerd (pid 700, /srv/engine.json and its flags)', false, true, undefined],
      ['dockerd (pid 900, /home/dev/.config/docker/daemon.json and its flags)', false, undefined, true],
    ]);
    expect(read.host.access.rootlessDockerd?.map((r) => r.value)).toEqual([
      { pid: 900, uid: 1000, user: 'dev' },
    ]);
  });

  it('reports a dockerd flag without its value as an error at the cmdline', async () => {
    const read = await readFixtureHost({ ...dockerd(700, ['dockerd', '--log-level']) });
    expect(read.errors).toEqual([
      expect.objectContaining({
        line: 1,
        column: 9,
        message: 'dockerd flags: --log-level needs a value: skipped',
      }),
    ]);
    expect(read.engineConfigs[0]!.unsetMeansDefault).toBe(true);
  });
});

describe('readAccess on this machine', () => {
  it('reads the real process table within a second', async () => {
    const started = performance.now();
    const { host } = await readHost('/', { now: TEST_NOW });
    const elapsed = performance.now() - started;
    expect(host.access.processesKnown).toBe(true);
    expect(typeof host.access.auditdRunning?.value).toBe('boolean');
    expect(host.access.timeSync).toBeDefined();
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('readAccess: the Docker socket path', () => {
  it('ignores a directory left at the socket path', async () => {
    const { host } = await readFixtureHost({ '/run/docker.sock/.keep': '', '/var/run': { link: '/run' } });
    expect(host.access.dockerSockets).toEqual([]);
  });
});
