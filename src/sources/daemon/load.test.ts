import { describe, expect, it } from 'vitest';
import { fileAt } from '../../../test/rule-tester.js';
import { loadEngineFile } from './load.js';

const flags = (text: string, path = 'docker.service') => loadEngineFile(path, text, 'dockerd-flags', false);
const only = (text: string, path?: string) => {
  const loaded = flags(text, path);
  expect(loaded.errors).toEqual([]);
  expect(loaded.configs).toHaveLength(1);
  return loaded.configs[0]!;
};

const UNIT = `[Unit]
Description=Docker Application Container Engine

[Service]
Type=notify
# the stock command line
ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
ExecReload=/bin/kill -s HUP $MAINPID
`;

describe('dockerd flags from a systemd unit', () => {
  it('reads the ExecStart of [Service], each setting at its flag', () => {
    const config = only(UNIT);
    expect(config).toMatchObject({
      origin: 'dockerd-flags',
      unsetMeansDefault: false,
      label: 'dockerd flags (ExecStart)',
      at: { path: 'docker.service', line: 7, column: 1 },
      hosts: [{ value: 'fd://', at: { line: 7, column: 28 } }],
    });
    expect(Object.keys(config.settings)).toEqual(['hosts', 'containerd']);
  });

  it('maps every modelled flag, in both --flag=value and --flag value forms', () => {
    const config = only(`[Service]
ExecStart=/usr/bin/dockerd \\
  -H unix:///var/run/docker.sock -H=tcp://0.0.0.0:2376 --host tcp://127.0.0.1:2375 \\
  --tlsverify --tls=false --tlscacert=/ca.pem --tlscert /cert.pem --tlskey=/key.pem \\
  --icc=false --iptables=0 --userland-proxy=false --live-restore --no-new-privileges \\
  --experimental=true --selinux-enabled -D --userns-remap=default --seccomp-profile /p.json \\
  --insecure-registry a:5000 --insecure-registry=b:5000 --registry-mirror http://m \\
  --log-driver json-file --log-opt max-size=10m --log-opt=max-file=3 -l warn \\
  --authorization-plugin authz --storage-driver=devicemapper --default-ulimit nofile=1024:2048 -b none
`);
    expect(config).toMatchObject({
      hosts: [
        { value: 'unix:///var/run/docker.sock', at: { line: 3, column: 3 } },
        { value: 'tcp://0.0.0.0:2376', at: { line: 3, column: 34 } },
        { value: 'tcp://127.0.0.1:2375', at: { line: 3, column: 56 } },
      ],
      tlsVerify: { value: true, at: { line: 4, column: 3 } },
      tls: { value: false },
      tlsCaCert: { value: '/ca.pem' },
      tlsCert: { value: '/cert.pem' },
      tlsKey: { value: '/key.pem' },
      icc: { value: false, at: { line: 5, column: 3 } },
      iptables: { value: false },
      userlandProxy: { value: false },
      liveRestore: { value: true },
      noNewPrivileges: { value: true },
      experimental: { value: true },
      selinuxEnabled: { value: true },
      debug: { value: true },
      usernsRemap: { value: 'default' },
      seccompProfile: { value: '/p.json' },
      insecureRegistries: [
        { value: 'a:5000', at: { line: 7, column: 3 } },
        { value: 'b:5000', at: { line: 7, column: 30 } },
      ],
      registryMirrors: [{ value: 'http://m' }],
      logDriver: { value: 'json-file' },
      logOpts: { 'max-size': { value: '10m' }, 'max-file': { value: '3', at: { line: 8, column: 49 } } },
      logLevel: { value: 'warn' },
      authorizationPlugins: [{ value: 'authz' }],
      storageDriver: { value: 'devicemapper' },
      defaultUlimits: { nofile: { value: '1024:2048' } },
      bridge: { value: 'none' },
    });
  });

  it('takes the ExecStart in force after a drop-in resets the list', () => {
    const config = only(
      '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375\n',
      'docker.service.d/override.conf',
    );
    expect(config.hosts.map((h) => h.value)).toEqual(['fd://', 'tcp://0.0.0.0:2375']);
    expect(fileAt(config.at).line).toBe(3);
  });

  it('understands systemd prefixes, env, the old docker daemon and docker -d', () => {
    expect(only('[Service]\nExecStart=-/usr/bin/dockerd --icc=false\n').icc?.value).toBe(false);
    expect(only('[Service]\nExecStart=@/usr/bin/dockerd dockerd --icc=false\n').icc?.value).toBe(false);
    expect(only('[Service]\nExecStart=/usr/bin/env FOO=1 dockerd --icc=false\n').icc?.value).toBe(false);
    expect(only('[Service]\nExecStart=/usr/bin/docker daemon -H fd:// --icc=false\n').icc?.value).toBe(false);
    expect(only('[Service]\nExecStart=/usr/bin/docker -d -H fd:// --icc=false\n').icc?.value).toBe(false);
  });

  it('skips what systemd expands, and reads short flags combined', () => {
    const config = only(
      '[Service]\nExecStart=/usr/bin/dockerd $DOCKER_OPTS -Dl debug -Htcp://0.0.0.0:2375 -G docker\n',
    );
    expect(config.debug?.value).toBe(true);
    expect(config.logLevel?.value).toBe('debug');
    expect(config.hosts.map((h) => h.value)).toEqual(['tcp://0.0.0.0:2375']);
  });

  it('gives nothing for a unit that does not run dockerd, or a drop-in without ExecStart', () => {
    expect(flags('[Service]\nExecStart=/usr/bin/containerd\n', 'containerd.service')).toEqual({
      configs: [],
      errors: [],
      unreadable: false,
    });
    expect(
      flags('[Service]\nEnvironment="HTTP_PROXY=http://proxy:3128"\n', 'http-proxy.conf').configs,
    ).toEqual([]);
    expect(flags('[Install]\nExecStart=/usr/bin/dockerd\n').configs).toEqual([]);
  });

  it('warns about flags dockerd would refuse, and still reads the rest', () => {
    const loaded = flags(
      '[Service]\nExecStart=/usr/bin/dockerd --icc false --log-opt nosep --iptables=maybe -H\n',
    );
    expect(loaded.configs[0]!.icc?.value).toBe(true);
    expect(loaded.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [
        2,
        34,
        'dockerd flags: dockerd takes no arguments: "false" is ignored (a boolean flag takes its value as --flag=value)',
      ],
      [2, 40, 'dockerd flags: --log-opt "nosep" is not name=value: skipped'],
      [2, 56, 'dockerd flags: --iptables must be true or false, not "maybe": left unknown'],
      [2, 73, 'dockerd flags: -H needs a value: skipped'],
    ]);
  });

  it('reports a quote left open with its line', () => {
    const loaded = flags('[Service]\nExecStart=/usr/bin/dockerd --log-opt "tag=a\n');
    expect(loaded.errors).toEqual([
      { path: 'docker.service', line: 2, column: 38, message: 'dockerd flags: a quote is not closed' },
    ]);
  });
});

describe('dockerd flags from DOCKER_OPTS files', () => {
  it('reads DOCKER_OPTS, each flag at its place in the file', () => {
    const config = only(
      '# Docker Upstart and SysVinit configuration file\n#DOCKER_OPTS="--dns 8.8.8.8"\nDOCKER_OPTS="-H tcp://0.0.0.0:2375 \\\n  --icc=false"\n',
      'default/docker',
    );
    expect(config).toMatchObject({
      label: 'dockerd flags (DOCKER_OPTS)',
      at: { line: 3, column: 1 },
      hosts: [{ value: 'tcp://0.0.0.0:2375', at: { line: 3, column: 14 } }],
      icc: { value: false, at: { line: 4, column: 3 } },
    });
  });

  it('appends when the variable names itself, replaces otherwise, and reads sysconfig OPTIONS', () => {
    const config = only(
      "export DOCKER_OPTS='--icc=false'\nDOCKER_OPTS=\"$DOCKER_OPTS --live-restore\"\nOPTIONS='--selinux-enabled'\nOTHER='--experimental'\n",
      'docker.env',
    );
    expect(config.icc?.value).toBe(false);
    expect(config.liveRestore?.value).toBe(true);
    expect(config.selinuxEnabled?.value).toBe(true);
    expect(config.experimental).toBeUndefined();
    expect(config.label).toBe('dockerd flags (DOCKER_OPTS, OPTIONS)');
    const replaced = only('DOCKER_OPTS="--icc=false"\nDOCKER_OPTS="--iptables=false"\n', 'docker.env');
    expect(replaced.icc).toBeUndefined();
    expect(replaced.iptables?.value).toBe(false);
  });

  it('gives nothing for a file with every line commented out', () => {
    expect(
      flags('#DOCKER_OPTS="--dns 8.8.8.8"\n#export TMPDIR="/mnt/bigdrive/docker-tmp"\n', 'default/docker'),
    ).toEqual({
      configs: [],
      errors: [],
      unreadable: false,
    });
  });
});

describe('daemon.json files', () => {
  it('reports malformed JSON as an unreadable file with its line', () => {
    expect(
      loadEngineFile('etc/docker/daemon.json', '{\n  "icc": false,\n}', 'daemon-json', false),
    ).toMatchObject({
      configs: [],
      unreadable: true,
      errors: [
        {
          path: 'etc/docker/daemon.json',
          line: 3,
          column: 1,
          message: expect.stringMatching(/^daemon\.json: invalid JSON/),
        },
      ],
    });
  });

  it('judges other JSON under etc/docker by content: silent unless the user named it', () => {
    const key = '{"crv":"P-256","kid":"X","kty":"EC","x":"a","y":"b"}';
    expect(loadEngineFile('etc/docker/key.json', key, 'daemon-json', false)).toEqual({
      configs: [],
      errors: [],
      unreadable: false,
    });
    expect(loadEngineFile('etc/docker/key.json', key, 'daemon-json', true)).toMatchObject({
      unreadable: true,
      errors: [{ message: 'not a dockerd configuration (no daemon.json setting in it)' }],
    });
    expect(loadEngineFile('etc/docker/broken.json', '{', 'daemon-json', false).errors).toEqual([]);
    expect(
      loadEngineFile('etc/docker/other.json', '{"icc": true}', 'daemon-json', false).configs,
    ).toHaveLength(1);
  });

  it('prefixes type warnings with the source', () => {
    expect(loadEngineFile('daemon.json', '{"icc": 1}', 'daemon-json', false).errors).toEqual([
      {
        path: 'daemon.json',
        line: 1,
        column: 2,
        message: 'daemon.json: "icc" must be true or false, not 1: left unknown',
      },
    ]);
  });
});

describe('daemon.json named otherwise', () => {
  it('counts documented settings the model does not hold, and takes {} when the user says so', () => {
    expect(
      loadEngineFile('etc/docker/x.json', '{"data-root": "/srv/docker"}', 'daemon-json', false).configs,
    ).toHaveLength(1);
    expect(loadEngineFile('<stdin>', '{}', 'daemon-json', true).configs).toHaveLength(1);
    expect(loadEngineFile('etc/docker/x.json', '{}', 'daemon-json', false).configs).toEqual([]);
  });
});
