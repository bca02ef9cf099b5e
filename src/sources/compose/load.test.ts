import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAt } from '../../../test/rule-tester.js';
import type { Location } from '../../core/location.js';
import { loadText } from '../../scan/load-file.js';
import type { Workload } from '../../subjects/workload.js';
import type { Mapping } from '../shared/values.js';
import { loadYaml } from '../yaml/load.js';
import { type ComposeProject, loadCompose, looksLikeCompose } from './load.js';

const PATH = '/project/compose.yaml';

async function compose(
  text: string,
  environment: Record<string, string> = {},
  files: Record<string, string> = {},
): Promise<ComposeProject> {
  const { documents, positions } = loadYaml(text, PATH);
  return loadCompose(documents[0] as Mapping, positions, PATH, {
    environment: new Map(Object.entries(environment)),
    readFile: async (path) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return content;
    },
  });
}

/** The one service of a file made of `services:\n  web:\n` and the given lines (indented 4). */
async function service(...lines: string[]): Promise<Workload> {
  const project = await compose(`services:\n  web:\n${lines.map((l) => `    ${l}`).join('\n')}\n`);
  return project.workloads[0]!;
}

const line = (located: { at: Location } | undefined) => located && fileAt(located.at).line;
const pos = (located: { at: Location } | undefined) => {
  if (!located) return undefined;
  const at = fileAt(located.at);
  return `${at.line}:${at.column}`;
};

describe('loadCompose: services and project', () => {
  it('makes one workload per service, and a deployment for the project', async () => {
    const project = await compose(
      'name: shop\nservices:\n  web:\n    image: nginx\n  db:\n    image: postgres:16\n',
    );
    expect(project.workloads.map((w) => w.name)).toEqual(['web', 'db']);
    const web = project.workloads[0]!;
    expect(web).toMatchObject({
      kind: 'workload',
      origin: 'compose',
      label: 'service "web"',
      deployment: 'shop',
      seccompWhenUnset: 'runtime-default',
      pidsLimitConfigurable: true,
      at: { path: PATH, line: 3, column: 3 },
    });
    expect(web.image?.value).toMatchObject({ raw: 'nginx', repository: 'library/nginx' });
    expect(pos(web.image)).toBe('4:5');
    expect(project.deployment).toMatchObject({ kind: 'deployment', origin: 'compose', name: 'shop' });
    expect(project.deployment.workloads).toBe(project.workloads);
    expect(project.warnings).toEqual([]);
  });

  it('names the project after the directory when the file does not', async () => {
    expect((await compose('services:\n  a:\n    image: x\n')).deployment.name).toBe('project');
  });

  it('collects top-level networks, not extensions', async () => {
    const project = await compose(
      'services:\n  a:\n    image: x\nnetworks:\n  front:\n  back: {}\n  x-meta: {}\n',
    );
    expect(project.deployment.networks.map((n) => `${n.value}@${line(n)}`)).toEqual(['front@5', 'back@6']);
  });

  it('ignores x- extensions, at the top and among services', async () => {
    const project = await compose(
      'x-common: &c\n  image: base\nservices:\n  x-template:\n    image: tpl\n  web:\n    <<: *c\n',
    );
    expect(project.workloads.map((w) => w.name)).toEqual(['web']);
    expect(project.workloads[0]!.image?.value.raw).toBe('base');
  });

  it('gives the same result whatever the obsolete `version:` says', async () => {
    const body = 'services:\n  web:\n    image: nginx\n    privileged: true\n    ports: ["80:80"]\n';
    const strip = (p: ComposeProject) =>
      p.workloads.map((w) => ({ ...w, at: undefined, image: w.image?.value }));
    const none = strip(await compose(body));
    for (const version of ['"3.8"', '"2"', '1', 'banana']) {
      const project = await compose(`version: ${version}\n${body}`);
      expect(project.workloads[0]!.privileged?.value).toBe(true);
      expect(
        strip(project).map((w) => ({ ...w, privileged: w.privileged?.value, ports: w.ports.length })),
      ).toEqual(none.map((w) => ({ ...w, privileged: w.privileged?.value, ports: w.ports.length })));
    }
  });

  it('skips services that are not mappings and a services key that is not one', async () => {
    expect(
      (await compose('services:\n  a: null\n  b: [1]\n  c:\n    image: x\n')).workloads.map((w) => w.name),
    ).toEqual(['c']);
    expect((await compose('services: [a, b]\n')).workloads).toEqual([]);
    expect((await compose('other: 1\n')).workloads).toEqual([]);
  });
});

describe('loadCompose: fields', () => {
  it('reads user, privileged, read_only with their lines', async () => {
    const w = await service('image: x', 'user: "1000:1000"', 'privileged: true', 'read_only: "false"');
    expect(w.user).toEqual({ value: '1000:1000', at: { path: PATH, line: 4, column: 5 } });
    expect(w.privileged).toMatchObject({ value: true, at: { line: 5 } });
    expect(w.readOnlyRootfs).toMatchObject({ value: false, at: { line: 6 } });
  });

  it('reads a numeric user as text', async () => {
    expect((await service('image: x', 'user: 0')).user?.value).toBe('0');
  });

  it('leaves fields that are not written unknown', async () => {
    const w = await service('image: x');
    for (const field of [
      'user',
      'privileged',
      'readOnlyRootfs',
      'networkMode',
      'pidMode',
      'noNewPrivileges',
    ] as const)
      expect(w[field]).toBeUndefined();
    expect(w.resources).toEqual({ ulimits: {} });
  });

  it('reads cap_add and cap_drop, normalized, one position per item', async () => {
    const w = await service('image: x', 'cap_add:', '  - CAP_SYS_ADMIN', '  - net_raw', 'cap_drop: [ALL]');
    expect(w.capAdd.map((c) => `${c.value}@${pos(c)}`)).toEqual(['SYS_ADMIN@5:9', 'NET_RAW@6:9']);
    expect(w.capDrop.map((c) => `${c.value}@${pos(c)}`)).toEqual(['ALL@7:16']);
  });

  it('reads security_opt in both separators', async () => {
    const w = await service(
      'image: x',
      'security_opt:',
      '  - no-new-privileges:true',
      '  - seccomp=unconfined',
      '  - apparmor:unconfined',
      '  - label:disable',
    );
    expect(w.noNewPrivileges).toMatchObject({ value: true, at: { line: 5 } });
    expect(w.seccompProfile).toMatchObject({ value: 'unconfined', at: { line: 6 } });
    expect(w.apparmorProfile).toMatchObject({ value: 'unconfined', at: { line: 7 } });
    expect(w.selinuxDisabled).toMatchObject({ value: true, at: { line: 8 } });
  });

  it('reads network_mode, pid, ipc, uts, userns_mode and restart', async () => {
    const w = await service(
      'image: x',
      'network_mode: host',
      'pid: "service:db"',
      'ipc: host',
      'uts: host',
      'userns_mode: host',
      'restart: unless-stopped',
    );
    expect(
      [w.networkMode, w.pidMode, w.ipcMode, w.utsMode, w.usernsMode, w.restart].map(
        (f) => `${f?.value}@${line(f)}`,
      ),
    ).toEqual(['host@4', 'service:db@5', 'host@6', 'host@7', 'host@8', 'unless-stopped@9']);
  });

  it('reads logging driver and options', async () => {
    const w = await service(
      'image: x',
      'logging:',
      '  driver: "none"',
      '  options:',
      '    max-size: 10m',
      '    max-file: 3',
    );
    expect(w.logging).toMatchObject({
      driver: { value: 'none', at: { line: 5 } },
      options: { 'max-size': '10m', 'max-file': '3' },
    });
    expect(w.logging && fileAt(w.logging.at).line).toBe(4);
    expect((await service('image: x', 'logging:', '  options: {a: b}')).logging?.driver).toBeUndefined();
  });

  it('reads labels as a list and as a map', async () => {
    expect((await service('image: x', 'labels: ["a=1", "b", "c=x=y"]')).labels).toEqual({
      a: '1',
      b: '',
      c: 'x=y',
    });
    expect((await service('image: x', 'labels: {a: 1, b: null}')).labels).toEqual({ a: '1', b: '' });
  });

  it('reads service networks as a list and as a map', async () => {
    expect(
      (await service('image: x', 'networks: [front, back]')).networks.map((n) => `${n.value}@${pos(n)}`),
    ).toEqual(['front@4:16', 'back@4:23']);
    expect(
      (await service('image: x', 'networks:', '  front:', '    aliases: [a]', '  back: {}')).networks.map(
        (n) => `${n.value}@${line(n)}`,
      ),
    ).toEqual(['front@5', 'back@7']);
  });
});

describe('loadCompose: ports', () => {
  it('reads short syntax, with the position of each item', async () => {
    const w = await service(
      'image: x',
      'ports:',
      '  - "127.0.0.1:8080:80"',
      '  - "8081:81/udp"',
      '  - "8000-8010:8000-8010"',
      '  - "[::1]:82:82"',
      '  - "3000"',
      '  - 3001',
    );
    expect(
      w.ports.map(({ at, ...p }) => ({ ...p, line: fileAt(at).line, column: fileAt(at).column })),
    ).toEqual([
      { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp', line: 5, column: 9 },
      { hostPort: '8081', containerPort: '81', protocol: 'udp', line: 6, column: 9 },
      { hostPort: '8000-8010', containerPort: '8000-8010', protocol: 'tcp', line: 7, column: 9 },
      { hostIp: '::1', hostPort: '82', containerPort: '82', protocol: 'tcp', line: 8, column: 9 },
      { containerPort: '3000', protocol: 'tcp', line: 9, column: 9 },
      { containerPort: '3001', protocol: 'tcp', line: 10, column: 9 },
    ]);
  });

  it('publishes a bare port (string or integer) on an ephemeral port of every interface', async () => {
    const w = await service('image: x', 'ports: ["3000", 3001]');
    for (const port of w.ports) {
      expect(port.hostIp).toBeUndefined();
      expect(port.hostPort).toBeUndefined();
    }
  });

  it('reads long syntax', async () => {
    const w = await service(
      'image: x',
      'ports:',
      '  - target: 80',
      '    published: 8080',
      '    host_ip: 127.0.0.1',
      '    protocol: UDP',
      '  - target: 443',
      '    published: "8443-8444"',
      '  - target: 9000',
      '  - published: 1',
    );
    expect(w.ports.map(({ at, ...p }) => ({ ...p, line: fileAt(at).line }))).toEqual([
      { containerPort: '80', hostPort: '8080', hostIp: '127.0.0.1', protocol: 'udp', line: 5 },
      { containerPort: '443', hostPort: '8443-8444', protocol: 'tcp', line: 9 },
      { containerPort: '9000', protocol: 'tcp', line: 11 },
    ]);
  });
});

describe('loadCompose: volumes', () => {
  it('reads short syntax: binds (./, /, ~), named volumes, anonymous volumes, modes', async () => {
    const w = await service(
      'image: x',
      'volumes:',
      '  - ./src:/app:ro',
      '  - /var/run/docker.sock:/var/run/docker.sock',
      '  - ~/.aws:/root/.aws',
      '  - data:/var/lib/data',
      '  - /cache',
      '  - /host:/c:rw,rshared',
    );
    expect(w.mounts.map(({ at, ...m }) => ({ ...m, line: fileAt(at).line }))).toEqual([
      { type: 'bind', source: './src', target: '/app', readOnly: true, line: 5 },
      {
        type: 'bind',
        source: '/var/run/docker.sock',
        target: '/var/run/docker.sock',
        readOnly: false,
        line: 6,
      },
      { type: 'bind', source: '~/.aws', target: '/root/.aws', readOnly: false, line: 7 },
      { type: 'volume', source: 'data', target: '/var/lib/data', readOnly: false, line: 8 },
      { type: 'volume', target: '/cache', readOnly: false, line: 9 },
      { type: 'bind', source: '/host', target: '/c', readOnly: false, propagation: 'rshared', line: 10 },
    ]);
  });

  it('reads long syntax: type, source, target, read_only, bind.propagation', async () => {
    const w = await service(
      'image: x',
      'volumes:',
      '  - type: bind',
      '    source: /etc',
      '    target: /host-etc',
      '    read_only: true',
      '    bind:',
      '      propagation: rslave',
      '  - type: volume',
      '    source: data',
      '    target: /data',
      '  - type: tmpfs',
      '    target: /tmp',
      '  - type: npipe',
      '    source: \\\\.\\pipe\\docker_engine',
      '    target: \\\\.\\pipe\\docker_engine',
      '  - source: ./no-type',
      '    target: /nt',
      '  - type: bind',
      '    source: /no-target',
    );
    expect(w.mounts.map(({ at, ...m }) => ({ ...m, line: fileAt(at).line }))).toEqual([
      { type: 'bind', source: '/etc', target: '/host-etc', readOnly: true, propagation: 'rslave', line: 5 },
      { type: 'volume', source: 'data', target: '/data', readOnly: false, line: 11 },
      { type: 'tmpfs', target: '/tmp', readOnly: false, line: 14 },
      {
        type: 'other',
        source: '\\\\.\\pipe\\docker_engine',
        target: '\\\\.\\pipe\\docker_engine',
        readOnly: false,
        line: 16,
      },
      { type: 'bind', source: './no-type', target: '/nt', readOnly: false, line: 19 },
    ]);
  });

  it('reads tmpfs as a string and as a list', async () => {
    expect((await service('image: x', 'tmpfs: /run')).mounts).toMatchObject([
      { type: 'tmpfs', target: '/run', at: { line: 4 } },
    ]);
    const list = await service('image: x', 'tmpfs:', '  - /run:size=64m', '  - /tmp');
    expect(list.mounts.map((m) => `${m.type} ${m.target}@${line(m)}`)).toEqual([
      'tmpfs /run@5',
      'tmpfs /tmp@6',
    ]);
  });
});

describe('loadCompose: resources', () => {
  it('reads mem_limit, memswap_limit, cpus and pids_limit', async () => {
    const w = await service(
      'image: x',
      'mem_limit: 512m',
      'memswap_limit: 1g',
      'cpus: 0.5',
      'pids_limit: 100',
    );
    expect(w.resources).toEqual({
      memory: { value: '512m', at: { path: PATH, line: 4, column: 5 } },
      memorySwap: { value: '1g', at: { path: PATH, line: 5, column: 5 } },
      cpus: { value: '0.5', at: { path: PATH, line: 6, column: 5 } },
      pidsLimit: { value: 100, at: { path: PATH, line: 7, column: 5 } },
      ulimits: {},
    });
  });

  it('reads deploy.resources.limits', async () => {
    const w = await service(
      'image: x',
      'deploy:',
      '  resources:',
      '    limits:',
      '      cpus: "1.5"',
      '      memory: 1G',
      '      pids: 50',
    );
    expect(w.resources.memory).toMatchObject({ value: '1G', at: { line: 8, column: 11 } });
    expect(w.resources.cpus).toMatchObject({ value: '1.5', at: { line: 7 } });
    expect(w.resources.pidsLimit).toMatchObject({ value: 50, at: { line: 9 } });
  });

  it('does not take reservations for limits', async () => {
    const w = await service('image: x', 'deploy:', '  resources:', '    reservations:', '      memory: 1G');
    expect(w.resources).toEqual({ ulimits: {} });
  });

  it('takes a CPU quota as a CPU limit, not CPU shares', async () => {
    expect((await service('image: x', 'cpu_quota: 50000')).resources.cpus?.value).toBe('50000');
    expect((await service('image: x', 'cpu_shares: 512')).resources.cpus).toBeUndefined();
  });

  it('keeps an unlimited pids_limit as the number written', async () => {
    expect((await service('image: x', 'pids_limit: -1')).resources.pidsLimit?.value).toBe(-1);
    expect((await service('image: x', 'pids_limit: lots')).resources.pidsLimit).toBeUndefined();
  });
});

describe('loadCompose: environment', () => {
  it('reads the list form: KEY=VALUE literal, KEY alone from the host', async () => {
    const w = await service(
      'image: x',
      'environment:',
      '  - A=1',
      '  - B=',
      '  - FROM_HOST',
      '  - C=x=y',
      '  - =bad',
    );
    expect(w.env.map(({ at, ...e }) => ({ ...e, line: fileAt(at).line }))).toEqual([
      { name: 'A', value: '1', from: 'literal', line: 5 },
      { name: 'B', value: '', from: 'literal', line: 6 },
      { name: 'FROM_HOST', from: 'host', line: 7 },
      { name: 'C', value: 'x=y', from: 'literal', line: 8 },
    ]);
  });

  it('reads the map form: a null value comes from the host', async () => {
    const w = await service(
      'image: x',
      'environment:',
      '  A: 1',
      '  DEBUG: true',
      '  FROM_HOST:',
      '  EMPTY: ""',
    );
    expect(w.env.map(({ at, ...e }) => ({ ...e, line: fileAt(at).line }))).toEqual([
      { name: 'A', value: '1', from: 'literal', line: 5 },
      { name: 'DEBUG', value: 'true', from: 'literal', line: 6 },
      { name: 'FROM_HOST', from: 'host', line: 7 },
      { name: 'EMPTY', value: '', from: 'literal', line: 8 },
    ]);
  });

  it('reads env_file in every form, relative to the compose file', async () => {
    const files = {
      '/project/.env.web': 'A=1\n# c\nB="two"\nFROM_HOST\n',
      '/project/conf/extra.env': 'C=3\n',
    };
    const one = await compose('services:\n  web:\n    image: x\n    env_file: .env.web\n', {}, files);
    expect(
      one.workloads[0]!.env.map(({ at, ...e }) => ({ ...e, at: `${fileAt(at).path}:${fileAt(at).line}` })),
    ).toEqual([
      { name: 'A', value: '1', from: 'literal', at: '/project/.env.web:1' },
      { name: 'B', value: 'two', from: 'literal', at: '/project/.env.web:3' },
      { name: 'FROM_HOST', from: 'host', at: '/project/.env.web:4' },
    ]);
    const list = await compose(
      'services:\n  web:\n    image: x\n    env_file:\n      - ./conf/extra.env\n      - path: missing.env\n        required: false\n      - path: .env.web\n',
      {},
      files,
    );
    expect(list.warnings).toEqual([]);
    expect(list.workloads[0]!.env.map((e) => e.name)).toEqual(['C', 'A', 'B', 'FROM_HOST']);
  });

  it('warns about a required env_file it cannot read, and still returns the service', async () => {
    const project = await compose(
      'services:\n  web:\n    image: x\n    environment: [A=1]\n    env_file: [missing.env, {path: also-missing.env, required: true}]\n',
    );
    expect(project.workloads[0]!.env.map((e) => e.name)).toEqual(['A']);
    expect(project.warnings.map((w) => w.path)).toEqual([
      '/project/missing.env',
      '/project/also-missing.env',
    ]);
    expect(project.warnings[0]!.message).toMatch(/env_file of service "web" cannot be read/);
  });
});

describe('loadCompose: anchors and merge keys', () => {
  it('merges `<<: *default` and points inherited fields at the anchored lines', async () => {
    const project = await compose(
      [
        'x-defaults: &defaults', // 1
        '  restart: always', // 2
        '  privileged: true', // 3
        '  cap_add: [SYS_ADMIN]', // 4
        '  environment: &env', // 5
        '    SHARED: "1"', // 6
        'services:', // 7
        '  web:', // 8
        '    <<: *defaults', // 9
        '    image: nginx', // 10
        '    privileged: false', // 11
        '  worker:', // 12
        '    <<: *defaults', // 13
        '    image: worker', // 14
        '    environment: *env', // 15
        '',
      ].join('\n'),
    );
    const [web, worker] = project.workloads;
    expect(web!.restart).toMatchObject({ value: 'always', at: { line: 2 } });
    expect(web!.privileged).toMatchObject({ value: false, at: { line: 11 } });
    expect(web!.capAdd.map(pos)).toEqual(['4:13']);
    expect(worker!.privileged).toMatchObject({ value: true, at: { line: 3 } });
    expect(worker!.env).toMatchObject([{ name: 'SHARED', value: '1', at: { line: 6 } }]);
  });

  it('merges several anchors in order, the first one winning', async () => {
    const project = await compose(
      'x-a: &a {user: a}\nx-b: &b {user: b, pid: host}\nservices:\n  s:\n    <<: [*a, *b]\n    image: x\n',
    );
    expect(project.workloads[0]!.user).toMatchObject({ value: 'a', at: { line: 1 } });
    expect(project.workloads[0]!.pidMode).toMatchObject({ value: 'host', at: { line: 2 } });
  });
});

describe('loadCompose: extends', () => {
  const base = [
    'services:', // 1
    '  base:', // 2
    '    image: app:1', // 3
    '    user: root', // 4
    '    cap_add: [NET_ADMIN]', // 5
    '    ports:', // 6
    '      - "80:80"', // 7
    '    volumes:', // 8
    '      - ./data:/data', // 9
    '      - /logs:/logs', // 10
    '    environment:', // 11
    '      - A=1', // 12
    '      - B=1', // 13
    '    deploy:', // 14
    '      resources:', // 15
    '        limits:', // 16
    '          memory: 512M', // 17
  ];

  it('takes over the base service and keeps where inherited fields are written', async () => {
    const project = await compose(
      [...base, '  app:', '    extends: base', '    image: app:2', ''].join('\n'),
    );
    const app = project.workloads[1]!;
    expect(app.image?.value.raw).toBe('app:2');
    expect(app.user).toMatchObject({ value: 'root', at: { line: 4 } });
    expect(app.capAdd.map(pos)).toEqual(['5:15']);
    expect(app.ports.map(line)).toEqual([7]);
    expect(app.mounts.map(line)).toEqual([9, 10]);
    expect(app.resources.memory).toMatchObject({ value: '512M', at: { line: 17 } });
    expect(fileAt(app.at).line).toBe(18);
  });

  it('merges as compose does: sequences add up, volumes by target, mappings deeply', async () => {
    const project = await compose(
      [
        ...base,
        '  app:', // 18
        '    extends:', // 19
        '      service: base', // 20
        '    cap_add: [SYS_PTRACE]', // 21
        '    ports: ["443:443"]', // 22
        '    volumes:', // 23
        '      - ./data:/data:ro', // 24
        '    environment:', // 25
        '      B: "2"', // 26
        '      C: "3"', // 27
        '    deploy:', // 28
        '      resources:', // 29
        '        limits:', // 30
        '          cpus: "0.5"', // 31
        '',
      ].join('\n'),
    );
    const app = project.workloads[1]!;
    expect(app.capAdd.map((c) => `${c.value}@${line(c)}`)).toEqual(['NET_ADMIN@5', 'SYS_PTRACE@21']);
    expect(app.ports.map((p) => `${p.containerPort}@${line(p)}`)).toEqual(['80@7', '443@22']);
    expect(app.mounts.map((m) => `${m.target}:${m.readOnly ? 'ro' : 'rw'}@${line(m)}`)).toEqual([
      '/logs:rw@10',
      '/data:ro@24',
    ]);
    expect(app.env.map((e) => `${e.name}=${e.value}@${line(e)}`)).toEqual(['A=1@12', 'B=2@26', 'C=3@27']);
    expect(app.resources.memory).toMatchObject({ value: '512M', at: { line: 17 } });
    expect(app.resources.cpus).toMatchObject({ value: '0.5', at: { line: 31 } });
    // The base service itself is untouched.
    const baseService = project.workloads[0]!;
    expect(baseService.capAdd.map((c) => c.value)).toEqual(['NET_ADMIN']);
    expect(baseService.env.map((e) => e.name)).toEqual(['A', 'B']);
  });

  it('follows chains of extends', async () => {
    const project = await compose(
      'services:\n  a:\n    image: a\n    privileged: true\n  b:\n    extends: a\n    user: b\n  c:\n    extends: b\n',
    );
    const c = project.workloads[2]!;
    expect(c.privileged).toMatchObject({ value: true, at: { line: 4 } });
    expect(c.user).toMatchObject({ value: 'b', at: { line: 7 } });
    expect(c.image?.value.raw).toBe('a');
  });

  it('does not hang on a cycle, or on a service extending itself', async () => {
    const project = await compose(
      'services:\n  a:\n    extends: b\n    image: a\n  b:\n    extends: {service: a}\n    user: b\n  self:\n    extends: self\n    image: s\n',
    );
    expect(project.workloads.map((w) => w.name)).toEqual(['a', 'b', 'self']);
    expect(project.workloads[2]!.image?.value.raw).toBe('s');
  });

  it('ignores extends from another file and of an unknown service', async () => {
    const project = await compose(
      'services:\n  a:\n    image: a\n    privileged: true\n  b:\n    extends: {file: other.yaml, service: a}\n  c:\n    extends: nope\n    image: c\n',
    );
    expect(project.workloads[1]!.privileged).toBeUndefined();
    expect(project.workloads[2]!.image?.value.raw).toBe('c');
  });
});

describe('loadCompose: interpolation', () => {
  it('substitutes ${VAR:-default}, ${VAR}, $VAR and $$ from the environment it is given', async () => {
    const project = await compose(
      'services:\n  web:\n    image: "nginx:${TAG:-1.25}"\n    user: $UID\n    command: echo $$HOME\n    environment:\n      A: ${A}\n',
      { UID: '1000', A: 'set' },
    );
    const web = project.workloads[0]!;
    expect(web.image?.value.raw).toBe('nginx:1.25');
    expect(web.user?.value).toBe('1000');
    expect(web.env[0]).toMatchObject({ name: 'A', value: 'set' });
  });

  it('leaves an unset variable visible', async () => {
    const web = (await compose('services:\n  web:\n    image: "app:${TAG}"\n    user: $NOPE\n'))
      .workloads[0]!;
    expect(web.image?.value).toMatchObject({ raw: 'app:${TAG}', unresolved: true });
    expect(web.user?.value).toBe('$NOPE');
  });

  it('interpolates before reading booleans and ports', async () => {
    const web = (
      await compose(
        'services:\n  web:\n    image: x\n    privileged: ${PRIV:-true}\n    ports: ["${PORT:-8080}:80"]\n',
        {},
      )
    ).workloads[0]!;
    expect(web.privileged?.value).toBe(true);
    expect(web.ports[0]).toMatchObject({ hostPort: '8080', containerPort: '80' });
  });
});

describe('looksLikeCompose', () => {
  it('wants services with an image, a build or an extends', () => {
    expect(looksLikeCompose({ services: { a: { image: 'x' } } })).toBe(true);
    expect(looksLikeCompose({ services: { a: { build: '.' } } })).toBe(true);
    expect(looksLikeCompose({ services: { a: { extends: 'b' } } })).toBe(true);
    expect(looksLikeCompose({ services: { a: { command: 'x' } } })).toBe(false);
    expect(looksLikeCompose({ services: [] })).toBe(false);
    expect(looksLikeCompose({ apiVersion: 'v1', kind: 'Service' })).toBe(false);
    expect(looksLikeCompose(null)).toBe(false);
  });
});

describe('compose through loadText: .env and env_file on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dt10-compose-'));
    await mkdir(join(dir, 'conf'));
    await writeFile(join(dir, '.env'), 'TAG=from-dotenv\nUSER_ID=1000\n# comment\nPORT="9090"\n');
    await writeFile(join(dir, 'conf', 'app.env'), 'SECRET_KEY=abc\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function load(text: string, environment: Record<string, string> = {}) {
    const path = join(dir, 'compose.yaml');
    return loadText(path, text, 'compose', true, { environment, dotEnvCache: new Map() });
  }

  it('reads variables from the .env next to the compose file, the shell winning', async () => {
    const loaded = await load(
      'services:\n  web:\n    image: app:${TAG}\n    user: ${USER_ID}\n    ports: ["$PORT:80"]\n',
      {
        USER_ID: '2000',
      },
    );
    expect(loaded.errors).toEqual([]);
    const web = loaded.compose[0]!.workloads[0]!;
    expect(web.image?.value.raw).toBe('app:from-dotenv');
    expect(web.user?.value).toBe('2000');
    expect(web.ports[0]!.hostPort).toBe('9090');
  });

  it('reads env_file relative to the compose file', async () => {
    const loaded = await load('services:\n  web:\n    image: x\n    env_file: conf/app.env\n');
    expect(loaded.errors).toEqual([]);
    expect(loaded.compose[0]!.workloads[0]!.env).toEqual([
      {
        name: 'SECRET_KEY',
        value: 'abc',
        from: 'literal',
        at: { path: join(dir, 'conf', 'app.env'), line: 1, column: 1 },
      },
    ]);
  });

  it('reports a missing required env_file as an error entry with its path', async () => {
    const loaded = await load(
      'services:\n  web:\n    image: x\n    env_file: [nope.env, {path: opt.env, required: false}]\n',
    );
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0]!.path).toBe(join(dir, 'nope.env'));
    expect(loaded.compose[0]!.workloads).toHaveLength(1);
  });
});

describe('loadCompose: secrets, devices, sysctls, ulimits, healthcheck', () => {
  it('reads each in its short and long syntax, with positions', async () => {
    const w = await service(
      'image: x',
      'secrets:',
      '  - db_password',
      '  - source: api_token',
      '    target: token',
      'devices: ["/dev/fuse:/dev/fuse"]',
      'sysctls:',
      '  net.core.somaxconn: 1024',
      'ulimits:',
      '  nproc: 65535',
      '  nofile: { soft: 1024, hard: 2048 }',
      'healthcheck:',
      '  test: ["CMD", "curl", "-f", "http://localhost"]',
    );
    expect(w.secrets.map((s) => [s.value, fileAt(s.at).line])).toEqual([
      ['db_password', 5],
      ['api_token', 6],
    ]);
    expect(w.devices.map((d) => [d.value, fileAt(d.at).line])).toEqual([['/dev/fuse:/dev/fuse', 8]]);
    expect(w.sysctls.map((s) => [s.name, s.value, fileAt(s.at).line])).toEqual([
      ['net.core.somaxconn', '1024', 10],
    ]);
    expect(Object.fromEntries(Object.entries(w.resources.ulimits).map(([k, v]) => [k, v.value]))).toEqual({
      nproc: '65535:65535',
      nofile: '1024:2048',
    });
    expect(w.healthcheck).toMatchObject({ disabled: false, test: 'CMD curl -f http://localhost' });
    expect(line(w.healthcheck)).toBe(14);
  });

  it('reads sysctls as a list, and a disabled healthcheck both ways', async () => {
    const list = await service(
      'image: x',
      'sysctls:',
      '  - net.ipv4.ip_forward=1',
      'healthcheck:',
      '  disable: true',
    );
    expect(list.sysctls.map((s) => [s.name, s.value])).toEqual([['net.ipv4.ip_forward', '1']]);
    expect(list.healthcheck?.disabled).toBe(true);
    const none = await service('image: x', 'healthcheck:', '  test: ["NONE"]');
    expect(none.healthcheck?.disabled).toBe(true);
    const unset = await service('image: x');
    expect(unset.healthcheck).toBeUndefined();
    expect(unset.secrets).toEqual([]);
  });
});

describe('loadCompose: oom_kill_disable, deploy.restart_policy, systempaths', () => {
  it('reads them into the workload', async () => {
    const w = await service(
      'image: x',
      'oom_kill_disable: true',
      'security_opt: ["systempaths=unconfined"]',
      'deploy:',
      '  restart_policy:',
      '    condition: on-failure',
      '    max_attempts: 3',
    );
    expect(w.oomKillDisable?.value).toBe(true);
    expect(w.procMount?.value).toBe('Unmasked');
    expect(w.restart).toMatchObject({ value: 'on-failure:3', at: { line: 8 } });
  });

  it('prefers the service restart over deploy.restart_policy, and reads condition any as always', async () => {
    expect(
      (await service('image: x', 'restart: unless-stopped', 'deploy:', '  restart_policy: {condition: any}'))
        .restart?.value,
    ).toBe('unless-stopped');
    expect((await service('image: x', 'deploy:', '  restart_policy: {condition: any}')).restart?.value).toBe(
      'always',
    );
  });
});
