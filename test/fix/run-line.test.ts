// Run-line fixes, text in → text out, in every kind of file run lines are read from: each fix changes only
// its command's options, removes its findings and brings no other (checked by re-scanning the fixed text).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RUN_LINE_FIXES, type RunLineFileKind, runLineFixer } from '../../src/fix/run-line.js';
import { DEFAULT_FIX_VALUES, type FixValues, type TextFixResult } from '../../src/fix/types.js';
import { expectFixed, findings, requestsOf } from './fix-tester.js';
import { makeTempDir } from '../temp-dir.js';

const tempDir = (): string => makeTempDir('dt10-run-fix');

interface FixCase {
  name: string;
  kind: RunLineFileKind;
  /** The rules chosen (options.rules); the findings of `fix` (default: all of them) are requested. */
  rules: readonly string[];
  fix?: readonly string[];
  values?: FixValues;
  /** Rules whose findings the fix brings, as it must (privileged mode kept capabilities quiet). */
  appears?: readonly string[];
}

/**
 * Fixes the findings of `fix` in `before`, checks the text, and that a re-scan has no finding of `rules`
 * left, findings of `appears`, and every other finding as it was.
 */
function expectFix(c: FixCase, before: string, after: string): Promise<TextFixResult> {
  return expectFixed({ ...c, fixer: runLineFixer(c.kind), dir: tempDir() }, before, after);
}

const indent = (lines: string, prefix: string): string =>
  lines
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');

/** Each kind of file with run lines, as a function writing shell lines into it. */
const FORMATS: { label: string; name: string; kind: RunLineFileKind; wrap: (script: string) => string }[] = [
  {
    label: 'a shell script',
    name: 'start.sh',
    kind: 'shell',
    wrap: (script) => `#!/bin/sh\nset -eu  # stop at the first failure\n${script}\necho started\n`,
  },
  {
    label: 'a Makefile recipe',
    name: 'Makefile',
    kind: 'makefile',
    wrap: (script) => `IMAGE_TAG := 1\n\n.PHONY: up\nup: build\n${indent(script, '\t')}\n\t@echo started\n`,
  },
  {
    label: 'a Markdown sh block',
    name: 'README.md',
    kind: 'markdown',
    wrap: (script) =>
      `# Running it\n\nStart the services:\n\n\`\`\`sh\n${script}\n\`\`\`\n\nThen open the page.\n`,
  },
  {
    label: 'a GitHub Actions run: step',
    name: 'ci.yml',
    kind: 'yaml',
    wrap: (script) =>
      `on: push\njobs:\n  up:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: start\n        run: |\n${indent(script, '          ')}\n      - run: echo started\n`,
  },
];

/** Per rule: shell lines before and after the fix (several commands, each a variant of the fix). */
const RULE_CASES: {
  rules: string[];
  fix?: string[];
  appears?: string[];
  title: string;
  before: string;
  after: string;
}[] = [
  {
    rules: ['D01.workload-root-user'],
    title: 'adds --user, and replaces a root user or group in place',
    before:
      'docker run -d --name web nginx:1.27\ndocker run -d -u 0 --name api \\\n  api:1.0\ndocker create --user=1000:0 worker:2',
    after:
      'docker run --user 10001:10001 -d --name web nginx:1.27\ndocker run -d -u 10001:10001 --name api \\\n  api:1.0\ndocker create --user=10001:10001 worker:2',
  },
  {
    rules: ['D03.port-all-interfaces'],
    title: 'binds published ports to the loopback address (IPv6 to [::1])',
    before:
      'docker run -d -p 8080:80 -p 127.0.0.1:9090:9090 \\\n  --publish=[::]:8443:443 -p 0.0.0.0:53:53/udp -p 9000 web:1',
    after:
      'docker run -d -p 127.0.0.1:8080:80 -p 127.0.0.1:9090:9090 \\\n  --publish=[::1]:8443:443 -p 127.0.0.1:53:53/udp -p 127.0.0.1::9000 web:1',
  },
  {
    rules: ['D04.privileged'],
    appears: ['D04.capabilities-not-dropped'],
    title: 'removes --privileged (the line it stood alone on) and --privileged=true',
    before:
      'docker run -d --name web \\\n  --privileged \\\n  nginx:1.27\ndocker run --privileged=true --rm app:1 true',
    after: 'docker run -d --name web \\\n  nginx:1.27\ndocker run --rm app:1 true',
  },
  {
    rules: ['D04.privileged', 'D04.capabilities-not-dropped'],
    fix: ['D04.privileged'],
    title: 'removes --privileged and drops all capabilities when that rule is chosen too',
    before:
      'docker run -d --name web \\\n  --privileged \\\n  nginx:1.27\ndocker run --rm --privileged app:1 true',
    after:
      'docker run --cap-drop ALL -d --name web \\\n  nginx:1.27\ndocker run --cap-drop ALL --rm app:1 true',
  },
  {
    rules: ['D04.capabilities-not-dropped'],
    title: 'adds --cap-drop ALL and keeps --cap-add',
    before: 'docker run --cap-add NET_BIND_SERVICE --cap-drop NET_RAW web:1',
    after: 'docker run --cap-drop ALL --cap-add NET_BIND_SERVICE --cap-drop NET_RAW web:1',
  },
  {
    rules: ['D04.no-new-privileges'],
    title: 'adds no-new-privileges, and turns an explicit false to true in place',
    before:
      'docker run -d web:1\ndocker run --security-opt no-new-privileges:false api:1\ndocker run --security-opt=no-new-privileges=0 worker:1',
    after:
      'docker run --security-opt no-new-privileges -d web:1\ndocker run --security-opt no-new-privileges:true api:1\ndocker run --security-opt=no-new-privileges=true worker:1',
  },
  {
    rules: ['D04.seccomp-disabled'],
    title: 'removes --security-opt seccomp=unconfined with its value',
    before:
      'docker run -d --security-opt seccomp=unconfined --name web web:1\ndocker run --rm \\\n  --security-opt=seccomp:unconfined \\\n  api:1\ndocker run --security-opt apparmor=unconfined --security-opt seccomp=unconfined \\\n  worker:1',
    after:
      'docker run -d --name web web:1\ndocker run --rm \\\n  api:1\ndocker run --security-opt apparmor=unconfined \\\n  worker:1',
  },
  {
    rules: ['D07.no-memory-limit'],
    title: 'adds --memory, and replaces an unlimited one in place',
    before: 'docker run -d web:1\ndocker run -m 0 api:1\ndocker run --memory=-1 worker:1',
    after: 'docker run --memory 512m -d web:1\ndocker run -m 512m api:1\ndocker run --memory=512m worker:1',
  },
  {
    rules: ['D07.no-cpu-limit'],
    title: 'adds --cpus, and replaces an unlimited one in place',
    before: 'docker run -d web:1\ndocker run --cpus 0 api:1',
    after: 'docker run --cpus 1 -d web:1\ndocker run --cpus 1 api:1',
  },
  {
    rules: ['D07.no-pids-limit'],
    title: 'adds --pids-limit, and replaces an unlimited one in place',
    before: 'docker run -d web:1\ndocker run --pids-limit -1 api:1\ndocker run --pids-limit=0 worker:1',
    after:
      'docker run --pids-limit 256 -d web:1\ndocker run --pids-limit 256 api:1\ndocker run --pids-limit=256 worker:1',
  },
  {
    rules: ['D09.writable-rootfs'],
    title: 'adds --read-only and a /tmp tmpfs where there is none, and turns --read-only=false to true',
    before:
      'docker run -d web:1\ndocker run --tmpfs /tmp:size=64m api:1\ndocker run --read-only=false worker:1',
    after:
      'docker run --read-only --tmpfs /tmp -d web:1\ndocker run --read-only --tmpfs /tmp:size=64m api:1\ndocker run --tmpfs /tmp --read-only=true worker:1',
  },
  {
    rules: ['D10.log-rotation-missing'],
    title: 'adds max-size and max-file log options, and replaces an unlimited max-size',
    before:
      'docker run --log-driver json-file web:1\ndocker run --log-driver local --log-opt max-size=0 --log-opt max-file=2 api:1',
    after:
      'docker run --log-opt max-size=10m --log-opt max-file=3 --log-driver json-file web:1\ndocker run --log-driver local --log-opt max-size=10m --log-opt max-file=2 api:1',
  },
];

describe('run-line fixes of every rule in every kind of file', () => {
  it('covers every rule it claims', () => {
    expect(new Set(RULE_CASES.flatMap((c) => c.rules))).toEqual(new Set(RUN_LINE_FIXES));
  });

  for (const format of FORMATS)
    describe(format.label, () => {
      for (const c of RULE_CASES)
        it(`${c.rules.join(' + ')} ${c.title}`, async () => {
          const { name, kind } = format;
          const fixed = await expectFix(
            {
              name,
              kind,
              rules: c.rules,
              ...(c.fix ? { fix: c.fix } : {}),
              ...(c.appears ? { appears: c.appears } : {}),
            },
            format.wrap(c.before),
            format.wrap(c.after),
          );
          expect(fixed.applied.length).toBeGreaterThan(0);
        });
    });
});

const ALL = RUN_LINE_FIXES;

describe('run-line fixes', () => {
  it('combines every fix of one multi-line command into one insertion, in a stable order', async () => {
    const before = [
      '#!/bin/bash',
      '# start the cache',
      'docker run -d --name cache \\',
      '  --privileged \\',
      '  -p 6379:6379 \\',
      '  --security-opt seccomp=unconfined \\',
      "  -e 'MODE=fast' \\",
      '  --log-driver json-file \\',
      '  redis:7 redis-server --save ""  # no persistence',
      '',
    ].join('\n');
    const after = [
      '#!/bin/bash',
      '# start the cache',
      'docker run --user 10001:10001 --cap-drop ALL --security-opt no-new-privileges --memory 512m --cpus 1 --pids-limit 256 --read-only --tmpfs /tmp --log-opt max-size=10m --log-opt max-file=3 -d --name cache \\',
      '  -p 127.0.0.1:6379:6379 \\',
      "  -e 'MODE=fast' \\",
      '  --log-driver json-file \\',
      '  redis:7 redis-server --save ""  # no persistence',
      '',
    ].join('\n');
    const fixed = await expectFix({ name: 'cache.sh', kind: 'shell', rules: ALL }, before, after);
    expect(fixed.applied).toEqual(
      [
        'D01.workload-root-user',
        'D03.port-all-interfaces',
        'D04.privileged',
        'D04.capabilities-not-dropped',
        'D04.no-new-privileges',
        'D04.seccomp-disabled',
        'D07.no-memory-limit',
        'D07.no-cpu-limit',
        'D07.no-pids-limit',
        'D09.writable-rootfs',
        'D10.log-rotation-missing',
      ].map((ruleId) => ({ ruleId, target: 'docker run on line 3' })),
    );
  });

  it('fixes `sudo docker run`, and only the command the finding is on', async () => {
    await expectFix(
      {
        name: 'debug.sh',
        kind: 'shell',
        rules: ['D04.privileged', 'D01.workload-root-user'],
        appears: ['D04.capabilities-not-dropped'],
      },
      'docker run --rm --user 1000 app:1 ls\nsudo docker run --rm -it --privileged --user root app:1 sh; docker ps\n',
      'docker run --rm --user 1000 app:1 ls\nsudo docker run --rm -it --user 10001:10001 app:1 sh; docker ps\n',
    );
  });

  it('fixes the command the finding points at when two share a line', () => {
    const text = 'docker run -d web:1 && docker run -d api:1\n';
    const fixer = runLineFixer('shell');
    const options = { rules: ['D09.writable-rootfs'], values: DEFAULT_FIX_VALUES };
    expect(fixer(text, [{ ruleId: 'D09.writable-rootfs', line: 1, column: 24 }], options).text).toBe(
      'docker run -d web:1 && docker run --read-only --tmpfs /tmp -d api:1\n',
    );
  });

  it('fixes every finding of its rules in examples/insecure/run.sh (podman create inside $(…))', async () => {
    const before = readFileSync(new URL('../../examples/insecure/run.sh', import.meta.url), 'utf8');
    const lines = before.split('\n');
    const after = lines
      .map((line) =>
        line
          .replace(
            'docker run -d --name cache',
            'docker run --user 10001:10001 --cap-drop ALL --security-opt no-new-privileges --memory 512m --cpus 1 --pids-limit 256 --read-only --tmpfs /tmp -d --name cache',
          )
          .replace(
            'sudo docker run --rm',
            'sudo docker run --cap-drop ALL --security-opt no-new-privileges --memory 512m --cpus 1 --pids-limit 256 --read-only --tmpfs /tmp --rm',
          )
          .replace('--user root', '--user 10001:10001')
          .replace('--security-opt seccomp=unconfined ', '')
          .replace('no-new-privileges=false', 'no-new-privileges=true')
          .replace('--memory 0 --pids-limit -1', '--memory 512m --pids-limit 256'),
      )
      .filter((line) => line !== '  --privileged \\')
      .join('\n');
    const fixed = await expectFix({ name: 'run.sh', kind: 'shell', rules: ALL }, before, after);
    expect(new Set(fixed.applied.map((a) => a.target))).toEqual(
      new Set(['docker run on line 9', 'docker run on line 15', 'podman create on line 26']),
    );
  });

  it('writes the values the project chose', async () => {
    const values: FixValues = {
      memory: '2g',
      cpus: '0.5',
      pids: 100,
      uid: 4242,
      logMaxSize: '50m',
      logMaxFile: 5,
    };
    await expectFix(
      { name: 'Makefile', kind: 'makefile', rules: ALL, values },
      'run:\n\t@docker run --rm --log-driver json-file --memory 0 \\\n\t  --read-only app:1\n',
      'run:\n\t@docker run --user 4242:4242 --cap-drop ALL --security-opt no-new-privileges --cpus 0.5 --pids-limit 100 --log-opt max-size=50m --log-opt max-file=5 --rm --log-driver json-file --memory 2g \\\n\t  --read-only app:1\n',
    );
  });

  it('adds flags beside $OPTS but skips a removal or replacement it may undo, with the reason', async () => {
    const before = 'docker run $DOCKER_OPTS --privileged --memory 0 app:1\n';
    const dir = tempDir();
    const found = await findings('opts.sh', before, dir);
    const rules = ['D04.privileged', 'D07.no-memory-limit', 'D09.writable-rootfs'];
    const fixed = runLineFixer('shell')(before, requestsOf(found, rules), {
      rules,
      values: DEFAULT_FIX_VALUES,
    });
    expect(fixed.text).toBe(
      'docker run --read-only --tmpfs /tmp $DOCKER_OPTS --privileged --memory 0 app:1\n',
    );
    expect(fixed.applied).toEqual([{ ruleId: 'D09.writable-rootfs', target: 'docker run on line 1' }]);
    expect(fixed.skipped).toEqual([
      {
        ruleId: 'D04.privileged',
        line: 1,
        reason: 'docker run on line 1: $DOCKER_OPTS may set --privileged as well: fix it by hand',
      },
      {
        ruleId: 'D07.no-memory-limit',
        line: 1,
        reason: 'docker run on line 1: $DOCKER_OPTS may set --memory as well: fix it by hand',
      },
    ]);
  });

  it('skips a limit whose value is computed when the command runs', async () => {
    const before = 'docker run --pids-limit "$(nproc)" app:1\n';
    const found = await findings('computed.sh', before, tempDir());
    const rules = ['D07.no-pids-limit'];
    const fixed = runLineFixer('shell')(before, requestsOf(found, rules), {
      rules,
      values: DEFAULT_FIX_VALUES,
    });
    expect(fixed).toEqual({
      text: before,
      applied: [],
      skipped: [
        {
          ruleId: 'D07.no-pids-limit',
          line: 1,
          reason:
            'docker run on line 1: the value of --pids-limit is computed when the command runs ($(nproc))',
        },
      ],
    });
  });

  it('fixes a run line inside sh -c "…" and a one-line YAML run: step', async () => {
    await expectFix(
      {
        name: 'wrap.sh',
        kind: 'shell',
        rules: ['D04.privileged', 'D04.capabilities-not-dropped', 'D07.no-memory-limit'],
      },
      `bash -c "docker run --privileged -d app:1"\n`,
      `bash -c "docker run --cap-drop ALL --memory 512m -d app:1"\n`,
    );
    await expectFix(
      { name: 'ci.yml', kind: 'yaml', rules: ['D01.workload-root-user', 'D03.port-all-interfaces'] },
      'jobs:\n  e2e:\n    steps:\n      - run: docker run -d -p 8080:80 --user root web:1 # smoke\n',
      'jobs:\n  e2e:\n    steps:\n      - run: docker run -d -p 127.0.0.1:8080:80 --user 10001:10001 web:1 # smoke\n',
    );
  });

  it('fixes GitLab CI script items in YAML quotes, and refuses what a quote style cannot hold', async () => {
    await expectFix(
      { name: '.gitlab-ci.yml', kind: 'yaml', rules: ['D04.seccomp-disabled', 'D07.no-cpu-limit'] },
      `test:\n  script:\n    - 'docker run --security-opt seccomp=unconfined app:1'\n    - "docker run -e \\"A=1\\" app:2"\n`,
      `test:\n  script:\n    - 'docker run --cpus 1 app:1'\n    - "docker run --cpus 1 -e \\"A=1\\" app:2"\n`,
    );
    // `[::1]` cannot be written in a plain string inside a YAML flow sequence.
    const text = 'test:\n  script: [docker run -p :::80:80 app:1]\n';
    const rules = ['D03.port-all-interfaces'];
    const fixed = runLineFixer('yaml')(text, [{ ruleId: rules[0]!, line: 2 }], {
      rules,
      values: DEFAULT_FIX_VALUES,
    });
    expect(fixed).toEqual({
      text,
      applied: [],
      skipped: [
        {
          ruleId: 'D03.port-all-interfaces',
          line: 2,
          reason:
            'docker run on line 2: "[::1]:80:80" would need escaping inside a plain YAML string inside […] or {…}',
        },
      ],
    });
  });

  it('removes a continued line of a Markdown console session with its prompt, and keeps the output', async () => {
    await expectFix(
      { name: 'README.md', kind: 'markdown', rules: ['D04.privileged', 'D04.capabilities-not-dropped'] },
      '# Debug\n\n```console\n$ docker run --rm \\\n>   --privileged \\\n>   app:1\nhello from app\n```\n',
      '# Debug\n\n```console\n$ docker run --cap-drop ALL --rm \\\n>   app:1\nhello from app\n```\n',
    );
  });

  it('keeps CRLF line ends and folded YAML lines', async () => {
    await expectFix(
      { name: 'crlf.sh', kind: 'shell', rules: ['D04.seccomp-disabled', 'D07.no-pids-limit'] },
      'docker run -d \\\r\n  --security-opt seccomp=unconfined \\\r\n  app:1\r\n',
      'docker run --pids-limit 256 -d \\\r\n  app:1\r\n',
    );
    await expectFix(
      { name: 'pipeline.yml', kind: 'yaml', rules: ['D04.seccomp-disabled', 'D07.no-memory-limit'] },
      'deploy:\n  script: >\n    docker run\n    --security-opt seccomp=unconfined\n    --memory 0\n    app:1\n',
      'deploy:\n  script: >\n    docker run\n    --memory 512m\n    app:1\n',
    );
  });

  it('says what it leaves: -P, a computed port, lines without a run command, rules without a run-line fix', () => {
    const text = 'echo hi\ndocker run -P -p 80:80 -p "$PORT:443" web:1\n';
    const rules = ['D03.port-all-interfaces', 'D04.privileged'];
    const fixed = runLineFixer('shell')(
      text,
      [
        { ruleId: 'D03.port-all-interfaces', line: 2 },
        { ruleId: 'D04.privileged', line: 1 },
        { ruleId: 'D08.latest-tag', line: 2 },
      ],
      { rules, values: DEFAULT_FIX_VALUES },
    );
    expect(fixed).toEqual({
      text: 'echo hi\ndocker run -P -p 127.0.0.1:80:80 -p "$PORT:443" web:1\n',
      applied: [{ ruleId: 'D03.port-all-interfaces', target: 'docker run on line 2' }],
      skipped: [
        { ruleId: 'D04.privileged', line: 1, reason: 'no docker run / podman run command on this line' },
        { ruleId: 'D08.latest-tag', line: 2, reason: 'this rule has no fix for docker run lines' },
        {
          ruleId: 'D03.port-all-interfaces',
          line: 2,
          reason:
            'docker run on line 2: -p $PORT:443 is computed when the command runs; -P (--publish-all) publishes every exposed port on all interfaces: publish on 127.0.0.1 by hand',
        },
      ],
    });
  });

  it('leaves requests of rules not chosen alone', () => {
    const text = 'docker run --privileged app:1\n';
    const fixed = runLineFixer('shell')(text, [{ ruleId: 'D04.privileged', line: 1 }], {
      rules: ['D09.writable-rootfs'],
      values: DEFAULT_FIX_VALUES,
    });
    expect(fixed).toEqual({ text, applied: [], skipped: [] });
  });
});
