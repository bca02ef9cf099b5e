// Kubernetes manifests built from arbitrary objects (every kind with a pod template, Lists, Services,
// NetworkPolicies; containers of every list; pod and container security contexts), alone or many to a
// file, loaded as they are and then damaged: a valid file gives every container at the line of its name,
// a damaged one never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileAt } from '../rule-tester.js';
import { loadChecked, mutated, RUNS, withCycles } from './support.js';

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}[a-z0-9]$/);

const WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
];

const containerExtras = fc
  .subarray([
    '  securityContext:',
    '    privileged: true',
    '  ports: [{containerPort: 80, hostPort: 8080}]',
    '  resources: {limits: {memory: 128Mi, cpu: 100m}}',
    '  env: [{name: A, value: "1"}, {name: B, valueFrom: {secretKeyRef: {name: s, key: k}}}]',
    '  volumeMounts: [{name: host, mountPath: /host, subPath: etc}]',
  ])
  .map((extras) => {
    // `privileged` only makes sense under securityContext: keep them together or drop both.
    const context = extras.includes('  securityContext:') && extras.includes('    privileged: true');
    return extras.filter((e) => context || (e !== '  securityContext:' && e !== '    privileged: true'));
  });

interface Container {
  list: 'initContainers' | 'containers' | 'ephemeralContainers';
  name: string;
  extras: string[];
}

const container = fc.record({
  list: fc.constantFrom('initContainers' as const, 'containers' as const, 'ephemeralContainers' as const),
  name,
  extras: containerExtras,
});

interface ObjectText {
  lines: string[];
  /** Line (0-based, within `lines`) of each container's `name:`, in the order the source reads them. */
  containers: number[];
}

/** The pod spec lines (unindented) and where each container's name is. */
function podSpec(containers: Container[], hostNetwork: boolean, podContext: boolean): ObjectText {
  const lines: string[] = [];
  const at = new Map<Container, number>();
  if (hostNetwork) lines.push('hostNetwork: true');
  if (podContext)
    lines.push('securityContext:', '  runAsNonRoot: true', '  seccompProfile: {type: RuntimeDefault}');
  lines.push('volumes:', '  - name: host', '    hostPath: {path: /}');
  for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const own = containers.filter((c) => c.list === list);
    if (own.length === 0) continue;
    lines.push(`${list}:`);
    for (const c of own) {
      at.set(c, lines.length);
      lines.push(`  - name: ${c.name}`, '    image: app:1', ...c.extras.map((e) => `  ${e}`));
    }
  }
  const order = ['initContainers', 'containers', 'ephemeralContainers'];
  const sorted = [...containers].sort((a, b) => order.indexOf(a.list) - order.indexOf(b.list));
  return { lines, containers: sorted.map((c) => at.get(c)!) };
}

const workloadObject: fc.Arbitrary<ObjectText> = fc
  .tuple(
    fc.constantFrom(...WORKLOAD_KINDS),
    name,
    fc.option(name),
    fc.array(container, { minLength: 1, maxLength: 3 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([kind, objectName, namespace, containers, hostNetwork, podContext]) => {
    const head = ['apiVersion: apps/v1', `kind: ${kind}`, 'metadata:', `  name: ${objectName}`];
    if (namespace) head.push(`  namespace: ${namespace}`);
    const spec = podSpec(containers, hostNetwork, podContext);
    const prefix =
      kind === 'Pod'
        ? ['spec:']
        : kind === 'CronJob'
          ? [
              'spec:',
              '  schedule: "@daily"',
              '  jobTemplate:',
              '    spec:',
              '      template:',
              '        spec:',
            ]
          : ['spec:', '  template:', '    metadata: {labels: {app: x}}', '    spec:'];
    const depth = kind === 'Pod' ? 2 : kind === 'CronJob' ? 10 : 6;
    const lines = [...head, ...prefix, ...spec.lines.map((l) => ' '.repeat(depth) + l)];
    const offset = head.length + prefix.length;
    return { lines, containers: spec.containers.map((c) => c + offset) };
  });

const otherObject: fc.Arbitrary<ObjectText> = fc.constantFrom(
  {
    lines: ['apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {ports: [{port: 80}]}'],
    containers: [],
  },
  { lines: ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: conf}', 'data: {a: b}'], containers: [] },
  {
    lines: [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata: {name: deny}',
      'spec:',
      '  podSelector: {}',
    ],
    containers: [],
  },
);

/** A List wrapping objects: each object indented as an item. */
const list: fc.Arbitrary<ObjectText> = fc
  .array(fc.oneof(workloadObject, otherObject), { minLength: 1, maxLength: 2 })
  .map((items) => {
    const lines = ['apiVersion: v1', 'kind: List', 'items:'];
    const containers: number[] = [];
    for (const item of items) {
      const start = lines.length;
      lines.push(...item.lines.map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)));
      containers.push(...item.containers.map((c) => c + start));
    }
    return { lines, containers };
  });

interface Manifest {
  text: string;
  /** 1-based line of every container's name, in the order of the file. */
  containers: number[];
}

const manifest: fc.Arbitrary<Manifest> = fc
  .tuple(
    fc.array(fc.oneof(workloadObject, workloadObject, otherObject, list), { minLength: 1, maxLength: 4 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([objects, leadingSeparator, comments]) => {
    const lines: string[] = [];
    const containers: number[] = [];
    objects.forEach((object, index) => {
      if (index > 0 || leadingSeparator) lines.push('---');
      if (comments) lines.push('# a comment');
      const start = lines.length;
      lines.push(...object.lines);
      containers.push(...object.containers.map((c) => c + start + 1));
    });
    return { text: `${lines.join('\n')}\n`, containers };
  });

describe('Kubernetes manifests', () => {
  it('loads every generated manifest with each container at the line of its name', async () => {
    await fc.assert(
      fc.asyncProperty(manifest, async ({ text, containers }) => {
        const loaded = await loadChecked('k8s/app.yaml', text, 'kubernetes', false);
        expect(loaded.errors).toEqual([]);
        const workloads = loaded.kubernetes.flatMap((k) => k.workloads);
        expect(workloads.map((w) => fileAt(w.at).line)).toEqual(containers);
        for (const w of workloads) expect(w.namespace).toBeTruthy();
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on a damaged manifest', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutated(manifest.map((m) => m.text)),
        fc.constantFrom('kubernetes', 'yaml', 'auto'),
        fc.boolean(),
        async (text, kind, explicit) => {
          const loaded = await loadChecked('k8s/app.yaml', text, kind, explicit);
          for (const error of loaded.errors)
            if (error.message.startsWith('YAML:')) expect(error.line).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('never loops on anchors that make a mapping contain itself', async () => {
    await fc.assert(
      fc.asyncProperty(withCycles(manifest.map((m) => m.text)), async (text) => {
        await loadChecked('k8s/app.yaml', text, 'kubernetes', true);
      }),
      { numRuns: RUNS },
    );
  });

  it('never loops on Lists that contain themselves', async () => {
    const cyclic = fc
      .tuple(fc.boolean(), fc.boolean(), fc.constantFrom('List', 'PodList', 'DeploymentList'))
      .map(([viaItems, withPod, kind]) =>
        [
          'apiVersion: v1',
          `kind: ${kind}`,
          viaItems ? 'items: &items' : 'items:',
          ...(withPod
            ? [
                '  - apiVersion: v1',
                '    kind: Pod',
                '    metadata: {name: p}',
                '    spec: {containers: [{name: c, image: i}]}',
              ]
            : []),
          viaItems
            ? '  - {apiVersion: v1, kind: List, items: *items}'
            : '  - &self {apiVersion: v1, kind: List, items: [*self]}',
          '',
        ].join('\n'),
      );
    await fc.assert(
      fc.asyncProperty(cyclic, async (text) => {
        await loadChecked('k8s/list.yaml', text, 'kubernetes', true);
      }),
      { numRuns: 50 },
    );
  });
});
