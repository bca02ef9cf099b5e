// `docker run` lines built from random flags (long and short forms, `=` or a separate value, quoted or not,
// spread over `\`-continued lines), written into a shell script, a Makefile recipe, a Markdown shell block
// and a GitHub Actions step: each gives one workload with every field at the line its flag is written on.
// Then damaged, and random text: loading never throws and never hangs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileKind } from '../../src/scan/discover.js';
import type { Workload } from '../../src/subjects/workload.js';
import { fileAt } from '../rule-tester.js';
import { loadChecked, mutated, RUNS } from './support.js';

/** What a flag sets, and how to read back the line it was found at. */
type Field =
  | 'ports'
  | 'mounts'
  | 'env'
  | 'capAdd'
  | 'devices'
  | 'privileged'
  | 'user'
  | 'readOnlyRootfs'
  | 'memory'
  | 'pidsLimit'
  | 'networkMode'
  | 'noNewPrivileges';

function linesOf(workload: Workload, field: Field): number[] {
  switch (field) {
    case 'ports':
    case 'mounts':
    case 'env':
    case 'capAdd':
    case 'devices':
      return workload[field].map((item) => fileAt(item.at).line);
    case 'memory':
      return workload.resources.memory ? [fileAt(workload.resources.memory.at).line] : [];
    case 'pidsLimit':
      return workload.resources.pidsLimit ? [fileAt(workload.resources.pidsLimit.at).line] : [];
    default: {
      const located = workload[field];
      return located ? [fileAt(located.at).line] : [];
    }
  }
}

interface FlagSpec {
  field: Field;
  long: string;
  short?: string;
  /** `undefined` for a switch. */
  values?: string[];
}

const FLAGS: FlagSpec[] = [
  {
    field: 'ports',
    long: 'publish',
    short: 'p',
    values: ['8080:80', '127.0.0.1:53:53/udp', '[::1]:9000:9000'],
  },
  { field: 'mounts', long: 'volume', short: 'v', values: ['/srv:/srv:ro', 'data:/data', '$PWD/src:/app'] },
  { field: 'env', long: 'env', short: 'e', values: ['A=1', 'HOME', 'GREETING=hello world'] },
  { field: 'capAdd', long: 'cap-add', values: ['SYS_ADMIN', 'net_admin'] },
  { field: 'devices', long: 'device', values: ['/dev/fuse', '/dev/kvm:/dev/kvm:rwm'] },
  { field: 'privileged', long: 'privileged' },
  { field: 'user', long: 'user', short: 'u', values: ['1000', 'root', '1000:0'] },
  { field: 'readOnlyRootfs', long: 'read-only' },
  { field: 'memory', long: 'memory', short: 'm', values: ['256m', '1g'] },
  { field: 'pidsLimit', long: 'pids-limit', values: ['100', '-1'] },
  { field: 'networkMode', long: 'network', values: ['host', 'none', 'front-end'] },
  { field: 'noNewPrivileges', long: 'security-opt', values: ['no-new-privileges', 'no-new-privileges:true'] },
];

/** One flag as written: its words (already quoted for the shell). */
const flag: fc.Arbitrary<{ field: Field; text: string }> = fc
  .tuple(
    fc.constantFrom(...FLAGS),
    fc.nat(),
    fc.constantFrom('separate', 'equals', 'short', 'attached'),
    fc.constantFrom('', "'", '"'),
  )
  .map(([spec, pick, form, quote]) => {
    if (!spec.values) return { field: spec.field, text: `--${spec.long}` };
    const raw = spec.values[pick % spec.values.length]!;
    // A value with a blank must be quoted; `$` stays live in double quotes, so single quotes keep `$PWD` text.
    const q = raw.includes(' ') && quote === '' ? '"' : raw.includes('$') && quote === "'" ? '"' : quote;
    const value = `${q}${raw}${q}`;
    if (spec.short && form === 'short') return { field: spec.field, text: `-${spec.short} ${value}` };
    if (spec.short && form === 'attached') return { field: spec.field, text: `-${spec.short}${value}` };
    if (form === 'equals') return { field: spec.field, text: `--${spec.long}=${value}` };
    return { field: spec.field, text: `--${spec.long} ${value}` };
  });

interface Script {
  /** The script's lines (without line ends). */
  lines: string[];
  name: string;
  /** 0-based line of each field's flag, per field, in the order written. */
  expected: Partial<Record<Field, number[]>>;
  /** 0-based line of the `docker` word. */
  commandLine: number;
}

const HEADS = [
  'docker run',
  'docker create',
  'docker container run',
  'podman run',
  'podman container create',
  'sudo docker run',
  'exec docker run',
  'DOCKER_HOST=unix:///run/user/1000/docker.sock docker run',
];

const script: fc.Arbitrary<Script> = fc
  .record({
    prelude: fc.subarray([
      'set -eu',
      '# docker run --privileged commented-out:1',
      'echo "docker run x:1"',
      '',
    ]),
    head: fc.constantFrom(...HEADS),
    substitution: fc.boolean(),
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
    flags: fc.uniqueArray(flag, { maxLength: 8, selector: (f) => f.field }),
    breaks: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    image: fc.constantFrom(
      'registry.example.com/app:1.0',
      'nginx:1.27',
      '"$IMAGE"',
      '${REGISTRY}/app:${TAG}',
    ),
    command: fc.constantFrom('', "sh -c 'echo hi; exit 0'", 'serve --port 8080'),
    tail: fc.constantFrom('', ' | tee run.log', ' > out.log 2>&1', ' && echo done'),
  })
  .map(({ prelude, head, substitution, name, flags, breaks, image, command, tail }) => {
    const lines = [...prelude];
    const commandLine = lines.length;
    let current = `${substitution ? 'id=$(' : ''}${head} --name ${name}`;
    const expected: Partial<Record<Field, number[]>> = {};
    flags.forEach((f, index) => {
      if (breaks[index]) {
        lines.push(`${current} \\`);
        current = `  ${f.text}`;
      } else current += ` ${f.text}`;
      (expected[f.field] ??= []).push(lines.length);
    });
    lines.push(`${current} ${image}${command ? ` ${command}` : ''}${substitution ? ')' : ''}${tail}`);
    lines.push('echo finished');
    return { lines, name, expected, commandLine };
  });

/** The script placed in a file of one kind: its text, and the file line (0-based) of script line 0. */
interface Placed {
  path: string;
  kind: FileKind;
  text: string;
  offset: number;
}

type Container = (lines: string[], eol: string) => Placed;

const CONTAINERS: Record<string, Container> = {
  shell: (lines, eol) => ({ path: 'deploy.sh', kind: 'shell', text: lines.join(eol) + eol, offset: 0 }),
  makefile: (lines, eol) => ({
    path: 'Makefile',
    kind: 'makefile',
    // Make reads `$$` as the shell's `$`.
    text: ['IMAGE ?= app:1', '', 'run:', ...lines.map((l) => `\t${l.split('$').join('$$')}`)].join(eol) + eol,
    offset: 3,
  }),
  markdown: (lines, eol) => {
    // Prompted: only the lines that begin a command get `$ `, continuation lines do not.
    const prompted = lines.map((line, i) => (i > 0 && lines[i - 1]!.endsWith('\\') ? line : `$ ${line}`));
    return {
      path: 'README.md',
      kind: 'markdown',
      text: ['# Usage', '', '```console', ...prompted, '```', ''].join(eol),
      offset: 3,
    };
  },
  'GitHub Actions': (lines, eol) => ({
    path: '.github/workflows/ci.yml',
    kind: 'yaml',
    text:
      [
        'on: push',
        'jobs:',
        '  test:',
        '    steps:',
        '      - run: |',
        ...lines.map((l) => (l === '' ? '' : `          ${l}`)),
      ].join(eol) + eol,
    offset: 5,
  }),
};

describe('docker run lines', () => {
  for (const [container, place] of Object.entries(CONTAINERS)) {
    it(`finds each field at the line its flag is written on, in a ${container} file`, async () => {
      await fc.assert(
        fc.asyncProperty(script, fc.constantFrom('\n', '\r\n'), async (s, eol) => {
          const placed = place(s.lines, eol);
          const loaded = await loadChecked(placed.path, placed.text, placed.kind, false);
          expect(loaded.errors).toEqual([]);
          const workloads = loaded.other.filter((o): o is Workload => o.kind === 'workload');
          expect(workloads.map((w) => w.name)).toEqual([s.name]);
          const [workload] = workloads;
          expect(workload!.origin).toBe('docker-run');
          expect(fileAt(workload!.at).line).toBe(s.commandLine + placed.offset + 1);
          for (const field of FLAGS.map((f) => f.field)) {
            const lines = (s.expected[field] ?? []).map((line) => line + placed.offset + 1);
            expect(linesOf(workload!, field), field).toEqual(
              // `-e A=1`-style flags give one item each; a flag naming nothing gives none.
              lines,
            );
          }
        }),
        { numRuns: RUNS },
      );
    });

    it(`never throws on a damaged ${container} file`, async () => {
      const damaged = mutated(
        fc.tuple(script, fc.constantFrom('\n', '\r\n')).map(([s, eol]) => place(s.lines, eol).text),
      );
      const kind = place([], '\n');
      await fc.assert(
        fc.asyncProperty(damaged, fc.boolean(), async (text, explicit) => {
          await loadChecked(kind.path, text, kind.kind, explicit);
        }),
        { numRuns: RUNS },
      );
    });
  }

  const shellish = fc
    .array(
      fc.constantFrom(
        'docker ',
        'podman ',
        'run ',
        'create ',
        'container ',
        'sudo ',
        '-v ',
        '-p ',
        '-itp',
        '--privileged ',
        '--mount ',
        'type=bind,src=/,dst=/h ',
        '--',
        '=',
        ' ',
        '\t',
        '\n',
        '\r\n',
        '\\\n',
        '\\',
        "'",
        '"',
        '`',
        '$',
        '$(',
        '${',
        '$((',
        '$$',
        "$'",
        ')',
        '}',
        '(',
        ';',
        '&&',
        '|',
        '&',
        '#',
        '<<EOF\n',
        '<<-',
        'EOF\n',
        '<(',
        '>',
        '2>&1',
        '```sh\n',
        '```\n',
        '$ ',
        '\t@',
        'run: |\n  ',
        'nginx:1 ',
        'x',
      ),
      { maxLength: 80 },
    )
    .map((parts) => parts.join(''));

  for (const kind of ['shell', 'makefile', 'markdown', 'yaml', 'auto'] as const) {
    it(`never throws or hangs on random ${kind} text`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(shellish, fc.string({ maxLength: 200 })),
          fc.boolean(),
          async (text, explicit) => {
            await loadChecked('/repo/input', text, kind, explicit);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }

  it('stays linear on long and deeply nested input', async () => {
    const long = `docker run ${'-v /a:/b '.repeat(20_000)}nginx:1\n`;
    const loaded = await loadChecked('big.sh', long, 'shell', true);
    expect((loaded.other[0] as Workload).mounts).toHaveLength(20_000);
    await loadChecked('deep.sh', `${'$('.repeat(5000)}docker run x:1${')'.repeat(5000)}`, 'shell', true);
    await loadChecked('quotes.sh', `docker run ${'"'.repeat(50_001)} x:1`, 'shell', true);
    // Here-documents never closed, each body holding the next.
    const heredocs = Array.from({ length: 3000 }, (_, i) => `docker run x:1 <<E${i}`).join('\n');
    await loadChecked('heredocs.sh', heredocs, 'shell', true);
    await loadChecked('backticks.sh', '`docker run a:1 '.repeat(5000), 'shell', true);
    await loadChecked('Makefile', `run:\n\tdocker run ${'$$('.repeat(5000)}`, 'makefile', true);
  });
});
