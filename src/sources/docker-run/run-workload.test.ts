import { describe, expect, it } from 'vitest';
import { fileAt } from '../../../test/rule-tester.js';
import type { Workload } from '../../subjects/workload.js';
import { loadRunLines } from './load.js';

function workloads(text: string): Workload[] {
  return loadRunLines(text, 'run.sh', 'shell');
}

/** The one workload of `docker run <flags> nginx:1.27`. */
function run(flags: string): Workload {
  const found = workloads(`docker run ${flags} nginx:1.27\n`);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const at = (line: number, column: number) => ({ path: 'run.sh', line, column });

/** The column of the `nth` (0-based) `needle` among the flags of `run(flags)`, which start at column 12. */
function col(flags: string, needle: string, nth = 0): number {
  let index = -1;
  for (let k = 0; k <= nth; k++) index = flags.indexOf(needle, index + 1);
  if (index === -1) throw new Error(`${needle} not in ${flags}`);
  return 12 + index;
}

describe('runWorkload', () => {
  it('names the workload after --name, else after its image', () => {
    const named = run('--name web');
    expect(named).toMatchObject({
      kind: 'workload',
      origin: 'docker-run',
      name: 'web',
      label: 'container "web"',
      at: at(1, 1),
      seccompWhenUnset: 'runtime-default',
      pidsLimitConfigurable: true,
    });
    expect(named.image).toEqual({
      value: {
        raw: 'nginx:1.27',
        registry: 'docker.io',
        repository: 'library/nginx',
        tag: '1.27',
        unresolved: false,
      },
      at: at(1, 23),
    });
    expect(run('-d')).toMatchObject({ name: 'nginx:1.27', label: 'container of image "nginx:1.27"' });
    expect(run('--name=a --name b').name).toBe('b');
  });

  it('leaves unknown what no flag says', () => {
    const w = run('');
    expect(w.privileged).toBeUndefined();
    expect(w.user).toBeUndefined();
    expect(w.readOnlyRootfs).toBeUndefined();
    expect(w.noNewPrivileges).toBeUndefined();
    expect(w.resources).toEqual({ ulimits: {} });
    expect(w.healthcheck).toBeUndefined();
    expect(w.logging).toBeUndefined();
  });

  it.each([
    ['--privileged', 'privileged', true],
    ['--privileged=true', 'privileged', true],
    ['--privileged=false', 'privileged', false],
    ['--read-only', 'readOnlyRootfs', true],
    ['--read-only=0', 'readOnlyRootfs', false],
    ['--oom-kill-disable', 'oomKillDisable', true],
    ['-P', 'publishAll', true],
    ['--publish-all', 'publishAll', true],
  ] as const)('%s sets %s', (flags, field, value) => {
    expect(run(flags)[field]).toEqual({ value, at: at(1, 12) });
  });

  it('ignores a switch whose value the CLI would refuse or a variable hides', () => {
    expect(run('--privileged=maybe').privileged).toBeUndefined();
    expect(run('--privileged=$PRIV').privileged).toBeUndefined();
  });

  it('reads the user, with its group', () => {
    expect(run('-u 1000:1000').user).toEqual({ value: '1000:1000', at: at(1, 12) });
    expect(run('--user=root').user?.value).toBe('root');
    expect(run('--user ""').user).toBeUndefined();
  });

  it('reads capabilities, normalized, one flag or a comma list each', () => {
    const flags = '--cap-drop ALL --cap-add=cap_net_admin,SYS_TIME --cap-add net_raw';
    const w = run(flags);
    expect(w.capDrop).toEqual([{ value: 'ALL', at: at(1, 12) }]);
    expect(w.capAdd.map((c) => [c.value, fileAt(c.at).column])).toEqual([
      ['NET_ADMIN', col(flags, '--cap-add')],
      ['SYS_TIME', col(flags, 'SYS_TIME')],
      ['NET_RAW', col(flags, '--cap-add', 1)],
    ]);
  });

  it('reads security options as compose does', () => {
    const flags =
      '--security-opt seccomp=unconfined --security-opt apparmor:unconfined --security-opt label=disable --security-opt no-new-privileges --security-opt systempaths=unconfined';
    const w = run(flags);
    expect(w.seccompProfile?.value).toBe('unconfined');
    expect(w.apparmorProfile?.value).toBe('unconfined');
    expect(w.selinuxDisabled?.value).toBe(true);
    expect(w.noNewPrivileges).toEqual({ value: true, at: at(1, col(flags, '--security-opt', 3)) });
    expect(w.procMount?.value).toBe('Unmasked');
    expect(run('--security-opt=no-new-privileges:false').noNewPrivileges?.value).toBe(false);
  });

  it('reads -v in the short syntax, --mount in the long one, and --tmpfs', () => {
    const flags =
      '-v /var/run/docker.sock:/var/run/docker.sock:ro -v data:/data --volume=./src:/app --mount type=bind,source=/etc,target=/host/etc,readonly --mount "type=volume,src=cache,dst=/cache" --tmpfs /run:rw,size=64m';
    const w = run(flags);
    expect(w.mounts.map(({ at: _at, ...m }) => m)).toEqual([
      { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: true },
      { type: 'volume', source: 'data', target: '/data', readOnly: false },
      { type: 'bind', source: './src', target: '/app', readOnly: false },
      { type: 'bind', source: '/etc', target: '/host/etc', readOnly: true },
      { type: 'volume', source: 'cache', target: '/cache', readOnly: false },
      { type: 'tmpfs', target: '/run', readOnly: false },
    ]);
    expect(w.mounts.map((m) => fileAt(m.at).column)).toEqual([
      col(flags, '-v '),
      col(flags, '-v ', 1),
      col(flags, '--volume'),
      col(flags, '--mount'),
      col(flags, '--mount', 1),
      col(flags, '--tmpfs'),
    ]);
  });

  it('reads --use-api-socket as the Docker socket mounted', () => {
    expect(run('--use-api-socket').mounts).toEqual([
      {
        type: 'bind',
        source: '/var/run/docker.sock',
        target: '/var/run/docker.sock',
        readOnly: false,
        at: at(1, 12),
      },
    ]);
  });

  it('reads published ports', () => {
    const flags = '-p 8080:80 -p 127.0.0.1:53:53/udp --publish=443 -p "[::1]:9000:9000"';
    const w = run(flags);
    expect(w.ports.map(({ at: _at, ...p }) => p)).toEqual([
      { hostPort: '8080', containerPort: '80', protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: '53', containerPort: '53', protocol: 'udp' },
      { containerPort: '443', protocol: 'tcp' },
      { hostIp: '::1', hostPort: '9000', containerPort: '9000', protocol: 'tcp' },
    ]);
    expect(w.ports.map((p) => fileAt(p.at).column)).toEqual([
      col(flags, '-p'),
      col(flags, '-p', 1),
      col(flags, '--publish'),
      col(flags, '-p "'),
    ]);
  });

  it('reads the network and the namespaces', () => {
    const w = run('--network host --pid=host --ipc host --uts host --userns host');
    expect(w.networkMode).toEqual({ value: 'host', at: at(1, 12) });
    expect(w.networks).toEqual([]);
    expect([w.pidMode?.value, w.ipcMode?.value, w.utsMode?.value, w.usernsMode?.value]).toEqual([
      'host',
      'host',
      'host',
      'host',
    ]);
    const named = run('--net frontend --network backend');
    expect(named.networkMode?.value).toBe('frontend');
    expect(named.networks.map((n) => n.value)).toEqual(['frontend', 'backend']);
  });

  it('reads resource limits; --cpus wins over the CFS quota', () => {
    const flags =
      '-m 512m --memory-swap 1g --cpu-quota 50000 --cpus 0.5 --pids-limit 100 --ulimit nofile=1024:2048 --ulimit nproc=64';
    const w = run(flags);
    expect(w.resources).toEqual({
      memory: { value: '512m', at: at(1, 12) },
      memorySwap: { value: '1g', at: at(1, col(flags, '--memory-swap')) },
      cpus: { value: '0.5', at: at(1, col(flags, '--cpus')) },
      pidsLimit: { value: 100, at: at(1, col(flags, '--pids-limit')) },
      ulimits: {
        nofile: { value: '1024:2048', at: at(1, col(flags, '--ulimit')) },
        nproc: { value: '64:64', at: at(1, col(flags, '--ulimit', 1)) },
      },
    });
    expect(run('--cpu-quota=50000').resources.cpus?.value).toBe('50000');
    expect(run('--memory=0 --pids-limit -1').resources).toMatchObject({
      memory: { value: '0' },
      pidsLimit: { value: -1 },
    });
  });

  it('reads environment variables: literal, or from the host; env files are recorded, not read', () => {
    const flags = '-e A=1 --env B= -e HOME --env=C=x=y --env-file ./app.env';
    const w = run(flags);
    expect(w.env).toEqual([
      { name: 'A', value: '1', from: 'literal', at: at(1, 12) },
      { name: 'B', value: '', from: 'literal', at: at(1, col(flags, '--env')) },
      { name: 'HOME', from: 'host', at: at(1, col(flags, '-e ', 1)) },
      { name: 'C', value: 'x=y', from: 'literal', at: at(1, col(flags, '--env=')) },
    ]);
    expect(w.envFiles).toEqual([{ value: './app.env', at: at(1, col(flags, '--env-file')) }]);
  });

  it('reads logging, labels, devices, sysctls, restart and OOM settings', () => {
    const flags =
      '--log-driver syslog --log-opt tag=web --log-opt max-size=10m -l tier=front --label x --device /dev/fuse --sysctl net.ipv4.ip_forward=1 --restart always';
    const w = run(flags);
    expect(w.logging).toEqual({
      driver: { value: 'syslog', at: at(1, 12) },
      options: { tag: 'web', 'max-size': '10m' },
      at: at(1, 12),
    });
    expect(w.labels).toEqual({ tier: 'front', x: '' });
    expect(w.devices).toEqual([{ value: '/dev/fuse', at: at(1, col(flags, '--device')) }]);
    expect(w.sysctls).toEqual([
      { name: 'net.ipv4.ip_forward', value: '1', at: at(1, col(flags, '--sysctl')) },
    ]);
    expect(w.restart).toEqual({ value: 'always', at: at(1, col(flags, '--restart')) });
  });

  it('reads the healthcheck, and --no-healthcheck as disabled', () => {
    expect(run('--health-cmd "curl -f localhost" --health-interval 5s').healthcheck).toEqual({
      disabled: false,
      test: 'curl -f localhost',
      at: at(1, 12),
    });
    expect(run('--no-healthcheck').healthcheck).toEqual({ disabled: true, at: at(1, 12) });
    expect(run('--no-healthcheck --health-cmd x').healthcheck?.disabled).toBe(true);
  });

  it('reads podman secrets, as environment variables with type=env and as files otherwise', () => {
    const found = loadRunLines('podman run --secret db_pass,type=env nginx', 'run.sh', 'shell');
    expect(found[0]!.secrets).toEqual([{ value: 'db_pass', delivery: 'environment', at: at(1, 12) }]);
    const mounted = loadRunLines('podman run --secret tls_key,type=mount nginx', 'run.sh', 'shell');
    expect(mounted[0]!.secrets.map((s) => s.delivery)).toEqual(['file']);
  });

  it('points every field at the line and column its flag is written at, across continuations', () => {
    const [w] = workloads(
      [
        '#!/bin/sh',
        'set -e',
        'sudo docker run -d \\',
        '  --name api \\',
        '    --privileged \\',
        '\t-itp 127.0.0.1:80:80 \\',
        '  -v /:/host \\',
        '  registry.example.com/api:2 serve',
      ].join('\n'),
    );
    expect(w!.at).toEqual(at(3, 6));
    expect(w!.privileged?.at).toEqual(at(5, 5));
    expect(w!.ports[0]!.at).toEqual(at(6, 2));
    expect(w!.mounts[0]!.at).toEqual(at(7, 3));
    expect(w!.image?.at).toEqual(at(8, 3));
  });

  it('finds every run line of a script, in order, inside substitutions too', () => {
    const found = workloads(
      [
        'cid=$(docker create --name a alpine:3)',
        'docker run --name b busybox && docker run --name c busybox | tee x',
        'echo "docker run --name not-a-command x"',
        '# docker run --name commented x',
        'out="$(podman run --name d alpine:3 cat /etc/os-release)"',
      ].join('\n'),
    );
    expect(found.map((w) => [w.name, fileAt(w.at).line, fileAt(w.at).column])).toEqual([
      ['a', 1, 7],
      ['b', 2, 1],
      ['c', 2, 32],
      ['d', 5, 8],
    ]);
  });

  it('reads a CRLF script with positions as an editor shows them', () => {
    const [w] = workloads('echo hi\r\ndocker run \\\r\n  --privileged nginx\r\n');
    expect(w!.privileged?.at).toEqual(at(3, 3));
  });
});
