// Suppressions end to end through the real scan: comments in every format, Kubernetes annotations and
// config ignores hide a finding with its reason, never drop it, and report what no longer applies.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import type { ConfigIgnore } from '../../src/policy/suppress.js';
import { renderJson } from '../../src/report/json.js';
import { renderText } from '../../src/report/text.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { type ScanResult, scan } from '../../src/scan/pipeline.js';
import { tempTree } from '../report/fixtures.js';
import { TEST_NOW, TEST_SETTINGS } from '../rule-tester.js';

async function scanTree(
  files: Record<string, string>,
  options: { configIgnores?: (dir: string) => ConfigIgnore[]; now?: Date } = {},
): Promise<{ dir: string; result: ScanResult }> {
  const dir = tempTree(files);
  const result = await scan({
    paths: [dir],
    rules: ALL_RULES,
    context: { now: options.now ?? TEST_NOW, settings: TEST_SETTINGS },
    environment: {},
    ...(options.configIgnores ? { configIgnores: options.configIgnores(dir) } : {}),
    cwd: dir,
  });
  return { dir, result };
}

const ids = (findings: readonly Finding[]) => findings.map((f) => f.ruleId);
const suppressedIds = (result: ScanResult) =>
  result.suppressed.map((f) => `${f.ruleId}@${'line' in f.location ? f.location.line : '-'}`);

const ROOT_DOCKERFILE = 'FROM alpine:3.22\nRUN apk add --no-cache curl\n';

describe('# dt10-ignore in a Dockerfile', () => {
  it('on the line above hides the finding there, with its reason', async () => {
    const { result } = await scanTree({
      Dockerfile:
        '# dt10-ignore D01.image-root-user: the entrypoint drops to uid 1000 itself\nFROM alpine:3.22\nRUN apk add --no-cache curl\n',
    });
    expect(ids(result.findings)).not.toContain('D01.image-root-user');
    expect(suppressedIds(result)).toEqual(['D01.image-root-user@2']);
    expect(result.suppressed[0]!.suppression).toMatchObject({
      kind: 'inline',
      justification: 'the entrypoint drops to uid 1000 itself',
      at: { line: 1, column: 1 },
    });
    expect(result.staleSuppressions).toEqual([]);
  });

  it('without it the same finding is reported (the accept case of the test above)', async () => {
    const { result } = await scanTree({ Dockerfile: ROOT_DOCKERFILE });
    expect(ids(result.findings)).toContain('D01.image-root-user');
    expect(result.suppressed).toEqual([]);
  });

  it('covers every line of a continued RUN below it, and only that instruction', async () => {
    const { result } = await scanTree({
      Dockerfile:
        'FROM alpine:3.22@sha256:' +
        'a'.repeat(64) +
        '\n# dt10-ignore D08.curl-pipe-shell: installer pinned by our proxy\nRUN apk add --no-cache curl && \\\n    curl -fsSL https://get.example.com | sh\nRUN curl -fsSL https://other.example.com | sh\nUSER 1000\n',
    });
    expect(suppressedIds(result)).toEqual(['D08.curl-pipe-shell@3']);
    expect(
      result.findings
        .filter((f) => f.ruleId === 'D08.curl-pipe-shell')
        .map((f) => 'line' in f.location && f.location.line),
    ).toEqual([5]);
  });

  it('a category id hides every rule of the category on that line', async () => {
    const { result } = await scanTree({
      Dockerfile: `# dt10-ignore D01: base image is distroless in prod\n${ROOT_DOCKERFILE}`,
    });
    expect(ids(result.suppressed)).toEqual(['D01.image-root-user']);
  });

  it('dt10-ignore-file hides the rule anywhere in the file', async () => {
    const { result } = await scanTree({
      Dockerfile:
        'FROM alpine:3.22 AS a\nFROM alpine:3.22\nRUN apk add --no-cache curl\n# dt10-ignore-file D08.no-digest: digests are pinned by renovate at release\n',
    });
    expect(ids(result.findings)).not.toContain('D08.no-digest');
    expect(ids(result.suppressed).filter((id) => id === 'D08.no-digest')).toHaveLength(2);
    expect(result.suppressed.every((f) => f.suppression?.kind === 'file')).toBe(true);
  });

  it('a directive without a reason or with an unknown rule is an error and hides nothing', async () => {
    const { result } = await scanTree({
      Dockerfile: `# dt10-ignore D01.image-root-user\n# dt10-ignore D01.image-rot-user: typo\n${ROOT_DOCKERFILE}`,
    });
    expect(ids(result.findings)).toContain('D01.image-root-user');
    expect(result.suppressed).toEqual([]);
    expect(result.errors.map((e) => [e.line, e.message])).toEqual([
      [1, expect.stringContaining('needs a rule id and a reason')],
      [2, expect.stringContaining('no known rule: D01.image-rot-user')],
    ]);
  });

  it('a directive that matches nothing is reported as stale', async () => {
    const { result } = await scanTree({
      Dockerfile: `FROM alpine:3.22\n# dt10-ignore D04.privileged: not even possible here\nRUN apk add --no-cache curl\nUSER 1000\n`,
    });
    expect(result.staleSuppressions).toEqual([
      {
        kind: 'inline',
        ruleIds: ['D04.privileged'],
        justification: 'not even possible here',
        at: expect.objectContaining({ line: 2 }),
      },
    ]);
  });
});

describe('# dt10-ignore in YAML and scripts', () => {
  it('compose: trailing comment on the offending line', async () => {
    const { result } = await scanTree({
      'compose.yaml':
        'services:\n  agent:\n    image: example/agent:1.0\n    privileged: true # dt10-ignore D04.privileged: host agent needs /dev access\n',
    });
    expect(suppressedIds(result)).toEqual(['D04.privileged@4']);
    expect(ids(result.findings)).not.toContain('D04.privileged');
  });

  it('compose: a comment on another service does not hide this one', async () => {
    const { result } = await scanTree({
      'compose.yaml':
        'services:\n  a:\n    image: example/a:1.0\n    # dt10-ignore D04.privileged: agent\n    privileged: true\n  b:\n    image: example/b:1.0\n    privileged: true\n',
    });
    expect(suppressedIds(result)).toEqual(['D04.privileged@5']);
    expect(result.findings.filter((f) => f.ruleId === 'D04.privileged')).toHaveLength(1);
  });

  it('kubernetes: comment above the field', async () => {
    const { result } = await scanTree({
      'pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ops}\nspec:\n  containers:\n    - name: a\n      image: example/a:1.0\n      securityContext:\n        # dt10-ignore D04.privileged: CNI plugin installer\n        privileged: true\n',
    });
    expect(suppressedIds(result)).toEqual(['D04.privileged@10']);
  });

  it('docker run line in a shell script', async () => {
    const { result } = await scanTree({
      'deploy.sh':
        '#!/bin/sh\n# dt10-ignore D04.privileged: runs the hardware probe once\ndocker run --privileged example/probe:1.0\n',
    });
    expect(suppressedIds(result)).toEqual(['D04.privileged@3']);
  });
});

describe('dt10.io/ignore annotation', () => {
  const pod = (name: string, annotations: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ops\n${annotations}spec:\n  containers:\n    - name: a\n      image: example/a:1.0\n      securityContext:\n        privileged: true\n`;

  it('hides the rule on that object only, and records the annotation as the place', async () => {
    const annotated = pod(
      'agent',
      '  annotations:\n    dt10.io/ignore: "D04.privileged: node agent, reviewed in SEC-1"\n',
    );
    const { result } = await scanTree({ 'pods.yaml': `${annotated}---\n${pod('other', '')}` });
    expect(suppressedIds(result)).toEqual(['D04.privileged@13']);
    expect(result.suppressed[0]!.suppression).toMatchObject({
      kind: 'annotation',
      justification: 'node agent, reviewed in SEC-1',
      at: { line: 7 },
    });
    expect(
      result.findings
        .filter((f) => f.ruleId === 'D04.privileged')
        .map((f) => 'line' in f.location && f.location.line),
    ).toEqual([25]);
  });

  it('takes several entries separated by ";" and reports one without a reason', async () => {
    const { result } = await scanTree({
      'pod.yaml': pod(
        'agent',
        '  annotations:\n    dt10.io/ignore: "D04.privileged: node agent; D07.no-memory-limit"\n',
      ),
    });
    expect(ids(result.suppressed)).toEqual(['D04.privileged']);
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('dt10.io/ignore needs a rule id and a reason'),
    ]);
  });
});

describe('config ignores', () => {
  const files = {
    'legacy/compose.yaml': 'services:\n  old:\n    image: example/old:1.0\n    privileged: true\n',
    'new/compose.yaml': 'services:\n  new:\n    image: example/new:1.0\n    privileged: true\n',
  };
  const entry = (dir: string, extra: Partial<ConfigIgnore> = {}): ConfigIgnore => ({
    rule: 'D04.privileged',
    path: 'legacy/**',
    reason: 'legacy stack, SEC-123',
    at: { path: join(dir, '.dt10.yaml'), line: 3, column: 5 },
    baseDirectory: dir,
    ...extra,
  });

  it('hide a rule under a path glob only', async () => {
    const { result } = await scanTree(files, { configIgnores: (dir) => [entry(dir)] });
    expect(
      result.suppressed.map((f) => 'path' in f.location && f.location.path.endsWith('legacy/compose.yaml')),
    ).toEqual([true]);
    expect(result.findings.filter((f) => f.ruleId === 'D04.privileged')).toHaveLength(1);
    expect(result.suppressed[0]!.suppression?.kind).toBe('config');
  });

  it('without a path hide the rule everywhere', async () => {
    const { result } = await scanTree(files, {
      configIgnores: (dir) => [entry(dir, { path: undefined as never })].map(({ path: _, ...rest }) => rest),
    });
    expect(ids(result.suppressed)).toEqual(['D04.privileged', 'D04.privileged']);
  });

  it('apply through their until day and bring the finding back after it, saying it expired', async () => {
    const until = { until: '2026-11-01' };
    const during = await scanTree(files, {
      configIgnores: (dir) => [entry(dir, until)],
      now: new Date('2026-11-01T22:00:00Z'),
    });
    expect(during.result.suppressed).toHaveLength(1);
    expect(during.result.suppressed[0]!.suppression?.until).toBe('2026-11-01');
    const after = await scanTree(files, {
      configIgnores: (dir) => [entry(dir, until)],
      now: new Date('2026-11-02T00:00:01Z'),
    });
    expect(after.result.suppressed).toEqual([]);
    expect(after.result.findings.filter((f) => f.ruleId === 'D04.privileged')).toHaveLength(2);
    expect(after.result.staleSuppressions).toEqual([
      expect.objectContaining({ kind: 'config', expired: '2026-11-01' }),
    ]);
  });

  it('that match nothing are stale', async () => {
    const { result } = await scanTree(files, { configIgnores: (dir) => [entry(dir, { path: 'gone/**' })] });
    expect(result.suppressed).toEqual([]);
    expect(result.staleSuppressions).toEqual([
      expect.objectContaining({ kind: 'config', ruleIds: ['D04.privileged'] }),
    ]);
  });
});

describe('reports keep suppressed findings', () => {
  it('JSON lists them with the suppression; text names the reason; neither counts them as findings', async () => {
    const { result } = await scanTree({
      Dockerfile: `# dt10-ignore D01.image-root-user: drops privileges in the entrypoint\n${ROOT_DOCKERFILE}`,
    });
    const json = JSON.parse(renderJson(result)) as {
      findings: { ruleId: string }[];
      suppressed: { ruleId: string; suppression: { kind: string; justification: string } }[];
      summary: { findings: number; suppressed: number };
    };
    expect(json.suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'D01.image-root-user',
        suppression: expect.objectContaining({
          kind: 'inline',
          justification: 'drops privileges in the entrypoint',
        }),
      }),
    ]);
    expect(json.findings.map((f) => f.ruleId)).not.toContain('D01.image-root-user');
    expect(json.summary.suppressed).toBe(1);
    expect(json.summary.findings).toBe(json.findings.length);
    const text = renderText(result, { color: false });
    expect(text).toContain('Suppressed (1)');
    expect(text).toContain('drops privileges in the entrypoint');
  });
});
