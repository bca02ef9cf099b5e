// Compose files built from arbitrary services (short and long syntax, block and flow style, anchors and
// merge keys, extends, interpolation), loaded as they are and then damaged: a valid one gives every service
// with its fields at the lines they are written, a damaged one never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileAt } from '../rule-tester.js';
import { loadChecked, mutated, RUNS, withCycles } from './support.js';

const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);

/** A field of a service: its lines (indented under the service) and, for ports, where each item is. */
interface Field {
  key: string;
  lines: string[];
  /** Lines (0-based, within `lines`) of the port items this field writes. */
  portLines?: number[];
}

const port = fc.constantFrom(
  '"8080:80"',
  '"127.0.0.1:8081:81"',
  '"53:53/udp"',
  '3000',
  '"[::1]:82:82"',
  '"9000-9001:9000-9001"',
);

const fields: fc.Arbitrary<Field>[] = [
  fc
    .constantFrom('nginx:1.25', 'ghcr.io/o/app@sha256:abc', '"app:${TAG:-1}"', 'app:$TAG')
    .map((image) => ({ key: 'image', lines: [`image: ${image}`] })),
  fc
    .constantFrom('root', '"1000:1000"', '0', '$UID')
    .map((user) => ({ key: 'user', lines: [`user: ${user}`] })),
  fc
    .constantFrom('true', 'false', '"${PRIV:-false}"')
    .map((v) => ({ key: 'privileged', lines: [`privileged: ${v}`] })),
  fc.array(port, { minLength: 1, maxLength: 3 }).chain((ports) =>
    fc.constantFrom(
      {
        key: 'ports',
        lines: ['ports:', ...ports.map((p) => `  - ${p}`)],
        portLines: ports.map((_, i) => i + 1),
      },
      { key: 'ports', lines: [`ports: [${ports.join(', ')}]`], portLines: ports.map(() => 0) },
      {
        key: 'ports',
        lines: [
          'ports:',
          ...ports.flatMap((_, i) => [`  - target: ${80 + i}`, `    published: ${8000 + i}`]),
        ],
        portLines: ports.map((_, i) => 1 + 2 * i),
      },
    ),
  ),
  fc
    .array(
      fc.constantFrom(
        './src:/app:ro',
        '/var/run/docker.sock:/var/run/docker.sock',
        'data:/data',
        '~/.ssh:/root/.ssh',
        '/cache',
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((volumes) => ({ key: 'volumes', lines: ['volumes:', ...volumes.map((v) => `  - "${v}"`)] })),
  fc.constant({
    key: 'volumes',
    lines: ['volumes:', '  - type: bind', '    source: /etc', '    target: /etc', '    read_only: true'],
  }),
  fc
    .uniqueArray(fc.tuple(name, fc.option(name)), { minLength: 1, maxLength: 3, selector: ([k]) => k })
    .chain((vars) =>
      fc.constantFrom(
        {
          key: 'environment',
          lines: ['environment:', ...vars.map(([k, v]) => `  - ${k.toUpperCase()}${v ? `=${v}` : ''}`)],
        },
        {
          key: 'environment',
          lines: ['environment:', ...vars.map(([k, v]) => `  ${k.toUpperCase()}: ${v ?? ''}`)],
        },
      ),
    ),
  fc
    .subarray(['SYS_ADMIN', 'NET_ADMIN', 'CAP_NET_RAW', 'all'], { minLength: 1 })
    .map((caps) => ({ key: 'cap_add', lines: [`cap_add: [${caps.join(', ')}]`] })),
  fc.constant({ key: 'cap_drop', lines: ['cap_drop:', '  - ALL'] }),
  fc
    .subarray(['no-new-privileges:true', 'seccomp=unconfined', 'apparmor:unconfined', 'label:disable'], {
      minLength: 1,
    })
    .map((options) => ({ key: 'security_opt', lines: ['security_opt:', ...options.map((o) => `  - ${o}`)] })),
  fc
    .constantFrom('host', 'none', 'bridge')
    .map((mode) => ({ key: 'network_mode', lines: [`network_mode: ${mode}`] })),
  fc.constantFrom('pid', 'ipc', 'uts', 'userns_mode').map((key) => ({ key, lines: [`${key}: host`] })),
  fc.constantFrom('512m', '1g').map((memory) => ({ key: 'mem_limit', lines: [`mem_limit: ${memory}`] })),
  fc.constant({
    key: 'deploy',
    lines: [
      'deploy:',
      '  resources:',
      '    limits:',
      '      cpus: "0.5"',
      '      memory: 256M',
      '      pids: 100',
    ],
  }),
  fc.constant({ key: 'logging', lines: ['logging:', '  driver: json-file', '  options: {max-size: 10m}'] }),
  fc.constant({ key: 'tmpfs', lines: ['tmpfs: [/run, "/tmp:size=64m"]'] }),
];

interface Service {
  name: string;
  fields: Field[];
  extendsIndex?: number;
  merge: boolean;
}

interface GeneratedCompose {
  text: string;
  services: string[];
  /** For each service, the 1-based lines of its own port items, in order. */
  ports: number[][];
}

const compose: fc.Arbitrary<GeneratedCompose> = fc
  .tuple(
    fc.uniqueArray(name, { minLength: 1, maxLength: 4 }),
    fc.boolean(),
    fc.boolean(),
    fc.constantFrom('', 'version: "3.8"\n', 'name: shop\n'),
  )
  .chain(([names, withAnchor, crlf, header]) =>
    fc
      .tuple(
        ...names.map((serviceName, index) =>
          fc
            .tuple(
              fc.uniqueArray(fc.oneof(...fields), { maxLength: 6, selector: (f) => f.key }),
              fc.option(fc.nat(index)),
              fc.boolean(),
            )
            .map(([own, extendsIndex, merge]): Service => ({
              name: serviceName,
              fields: own,
              merge: merge && withAnchor,
              ...(extendsIndex !== null && extendsIndex < index ? { extendsIndex } : {}),
            })),
        ),
      )
      .map((services) => {
        const lines: string[] = header === '' ? [] : [header.trimEnd()];
        if (withAnchor) lines.push('x-defaults: &defaults', '  restart: unless-stopped', '  read_only: true');
        lines.push('services:');
        const ports: number[][] = [];
        for (const service of services) {
          lines.push(`  ${service.name}:`);
          if (service.merge) lines.push('    <<: *defaults');
          if (service.extendsIndex !== undefined)
            lines.push(`    extends: ${services[service.extendsIndex]!.name}`);
          if (!service.fields.some((f) => f.key === 'image')) lines.push('    image: base:1');
          const own: number[] = [];
          for (const field of service.fields) {
            const first = lines.length + 1;
            for (const offset of field.portLines ?? []) own.push(first + offset);
            lines.push(...field.lines.map((l) => `    ${l}`));
          }
          ports.push(own);
        }
        const eol = crlf ? '\r\n' : '\n';
        return { text: lines.join(eol) + eol, services: services.map((s) => s.name), ports };
      }),
  );

describe('compose files', () => {
  it('loads every generated compose file with each port at the line it is written', async () => {
    await fc.assert(
      fc.asyncProperty(compose, async ({ text, services, ports }) => {
        const loaded = await loadChecked('/project/compose.yaml', text, 'compose', false);
        expect(loaded.errors).toEqual([]);
        const [project] = loaded.compose;
        expect(project!.workloads.map((w) => w.name)).toEqual(services);
        project!.workloads.forEach((workload, index) => {
          // Own ports come after those inherited through extends.
          const own = workload.ports.slice(workload.ports.length - ports[index]!.length);
          expect(own.map((p) => fileAt(p.at).line)).toEqual(ports[index]);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('finds the same services when the file is only known as YAML', async () => {
    await fc.assert(
      fc.asyncProperty(compose, async ({ text, services }) => {
        const loaded = await loadChecked('/project/stack.yml', text, 'yaml', false);
        expect(loaded.compose[0]?.workloads.map((w) => w.name)).toEqual(services);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on a damaged compose file', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutated(compose.map((c) => c.text)),
        fc.constantFrom('compose', 'yaml', 'auto'),
        fc.boolean(),
        async (text, kind, explicit) => {
          const loaded = await loadChecked('/project/compose.yaml', text, kind, explicit);
          for (const error of loaded.errors)
            if (error.message.startsWith('YAML:')) expect(error.line).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('never loops on anchors that make a mapping contain itself', async () => {
    await fc.assert(
      fc.asyncProperty(withCycles(compose.map((c) => c.text)), async (text) => {
        await loadChecked('/project/compose.yaml', text, 'compose', true);
      }),
      { numRuns: RUNS },
    );
  });

  it('never loops when extends merges mappings that contain themselves', async () => {
    const field = fc.constantFrom(
      'deploy',
      'logging',
      'environment',
      'labels',
      'healthcheck',
      'build',
      'networks',
      'sysctls',
      'x-ext',
    );
    const cyclic = fc
      .tuple(field, fc.boolean(), fc.boolean(), fc.constantFrom('extends: a', 'extends: {service: a}'))
      .map(([key, ownAlias, baseIsService, extendsLine]) =>
        [
          'services:',
          `  a:${baseIsService ? ' &svc' : ''}`,
          '    image: x',
          `    ${key}: &cyc`,
          '      k: v',
          '      cyc: *cyc',
          '  b:',
          `    ${extendsLine}`,
          ownAlias ? `    ${key}: *cyc` : `    ${key}: &own\n      k: w\n      cyc: *own`,
          ...(baseIsService ? ['  c:', '    <<: *svc', '    extends: b'] : []),
          '',
        ].join('\n'),
      );
    await fc.assert(
      fc.asyncProperty(cyclic, async (text) => {
        const loaded = await loadChecked('/project/compose.yaml', text, 'compose', true);
        expect(loaded.compose[0]!.workloads.length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 100 },
    );
  });
});
