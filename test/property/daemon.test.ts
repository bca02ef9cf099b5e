// The engine configuration sources under random and damaged input: daemon.json (generated with its keys in
// any order and layout, then damaged) and dockerd flags in systemd units and DOCKER_OPTS files. A valid
// input gives every setting at the line it is written on; anything else never throws, never hangs, and
// what cannot be read is an error entry with a line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LoadedFile } from '../../src/scan/load-file.js';
import type { EngineConfig } from '../../src/subjects/engine-config.js';
import { fileAt } from '../rule-tester.js';
import { loadChecked, mutated, RUNS } from './support.js';

/** Every position in the engine configurations points at a line of this file. */
function checkEngineLocations(loaded: LoadedFile, path: string, text: string): EngineConfig[] {
  const lines = text.split(/\r\n|\r|\n/).length;
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string, unknown>;
    if (typeof record.line === 'number' && typeof record.column === 'number') {
      expect(record.path).toBe(path);
      expect(Number.isInteger(record.line) && record.line >= 1 && record.line <= lines).toBe(true);
      expect(Number.isInteger(record.column) && record.column >= 1).toBe(true);
      return;
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(loaded.other);
  for (const subject of loaded.other) expect(subject.kind).toBe('engine-config');
  return loaded.other as EngineConfig[];
}

const host = fc.constantFrom(
  'unix:///var/run/docker.sock',
  'fd://',
  'tcp://0.0.0.0:2375',
  'tcp://127.0.0.1:2376',
  '0.0.0.0:2375',
  'tcp://[::]:2375',
);

/** daemon.json settings: known ones of every shape, unknown ones, and values of the wrong type. */
const setting: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(
    fc.constantFrom(
      'icc',
      'iptables',
      'userland-proxy',
      'live-restore',
      'no-new-privileges',
      'tls',
      'tlsverify',
      'experimental',
      'debug',
    ),
    fc.oneof(fc.boolean(), fc.constantFrom('yes', 1, null)),
  ),
  fc.tuple(
    fc.constantFrom('userns-remap', 'log-driver', 'log-level', 'storage-driver', 'seccomp-profile', 'bridge'),
    fc.oneof(fc.string({ maxLength: 12 }), fc.constant({})),
  ),
  fc.tuple(fc.constant('hosts'), fc.array(host, { maxLength: 3 })),
  fc.tuple(
    fc.constantFrom('insecure-registries', 'registry-mirrors', 'authorization-plugins'),
    fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  ),
  fc.tuple(
    fc.constant('log-opts'),
    fc.dictionary(
      fc.constantFrom('max-size', 'max-file', 'tag', '__proto__'),
      fc.oneof(fc.string({ maxLength: 5 }), fc.integer()),
    ),
  ),
  fc.tuple(
    fc.constant('default-ulimits'),
    fc.constant({ nofile: { Name: 'nofile', Soft: 1024, Hard: 2048 } }),
  ),
  fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })),
);

interface GeneratedJson {
  text: string;
  keys: string[];
  /** One level of indentation, as JSON.stringify wrote it. */
  indent: string;
}

const daemonJson: fc.Arbitrary<GeneratedJson> = fc
  .tuple(
    fc.uniqueArray(setting, { maxLength: 8, selector: ([key]) => key }),
    fc.constantFrom(2, 4, '\t'),
    fc.boolean(),
  )
  .map(([settings, indent, crlf]) => {
    const object: Record<string, unknown> = {};
    for (const [key, value] of settings) Object.defineProperty(object, key, { value, enumerable: true });
    const text = JSON.stringify(object, null, indent);
    return {
      text: crlf ? text.replace(/\n/g, '\r\n') : text,
      keys: settings.map(([key]) => key),
      indent: typeof indent === 'number' ? ' '.repeat(indent) : indent,
    };
  });

/** The line where a top-level key is written in a text made by JSON.stringify with indentation. */
function keyLine(text: string, key: string, indent: string): number {
  const written = `${indent}${JSON.stringify(key)}:`;
  return text.split(/\r?\n/).findIndex((line) => line.startsWith(written)) + 1;
}

describe('daemon.json', () => {
  it('gives every generated setting at the line of its key', async () => {
    await fc.assert(
      fc.asyncProperty(daemonJson, async ({ text, keys, indent }) => {
        const loaded = await loadChecked('/etc/docker/daemon.json', text, 'daemon-json', false);
        const [config] = checkEngineLocations(loaded, '/etc/docker/daemon.json', text);
        expect(loaded.unreadable).toBe(false);
        expect(config).toBeDefined();
        for (const key of keys) {
          const at = config!.settings[key];
          expect(at && fileAt(at).line, key).toBe(keyLine(text, key, indent));
        }
        for (const error of loaded.errors) expect(error.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on a damaged daemon.json, and says where JSON breaks', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(daemonJson.map((d) => d.text)), fc.boolean(), async (text, explicit) => {
        const path = '/etc/docker/daemon.json';
        const loaded = await loadChecked(path, text, 'daemon-json', explicit);
        checkEngineLocations(loaded, path, text);
        let valid = true;
        try {
          JSON.parse(text.replace(/^\uFEFF/, '').trim() === '' ? '{}' : text.replace(/^\uFEFF/, ''));
        } catch {
          valid = false;
        }
        if (!valid && !text.includes('\u0000')) {
          expect(loaded.unreadable).toBe(true);
          expect(loaded.errors[0]!.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

const flag = fc.oneof(
  host.map((h) => `-H ${h}`),
  host.map((h) => `--host=${h}`),
  fc.constantFrom(
    '--icc=false',
    '--icc',
    '--iptables=false',
    '--tlsverify',
    '--userland-proxy=false',
    '--live-restore',
    '--no-new-privileges',
    '--experimental',
    '-D',
    '-l debug',
    '--log-level=warn',
    '--log-driver json-file',
    '--log-opt max-size=10m',
    '--log-opt=tag="{{.Name}}"',
    '--insecure-registry reg:5000',
    '--authorization-plugin=authz',
    '-s overlay2',
    '--storage-driver=aufs',
    '--userns-remap=default',
    '--seccomp-profile /etc/docker/seccomp.json',
    '--default-ulimit nofile=1024:2048',
    '--containerd=/run/containerd/containerd.sock',
    '--data-root /srv/docker',
    '$DOCKER_OPTS',
    '${EXTRA}',
  ),
);

interface GeneratedFlags {
  text: string;
  hosts: { value: string; line: number }[];
}

/** A unit or a DOCKER_OPTS file with the flags spread over continuation lines. */
const flagsFile: fc.Arbitrary<GeneratedFlags & { path: string }> = fc
  .tuple(
    fc.array(fc.array(flag, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([lines, unit]) => {
    const header = unit
      ? ['[Unit]', 'Description=Docker', '', '[Service]', 'Type=notify']
      : ['# Docker options'];
    const first = unit ? 'ExecStart=/usr/bin/dockerd' : 'DOCKER_OPTS="';
    const body = lines.map((words) => words.join(' '));
    const text = unit
      ? [
          ...header,
          `${first} \\`,
          ...body.map((line, i) => `  ${line}${i < body.length - 1 ? ' \\' : ''}`),
          '',
        ].join('\n')
      : [
          ...header,
          `${first}\\`,
          ...body.map((line, i) => `  ${line.replace(/"/g, '\\"')}${i < body.length - 1 ? ' \\' : '"'}`),
          '',
        ].join('\n');
    const hosts: { value: string; line: number }[] = [];
    body.forEach((line, i) => {
      for (const match of line.matchAll(/(?:-H |--host=)(\S+)/g))
        hosts.push({ value: match[1]!, line: header.length + 2 + i });
    });
    return { text, hosts, path: unit ? 'docker.service' : 'etc/default/docker' };
  });

describe('dockerd flags', () => {
  it('gives every generated -H at the line of its flag', async () => {
    await fc.assert(
      fc.asyncProperty(flagsFile, async ({ text, hosts, path }) => {
        const loaded = await loadChecked(path, text, 'dockerd-flags', false);
        const [config] = checkEngineLocations(loaded, path, text);
        expect(loaded.errors).toEqual([]);
        expect(config!.hosts.map((h) => ({ value: h.value, line: fileAt(h.at).line }))).toEqual(hosts);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on a damaged unit or DOCKER_OPTS file', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutated(flagsFile.map((f) => f.text)),
        fc.constantFrom('docker.service', 'default/docker'),
        async (text, path) => {
          const loaded = await loadChecked(path, text, 'dockerd-flags', true);
          checkEngineLocations(loaded, path, text);
          expect(loaded.other.length).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('any text as engine configuration', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 100 }),
    fc
      .array(
        fc.constantFrom(
          '[Service]',
          'ExecStart=',
          'dockerd',
          ' -H ',
          'tcp://',
          '\\\n',
          '\n',
          '"',
          "'",
          '\\',
          '$',
          '%',
          '#',
          ';',
          '=',
          'DOCKER_OPTS=',
          '{',
          '}',
          '[',
          ']',
          ',',
          ':',
          '"icc"',
          'true',
          '\r',
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join('')),
  );

  it('never throws, never hangs', async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.constantFrom('daemon-json' as const, 'dockerd-flags' as const),
        fc.boolean(),
        async (input, kind, explicit) => {
          const path = kind === 'daemon-json' ? 'daemon.json' : 'docker.service';
          const loaded = await loadChecked(path, input, kind, explicit);
          checkEngineLocations(loaded, path, input);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never hangs on long inputs', async () => {
    const long = `[Service]\nExecStart=/usr/bin/dockerd ${'-H tcp://0.0.0.0:2375 \\\n '.repeat(20_000)}\n`;
    const loaded = await loadChecked('docker.service', long, 'dockerd-flags', true);
    expect((loaded.other[0] as EngineConfig).hosts).toHaveLength(20_000);
    const json = `{"hosts": [${Array.from({ length: 20_000 }, () => '"tcp://0.0.0.0:2375"').join(',\n')}]}`;
    const fromJson = await loadChecked('daemon.json', json, 'daemon-json', true);
    expect((fromJson.other[0] as EngineConfig).hosts).toHaveLength(20_000);
  });
});
