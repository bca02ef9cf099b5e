// `dt10 fix` text in → text out: each fix keeps comments, order, quoting and indentation, removes its
// finding and brings no other.
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/fix/diff.js';
import { DEFAULT_FIX_VALUES, type FixRequest, type FixValues } from '../../src/fix/types.js';
import { fixYaml, YAML_FIXES } from '../../src/fix/yaml/fix-yaml.js';
import { expectFixed, findingKey as key, findings as scanAs } from './fix-tester.js';
import { makeTempDir } from '../temp-dir.js';

const fixText = (
  text: string,
  requests: readonly FixRequest[],
  rules: readonly string[] = YAML_FIXES,
  values: FixValues = DEFAULT_FIX_VALUES,
) => fixYaml(text, requests, { rules, values });

const tempDir = (): string => makeTempDir('dt10-fix');
const findings = (name: string, text: string, dir = tempDir()) => scanAs(name, text, dir);

/** Fixes `ruleId`'s findings of `before`, checks the text, and that a re-scan lost exactly those findings. */
async function expectFix(name: string, ruleId: string, before: string, after: string): Promise<void> {
  await expectFixed({ fixer: fixYaml, name, dir: tempDir(), rules: [ruleId] }, before, after);
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
        {
          ruleId: 'D04.privileged',
          line: 1,
          reason: 'not inside a compose service or Kubernetes container or pod spec',
        },
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

describe('compose fixes of limits, seccomp, user, ports and logging', () => {
  it('D07 limits: an unlimited value is replaced where it is written, a missing one is added', async () => {
    await expectFix(
      'compose.yaml',
      'D07.no-memory-limit',
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    mem_limit: 0      # unlimited\n  api:\n    image: api:1.0\n    deploy:\n      resources:\n        limits: { memory: "0" }\n  db:\n    image: postgres:16\n`,
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    mem_limit: 512m   # unlimited\n  api:\n    image: api:1.0\n    deploy:\n      resources:\n        limits: { memory: "512m" }\n  db:\n    image: postgres:16\n    mem_limit: 512m\n`,
    );
    await expectFix(
      'compose.yaml',
      'D07.no-cpu-limit',
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n`,
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    cpus: "1"\n`,
    );
    await expectFix(
      'compose.yaml',
      'D07.no-pids-limit',
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    pids_limit: -1\n`,
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    pids_limit: 256\n`,
    );
  });

  it('D07 limits take their values from FixValues', () => {
    const text = `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n`;
    const values = { ...DEFAULT_FIX_VALUES, memory: '2g', cpus: '0.25', pids: 64 };
    const fixed = fixText(
      text,
      ['D07.no-memory-limit', 'D07.no-cpu-limit', 'D07.no-pids-limit'].map((ruleId) => ({ ruleId, line: 3 })),
      YAML_FIXES,
      values,
    );
    expect(fixed.text).toBe(`${text}    mem_limit: 2g\n    cpus: "0.25"\n    pids_limit: 64\n`);
  });

  it('D04.seccomp-disabled removes the unconfined option from a block or a flow list', async () => {
    await expectFix(
      'compose.yaml',
      'D04.seccomp-disabled',
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:unconfined  # debugging\n      - no-new-privileges:true\n  db:\n    image: postgres:16\n    security_opt: ["seccomp=unconfined", no-new-privileges:true]\n`,
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n  db:\n    image: postgres:16\n    security_opt: [no-new-privileges:true]\n`,
    );
  });

  it('D01.workload-root-user sets a numeric non-root user, quoted, in place or added', async () => {
    await expectFix(
      'compose.yaml',
      'D01.workload-root-user',
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    user: root\n  api:\n    image: api:1.0\n    user: '1000:0'\n  db:\n    image: postgres:16\n`,
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    user: "10001:10001"\n  api:\n    image: api:1.0\n    user: '10001:10001'\n  db:\n    image: postgres:16\n    user: "10001:10001"\n`,
    );
  });

  it('D03.port-all-interfaces binds each reported port to the loopback of its family', async () => {
    await expectFix(
      'compose.yaml',
      'D03.port-all-interfaces',
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    ports:\n      - 8080:80\n      - "0.0.0.0:8443:443"\n      - "[::]:5353:53/udp"\n      - "3000"\n      - "127.0.0.1:9090:9090"\n      - target: 5000\n        published: 5000\n`,
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n      - "127.0.0.1:8443:443"\n      - "[::1]:5353:53/udp"\n      - "127.0.0.1::3000"\n      - "127.0.0.1:9090:9090"\n      - target: 5000\n        published: 5000\n        host_ip: 127.0.0.1\n`,
    );
  });

  it('D10.log-rotation-missing adds max-size and max-file under logging.options, block or flow', async () => {
    await expectFix(
      'compose.yaml',
      'D10.log-rotation-missing',
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    logging:\n      driver: json-file\n  api:\n    image: api:1.0\n    logging: { driver: local, options: { max-size: "-1" } }\n`,
      `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n        max-file: "3"\n  api:\n    image: api:1.0\n    logging: { driver: local, options: { max-size: "10m", max-file: "3" } }\n`,
    );
  });
});

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n';

describe('Kubernetes fixes of limits, user, seccomp and the service-account token', () => {
  it('D07 memory and CPU limits go under resources.limits in Kubernetes notation', async () => {
    await expectFix(
      'pod.yaml',
      'D07.no-memory-limit',
      `${POD}    - name: web\n      image: nginx:1.27\n      resources:\n        limits: { cpu: 500m }\n    - name: side\n      image: busybox:1.36\n`,
      `${POD}    - name: web\n      image: nginx:1.27\n      resources:\n        limits: { cpu: 500m, memory: 512Mi }\n    - name: side\n      image: busybox:1.36\n      resources:\n        limits:\n          memory: 512Mi\n`,
    );
    await expectFix(
      'pod.yaml',
      'D07.no-cpu-limit',
      `${POD}    - name: web\n      image: nginx:1.27\n      resources:\n        limits:\n          cpu: "0"\n`,
      `${POD}    - name: web\n      image: nginx:1.27\n      resources:\n        limits:\n          cpu: "1"\n`,
    );
  });

  it('D01.workload-root-user: a root UID is replaced and runAsNonRoot set, at the level that said root', async () => {
    await expectFix(
      'pod.yaml',
      'D01.workload-root-user',
      `${POD}    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsUser: 0\n    - name: side\n      image: busybox:1.36\n`,
      `${POD}    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsUser: 10001\n        runAsNonRoot: true\n    - name: side\n      image: busybox:1.36\n      securityContext:\n        runAsNonRoot: true\n`,
    );
    await expectFix(
      'deployment.yaml',
      'D01.workload-root-user',
      `${DEPLOYMENT}      securityContext: { runAsUser: 0, runAsGroup: 0 }\n      containers:\n      - name: api\n        image: api:1.0\n`,
      `${DEPLOYMENT}      securityContext: { runAsUser: 10001, runAsGroup: 10001, runAsNonRoot: true }\n      containers:\n      - name: api\n        image: api:1.0\n`,
    );
  });

  it('D04.seccomp-disabled: Unconfined becomes RuntimeDefault where written; missing, the pod spec gets it', async () => {
    await expectFix(
      'pod.yaml',
      'D04.seccomp-disabled',
      `${POD}    - name: web\n      image: nginx:1.27\n      securityContext:\n        seccompProfile:\n          type: Unconfined\n`,
      `${POD}    - name: web\n      image: nginx:1.27\n      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n`,
    );
    await expectFix(
      'deployment.yaml',
      'D04.seccomp-disabled',
      `${DEPLOYMENT}      containers:\n      - name: api\n        image: api:1.0\n      - name: side\n        image: busybox:1.36\n`,
      `${DEPLOYMENT}      containers:\n      - name: api\n        image: api:1.0\n      - name: side\n        image: busybox:1.36\n      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n`,
    );
  });

  it('D06.service-account-token turns the token off once, in the pod spec', async () => {
    await expectFix(
      'deployment.yaml',
      'D06.service-account-token',
      `${DEPLOYMENT}      containers:\n      - name: api\n        image: api:1.0\n      - name: side\n        image: busybox:1.36\n`,
      `${DEPLOYMENT}      containers:\n      - name: api\n        image: api:1.0\n      - name: side\n        image: busybox:1.36\n      automountServiceAccountToken: false\n`,
    );
    await expectFix(
      'deployment.yaml',
      'D06.service-account-token',
      `${DEPLOYMENT}      automountServiceAccountToken: true # legacy\n      containers:\n      - name: api\n        image: api:1.0\n`,
      `${DEPLOYMENT}      automountServiceAccountToken: false # legacy\n      containers:\n      - name: api\n        image: api:1.0\n`,
    );
  });
});

describe('fixes of several services in one file', () => {
  it('a port is found by what was reported even after fixes above it moved its line', async () => {
    const dir = tempDir();
    const before = `${COMPOSE_HEAD}  web:\n    image: nginx:1.27\n    privileged: true\n    user: root\n  api:\n    image: api:1.0\n    user: "10001:10001"\n    ports:\n      - "127.0.0.1:9090:9090"\n      - "8080:80"\n`;
    const found = await findings('compose.yaml', before, dir);
    const requests = found.flatMap((f) =>
      'line' in f.location && (YAML_FIXES as readonly string[]).includes(f.ruleId)
        ? [{ ruleId: f.ruleId, line: f.location.line }]
        : [],
    );
    const fixed = fixText(before, requests);
    expect(fixed.skipped).toEqual([]);
    expect(fixed.text).toContain('      - "127.0.0.1:9090:9090"\n      - "127.0.0.1:8080:80"\n');
    const after = await findings('compose.yaml', fixed.text, dir);
    expect(after.filter((f) => (YAML_FIXES as readonly string[]).includes(f.ruleId)).map(key)).toEqual([]);
  });
});
