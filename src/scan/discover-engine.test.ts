// Discovery of the Docker Engine's configuration files, which needs the path and not only the name.
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyByName, discover } from './discover.js';
import { loadText } from './load-file.js';

describe('classifyByName: engine configuration', () => {
  it.each([
    ['daemon.json', 'daemon-json'],
    ['/etc/docker/daemon.json', 'daemon-json'],
    ['config/Daemon.JSON', 'daemon-json'],
    ['/etc/docker/daemon-prod.json', 'daemon-json'],
    ['roles/docker/files/etc/docker/custom.json', 'daemon-json'],
    ['docker.service', 'dockerd-flags'],
    ['/lib/systemd/system/docker.service', 'dockerd-flags'],
    ['units/engine.service', 'dockerd-flags'],
    ['/etc/systemd/system/docker.service.d/override.conf', 'dockerd-flags'],
    ['docker.service.d/10-tcp.conf', 'dockerd-flags'],
    ['/etc/default/docker', 'dockerd-flags'],
    ['etc/sysconfig/docker', 'dockerd-flags'],
    ['docker.env', 'dockerd-flags'],
  ])('%s is %s', (path, kind) => {
    expect(classifyByName(path)).toBe(kind);
  });

  it.each([
    'package.json',
    'etc/dockerfiles/x.json',
    'docker',
    'bin/docker',
    'nginx.conf',
    'containerd.service.d/x.conf',
  ])('%s is not engine configuration', (path) => {
    expect(classifyByName(path)).toBeUndefined();
  });
});

describe('discover: engine configuration', () => {
  let root: string;
  beforeEach(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'dt10-discover-engine-')));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const write = async (path: string, text = '') => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  };

  it('finds daemon.json, units, drop-ins and DOCKER_OPTS files by their place', async () => {
    await write('etc/docker/daemon.json', '{}');
    await write('etc/docker/key.json', '{}');
    await write('etc/default/docker');
    await write('etc/systemd/system/docker.service.d/override.conf');
    await write('lib/systemd/system/docker.service');
    await write('usr/bin/docker');
    await write('package.json', '{}');
    const { files } = await discover([root]);
    expect(files.map((f) => [relative(root, f.path), f.kind])).toEqual([
      ['etc/default/docker', 'dockerd-flags'],
      ['etc/docker/daemon.json', 'daemon-json'],
      ['etc/docker/key.json', 'daemon-json'],
      ['etc/systemd/system/docker.service.d/override.conf', 'dockerd-flags'],
      ['lib/systemd/system/docker.service', 'dockerd-flags'],
    ]);
  });

  it('classifies a file named on the command line by its whole path', async () => {
    await write('default/docker', 'DOCKER_OPTS="--icc=false"\n');
    const { files } = await discover([join(root, 'default', 'docker')]);
    expect(files.map((f) => f.kind)).toEqual(['dockerd-flags']);
  });
});

describe('loadText: engine configuration', () => {
  const context = { environment: {}, dotEnvCache: new Map() };

  it('puts an EngineConfig in `other`', async () => {
    const json = await loadText('daemon.json', '{"icc": false}', 'daemon-json', false, context);
    expect(json.other.map((s) => s.kind)).toEqual(['engine-config']);
    const unit = await loadText(
      'docker.service',
      '[Service]\nExecStart=/usr/bin/dockerd --icc=false\n',
      'dockerd-flags',
      false,
      context,
    );
    expect(unit.other.map((s) => s.kind)).toEqual(['engine-config']);
  });

  it('reports malformed daemon.json as unreadable, with its line', async () => {
    const loaded = await loadText('daemon.json', '{\n  "icc": false,\n}\n', 'daemon-json', true, context);
    expect(loaded.unreadable).toBe(true);
    expect(loaded.errors).toMatchObject([{ path: 'daemon.json', line: 3 }]);
  });
});
