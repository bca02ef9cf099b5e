// `dt10 fix` text in → text out: each fix keeps comments, order, quoting and indentation, removes its
// finding and brings no other.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { unifiedDiff } from '../../src/fix/diff.js';
import { DEFAULT_FIX_VALUES, type FixRequest, type FixValues } from '../../src/fix/types.js';
import { fixYaml, YAML_FIXES } from '../../src/fix/yaml/fix-yaml.js';

const fixText = (
  text: string,
  requests: readonly FixRequest[],
  rules: readonly string[] = YAML_FIXES,
  values: FixValues = DEFAULT_FIX_VALUES,
) => fixYaml(text, requests, { rules, values });
import { ALL_RULES } from '../../src/rules/index.js';
import { scan } from '../../src/scan/pipeline.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dt10-fix-'));
  dirs.push(dir);
  return dir;
}

/** Scans `text` as `dir/name`: a fix and its check write the same path, so messages compare. */
async function findings(name: string, text: string, dir = tempDir()): Promise<Finding[]> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const result = await scan({
    paths: [path],
    rules: ALL_RULES,
    context: { now: new Date('2026-01-15T00:00:00Z'), settings: DEFAULT_SETTINGS },
    environment: {},
  });
  expect(result.errors).toEqual([]);
  return result.findings;
}

const key = (f: Finding) => `${f.ruleId} ${f.message}`;

/** Fixes `ruleId`'s findings of `before`, checks the text, and that a re-scan lost exactly those findings. */
async function expectFix(name: string, ruleId: string, before: string, after: string): Promise<void> {
  const dir = tempDir();
  const found = await findings(name, before, dir);
  const requests = found.flatMap((f) =>
    f.ruleId === ruleId && 'line' in f.location ? [{ ruleId, line: f.location.line }] : [],
  );
  expect(requests.length).toBeGreaterThan(0);
  const fixed = fixText(before, requests);
  expect(fixed.skipped).toEqual([]);
  expect(fixed.text).toBe(after);
  const rest = (await findings(name, fixed.text, dir)).map(key).sort();
  expect(rest.filter((k) => k.startsWith(`${ruleId} `))).toEqual([]);
  expect(rest).toEqual(
    found
      .filter((f) => f.ruleId !== ruleId)
      .map(key)
      .sort(),
  );
}

const COMPOSE_HEAD = '# the app\nservices:\n';

describe('compose fixes', () => {
  it('D04.no-new-privileges appends to security_opt, keeping its flow style and quotes', async () => {
    await expectFix(
      'compose.yaml',
      'D04.no-new-privileges',
      `${COMPOSE_HEAD}  web:   # front\n    image: "nginx:1.27"\n    security_opt: [ "apparmor=docker-default" ]\n\n  db:\n    image: postgres:16\n    # trailing comment of db\n`,
      `${COMPOSE_HEAD}  web:   # front\n    image: "nginx:1.27"\n    security_opt: [ "apparmor=docker-default", no-new-privileges:true ]\n\n  db:\n    image: postgres:16\n    security_opt: [no-new-privileges:true]\n    # trailing comment of db\n`,
    );
  });

  it('D04.no-new-privileges turns an explicit false to true in a block list', async () => {
    await expectFix(
      'compose.yaml',
      'D04.no-new-privileges',
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    security_opt:\n      - 'no-new-privileges:false'  # why\n`,
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    security_opt:\n      - 'no-new-privileges:true'  # why\n`,
    );
  });

  it('D04.capabilities-not-dropped adds cap_drop: [ALL] and keeps cap_add', async () => {
    await expectFix(
      'compose.yaml',
      'D04.capabilities-not-dropped',
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    cap_add:\n      - NET_BIND_SERVICE # port 80\n  db:\n    image: postgres:16\n    cap_drop:\n      - NET_RAW\n    ports: ["5432:5432"]\n`,
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    cap_add:\n      - NET_BIND_SERVICE # port 80\n    cap_drop: [ALL]\n  db:\n    image: postgres:16\n    cap_drop:\n      - NET_RAW\n      - ALL\n    ports: ["5432:5432"]\n`,
    );
  });

  it('D04.privileged removes the line (and drops capabilities, which privileged kept quiet)', async () => {
    const before = `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    privileged: true # for now\n    restart: always\n`;
    const after = `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    restart: always\n    cap_drop: [ALL]\n`;
    const dir = tempDir();
    const found = await findings('compose.yaml', before, dir);
    const fixed = fixText(before, [{ ruleId: 'D04.privileged', line: 5 }]);
    expect(fixed.text).toBe(after);
    expect(fixed.applied.map((a) => a.ruleId)).toEqual(['D04.privileged', 'D04.capabilities-not-dropped']);
    const rest = (await findings('compose.yaml', after, dir)).map(key).sort();
    expect(rest).toEqual(
      found
        .filter((f) => f.ruleId !== 'D04.privileged')
        .map(key)
        .sort(),
    );
    // Asked for alone, it removes only privileged.
    expect(fixText(before, [{ ruleId: 'D04.privileged', line: 5 }], ['D04.privileged']).text).toBe(
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    restart: always\n`,
    );
  });

  it('D09.writable-rootfs sets read_only (the aligned comment keeps its column) and adds a tmpfs only when there is none', async () => {
    await expectFix(
      'compose.yaml',
      'D09.writable-rootfs',
      `${COMPOSE_HEAD}    web:\n        image: nginx:1.27\n        read_only: false   # keep\n    db:\n        image: postgres:16\n        tmpfs:\n            - /run\n`,
      `${COMPOSE_HEAD}    web:\n        image: nginx:1.27\n        read_only: true    # keep\n        tmpfs: [/tmp]\n    db:\n        image: postgres:16\n        tmpfs:\n            - /run\n        read_only: true\n`,
    );
  });

  it('skips a finding outside every service', () => {
    const text = `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n`;
    expect(fixText(text, [{ ruleId: 'D04.privileged', line: 1 }])).toEqual({
      text,
      applied: [],
      skipped: [
        { ruleId: 'D04.privileged', line: 1, reason: 'not inside a compose service or Kubernetes container or pod spec' },
      ],
    });
  });
});

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web  # the pod\nspec:\n  containers:\n';

describe('Kubernetes fixes', () => {
  it('D04.no-new-privileges creates the securityContext at the container indentation', async () => {
    await expectFix(
      'pod.yaml',
      'D04.no-new-privileges',
      `${POD}  - name: web\n    image: nginx:1.27 # pinned\n  - name: side\n    image: busybox:1.36\n    securityContext: {}\n`,
      `${POD}  - name: web\n    image: nginx:1.27 # pinned\n    securityContext:\n      allowPrivilegeEscalation: false\n  - name: side\n    image: busybox:1.36\n    securityContext: {allowPrivilegeEscalation: false}\n`,
    );
  });

  it('D04.capabilities-not-dropped adds drop: [ALL] beside add', async () => {
    await expectFix(
      'pod.yaml',
      'D04.capabilities-not-dropped',
      `${POD}    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          add: [NET_BIND_SERVICE]\n    - name: side\n      image: busybox:1.36\n      securityContext:\n        runAsNonRoot: true\n`,
      `${POD}    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          add: [NET_BIND_SERVICE]\n          drop: [ALL]\n    - name: side\n      image: busybox:1.36\n      securityContext:\n        runAsNonRoot: true\n        capabilities:\n          drop: [ALL]\n`,
    );
  });

  it('D04.privileged sets privileged: false in place', async () => {
    const before = `${POD}    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true # was debugging\n        capabilities: { drop: [ALL] }\n`;
    await expectFix(
      'pod.yaml',
      'D04.privileged',
      before,
      before.replace('privileged: true', 'privileged: false'),
    );
  });

  it('D09.writable-rootfs sets readOnlyRootFilesystem in a Deployment template, each document on its own', async () => {
    const deployment =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        image: api:1.0\n        securityContext:\n          readOnlyRootFilesystem: false\n';
    await expectFix(
      'app.yaml',
      'D09.writable-rootfs',
      `${POD}  - name: web\n    image: nginx:1.27\n---\n${deployment}`,
      `${POD}  - name: web\n    image: nginx:1.27\n    securityContext:\n      readOnlyRootFilesystem: true\n---\n${deployment.replace('Filesystem: false', 'Filesystem: true')}`,
    );
  });
});

describe('unifiedDiff', () => {
  it('shows the changed lines with context, removals first', () => {
    expect(unifiedDiff('c.yaml', 'a\nb\nc\nd\n', 'a\nB\nc\nd\ne\n', 1)).toBe(
      '--- a/c.yaml\n+++ b/c.yaml\n@@ -1,4 +1,5 @@\n a\n-b\n+B\n c\n d\n+e\n',
    );
    expect(unifiedDiff('c.yaml', 'same\n', 'same\n')).toBe('');
  });
});
