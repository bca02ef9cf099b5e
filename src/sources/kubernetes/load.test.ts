import { describe, expect, it } from 'vitest';
import { fileAt } from '../../../test/rule-tester.js';
import type { Workload } from '../../subjects/workload.js';
import { loadYaml } from '../yaml/load.js';
import { groupKubernetesDeployments } from './deployments.js';
import { type KubernetesObjects, loadKubernetes, looksLikeKubernetes } from './load.js';

const PATH = 'k8s.yaml';

function load(text: string): KubernetesObjects {
  const { documents, positions } = loadYaml(text, PATH);
  return loadKubernetes(documents, positions, PATH);
}

const indent = (text: string, by: number) =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : ' '.repeat(by) + l))
    .join('\n');

const POD_SPEC = 'containers:\n  - name: app\n    image: app:1\n';

/** The text of an object of `kind` whose pod spec is `podSpec`, at the depth that kind keeps it. */
function objectOf(kind: string, podSpec = POD_SPEC, apiVersion = 'apps/v1'): string {
  const head = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: obj\n`;
  switch (kind) {
    case 'Pod':
      return `${head}spec:\n${indent(podSpec, 2)}`;
    case 'CronJob':
      return `${head}spec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indent(podSpec, 10)}`;
    default:
      return `${head}spec:\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n${indent(podSpec, 6)}`;
  }
}

const one = (text: string): Workload => {
  const { workloads } = load(text);
  expect(workloads).toHaveLength(1);
  return workloads[0]!;
};

describe('loadKubernetes: kinds', () => {
  it.each([
    'Pod',
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'ReplicaSet',
    'ReplicationController',
    'Job',
    'CronJob',
  ])('finds the pod template of a %s', (kind) => {
    const w = one(objectOf(kind));
    expect(w).toMatchObject({
      kind: 'workload',
      origin: 'kubernetes',
      name: `${kind}/obj/app`,
      label: `container "app" of ${kind}/obj`,
      namespace: 'default',
      deployment: 'namespace default',
      seccompWhenUnset: 'unconfined',
      pidsLimitConfigurable: false,
    });
    expect(w.image?.value.raw).toBe('app:1');
    expect(w.image && fileAt(w.image.at).path).toBe(PATH);
  });

  it('finds nothing in objects without a pod template, or with one at the wrong depth', () => {
    expect(
      load('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n').workloads,
    ).toEqual([]);
    expect(load('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n').workloads).toEqual(
      [],
    );
    expect(
      load(`apiVersion: v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n${indent(POD_SPEC, 2)}`).workloads,
    ).toEqual([]);
    expect(
      load(
        `apiVersion: v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  template:\n    spec:\n${indent(POD_SPEC, 6)}`,
      ).workloads,
    ).toEqual([]);
  });

  it('reads every document of a multi-document file, with positions in each', () => {
    const { workloads } = load(
      `---\n${objectOf('Pod')}---\n${objectOf('Deployment')}...\n---\n${objectOf('Job')}`,
    );
    expect(workloads.map((w) => w.name)).toEqual(['Pod/obj/app', 'Deployment/obj/app', 'Job/obj/app']);
    expect(workloads.map((w) => w.image && fileAt(w.image.at).line)).toEqual([9, 22, 36]);
  });

  it('reads the items of a List and of a typed list', () => {
    const items = [objectOf('Pod'), objectOf('DaemonSet')]
      .map((o) => `  - ${indent(o, 4).slice(4)}`)
      .join('');
    expect(load(`apiVersion: v1\nkind: List\nitems:\n${items}`).workloads.map((w) => w.name)).toEqual([
      'Pod/obj/app',
      'DaemonSet/obj/app',
    ]);
    expect(
      load(`apiVersion: v1\nkind: PodList\nitems:\n  - ${indent(objectOf('Pod'), 4).slice(4)}`).workloads,
    ).toHaveLength(1);
  });

  it('does not loop on a List that contains itself through an anchor', () => {
    const objects = load(
      'apiVersion: v1\nkind: List\nitems: &items\n  - apiVersion: v1\n    kind: List\n    items: *items\n',
    );
    expect(objects.workloads).toEqual([]);
  });

  it('skips documents that are not objects', () => {
    expect(load('---\n- a\n---\njust text\n---\n42\n---\n').workloads).toEqual([]);
  });
});

describe('loadKubernetes: containers', () => {
  it('reads containers, initContainers and ephemeralContainers, each with its position', () => {
    const podSpec = [
      'initContainers:', // 6
      '  - name: init', // 7
      '    image: busybox', // 8
      'containers:', // 9
      '  - name: app', // 10
      '    image: app:1', // 11
      '  - image: sidecar:1', // 12
      'ephemeralContainers:', // 13
      '  - name: debug', // 14
      '    image: debug', // 15
    ].join('\n');
    const { workloads } = load(objectOf('Pod', podSpec));
    expect(workloads.map((w) => `${w.label}@${fileAt(w.at).line}:${fileAt(w.at).column}`)).toEqual([
      'init container "init" of Pod/obj@7:7',
      'container "app" of Pod/obj@10:7',
      'container "(unnamed)" of Pod/obj@12:7',
      'ephemeral container "debug" of Pod/obj@14:7',
    ]);
  });

  it('keeps the namespace, and says it in the label when not default', () => {
    const w = one(objectOf('Pod').replace('  name: obj\n', '  name: obj\n  namespace: prod\n'));
    expect(w.namespace).toBe('prod');
    expect(w.deployment).toBe('namespace prod');
    expect(w.label).toBe('container "app" of Pod/obj (namespace prod)');
  });

  it('joins object and pod template labels', () => {
    const w = one(
      objectOf('Deployment').replace('  name: obj\n', '  name: obj\n  labels: {team: a, app: y}\n'),
    );
    expect(w.labels).toEqual({ team: 'a', app: 'x' });
  });
});

describe('loadKubernetes: security context', () => {
  const podSpec = [
    'securityContext:', // 6
    '  runAsUser: 1000', // 7
    '  runAsGroup: 3000', // 8
    '  runAsNonRoot: true', // 9
    '  seccompProfile:', // 10
    '    type: RuntimeDefault', // 11
    'containers:', // 12
    '  - name: inherits', // 13
    '    image: a', // 14
    '  - name: overrides', // 15
    '    image: b', // 16
    '    securityContext:', // 17
    '      runAsUser: 0', // 18
    '      runAsNonRoot: false', // 19
    '      privileged: true', // 20
    '      allowPrivilegeEscalation: true', // 21
    '      readOnlyRootFilesystem: true', // 22
    '      seccompProfile: {type: Unconfined}', // 23
    '      capabilities:', // 24
    '        add: [CAP_SYS_ADMIN, net_raw]', // 25
    '        drop:', // 26
    '          - ALL', // 27
  ].join('\n');

  it('lets containers inherit the pod security context', () => {
    const [inherits] = load(objectOf('Pod', podSpec)).workloads;
    expect(inherits!.user).toMatchObject({ value: '1000', at: { line: 7 } });
    expect(inherits!.group).toMatchObject({ value: '3000', at: { line: 8 } });
    expect(inherits!.runAsNonRoot).toMatchObject({ value: true, at: { line: 9 } });
    expect(inherits!.seccompProfile).toMatchObject({ value: 'runtime/default', at: { line: 11 } });
    expect(inherits!.privileged).toBeUndefined();
    expect(inherits!.noNewPrivileges).toBeUndefined();
    expect(inherits!.capAdd).toEqual([]);
  });

  it('lets a container override the pod, field by field', () => {
    const [, overrides] = load(objectOf('Pod', podSpec)).workloads;
    const w = overrides!;
    expect(w.user).toMatchObject({ value: '0', at: { line: 18 } });
    expect(w.group).toMatchObject({ value: '3000', at: { line: 8 } });
    expect(w.runAsNonRoot).toMatchObject({ value: false, at: { line: 19 } });
    expect(w.privileged).toMatchObject({ value: true, at: { line: 20 } });
    expect(w.noNewPrivileges).toMatchObject({ value: false, at: { line: 21 } });
    expect(w.readOnlyRootfs).toMatchObject({ value: true, at: { line: 22 } });
    expect(w.seccompProfile).toMatchObject({ value: 'unconfined', at: { line: 23 } });
    expect(w.capAdd.map((c) => `${c.value}@${fileAt(c.at).line}:${fileAt(c.at).column}`)).toEqual([
      'SYS_ADMIN@25:17',
      'NET_RAW@25:32',
    ]);
    expect(w.capDrop.map((c) => `${c.value}@${fileAt(c.at).line}`)).toEqual(['ALL@27']);
  });

  it('reads allowPrivilegeEscalation: false as no-new-privileges', () => {
    const w = one(
      objectOf(
        'Pod',
        'containers:\n  - name: a\n    image: a\n    securityContext: {allowPrivilegeEscalation: false}\n',
      ),
    );
    expect(w.noNewPrivileges?.value).toBe(true);
  });

  it('names seccomp and AppArmor profiles as the model does', () => {
    const profiles = (context: string) =>
      one(objectOf('Pod', `containers:\n  - name: a\n    image: a\n    securityContext: ${context}\n`));
    expect(
      profiles('{seccompProfile: {type: Localhost, localhostProfile: p.json}}').seccompProfile?.value,
    ).toBe('localhost/p.json');
    expect(profiles('{appArmorProfile: {type: Unconfined}}').apparmorProfile?.value).toBe('unconfined');
    expect(profiles('{appArmorProfile: {type: RuntimeDefault}}').apparmorProfile?.value).toBe(
      'runtime/default',
    );
    expect(
      profiles('{appArmorProfile: {type: Localhost, localhostProfile: k8s-x}}').apparmorProfile?.value,
    ).toBe('localhost/k8s-x');
    expect(profiles('{seLinuxOptions: {type: spc_t}}').selinuxDisabled?.value).toBe(true);
    expect(profiles('{seLinuxOptions: {type: container_t}}').selinuxDisabled).toBeUndefined();
  });

  it('reads the profile annotations of the pod, not those of the owning object', () => {
    const annotations = [
      'seccomp.security.alpha.kubernetes.io/pod: unconfined',
      'container.apparmor.security.beta.kubernetes.io/app: unconfined',
    ];
    const onPod = one(
      objectOf('Deployment').replace(
        '      labels: {app: x}\n',
        `      annotations:\n${annotations.map((a) => `        ${a}\n`).join('')}`,
      ),
    );
    expect(onPod.seccompProfile).toMatchObject({ value: 'unconfined', at: { line: 9 } });
    expect(onPod.apparmorProfile).toMatchObject({ value: 'unconfined', at: { line: 10 } });
    const onDeployment = one(
      objectOf('Deployment').replace(
        '  name: obj\n',
        `  name: obj\n  annotations:\n${annotations.map((a) => `    ${a}\n`).join('')}`,
      ),
    );
    expect(onDeployment.seccompProfile).toBeUndefined();
    expect(onDeployment.apparmorProfile).toBeUndefined();
  });

  it('lets the per-container seccomp annotation win over the pod one, and the field over both', () => {
    const text = objectOf(
      'Pod',
      'securityContext:\n  seccompProfile: {type: RuntimeDefault}\ncontainers:\n  - name: a\n    image: a\n  - name: b\n    image: b\n    securityContext:\n      seccompProfile: {type: RuntimeDefault}\n',
    ).replace(
      '  name: obj\n',
      '  name: obj\n  annotations:\n    container.seccomp.security.alpha.kubernetes.io/a: unconfined\n    container.seccomp.security.alpha.kubernetes.io/b: unconfined\n',
    );
    const [a, b] = load(text).workloads;
    expect(a!.seccompProfile?.value).toBe('unconfined');
    expect(b!.seccompProfile?.value).toBe('runtime/default');
  });
});

describe('loadKubernetes: pod settings', () => {
  it('reads hostNetwork, hostPID, hostIPC, hostUsers and restartPolicy for every container', () => {
    const { workloads } = load(
      objectOf(
        'Pod',
        'hostNetwork: true\nhostPID: true\nhostIPC: false\nhostUsers: false\nrestartPolicy: Always\ncontainers:\n  - {name: a, image: a}\n  - {name: b, image: b}\n',
      ),
    );
    for (const w of workloads) {
      expect(w.networkMode).toMatchObject({ value: 'host', at: { line: 6 } });
      expect(w.pidMode).toMatchObject({ value: 'host', at: { line: 7 } });
      expect(w.ipcMode).toMatchObject({ value: 'private', at: { line: 8 } });
      expect(w.usernsMode).toMatchObject({ value: 'private', at: { line: 9 } });
      expect(w.restart).toMatchObject({ value: 'Always', at: { line: 10 } });
    }
    expect(one(objectOf('Pod', 'hostUsers: true\n' + POD_SPEC)).usernsMode?.value).toBe('host');
    const plain = one(objectOf('Pod'));
    expect(plain.networkMode).toBeUndefined();
    expect(plain.usernsMode).toBeUndefined();
  });

  it('joins hostPath volumes to volumeMounts, with subPath', () => {
    const podSpec = [
      'volumes:', // 6
      '  - name: docker', // 7
      '    hostPath: {path: /var/run/docker.sock}', // 8
      '  - name: root', // 9
      '    hostPath:', // 10
      '      path: /etc/', // 11
      '  - name: cache', // 12
      '    emptyDir: {medium: Memory}', // 13
      '  - name: conf', // 14
      '    configMap: {name: c}', // 15
      '  - name: data', // 16
      '    persistentVolumeClaim: {claimName: d}', // 17
      'containers:', // 18
      '  - name: app', // 19
      '    image: app', // 20
      '    volumeMounts:', // 21
      '      - name: docker', // 22
      '        mountPath: /var/run/docker.sock', // 23
      '      - name: root', // 24
      '        mountPath: /host/ssh', // 25
      '        subPath: ssh', // 26
      '        readOnly: true', // 27
      '      - {name: cache, mountPath: /cache}', // 28
      '      - {name: conf, mountPath: /conf}', // 29
      '      - {name: data, mountPath: /data, mountPropagation: HostToContainer}', // 30
      '      - {name: undeclared, mountPath: /u}', // 31
      '      - {name: nopath}', // 32
    ].join('\n');
    const w = one(objectOf('Pod', podSpec));
    expect(w.mounts.map(({ at, ...m }) => ({ ...m, line: fileAt(at).line }))).toEqual([
      {
        type: 'bind',
        source: '/var/run/docker.sock',
        target: '/var/run/docker.sock',
        readOnly: false,
        line: 22,
      },
      { type: 'bind', source: '/etc/ssh', target: '/host/ssh', readOnly: true, line: 24 },
      { type: 'tmpfs', source: 'cache', target: '/cache', readOnly: false, line: 28 },
      { type: 'volume', source: 'conf', target: '/conf', readOnly: true, line: 29 },
      {
        type: 'volume',
        source: 'data',
        target: '/data',
        readOnly: false,
        propagation: 'HostToContainer',
        line: 30,
      },
      { type: 'volume', source: 'undeclared', target: '/u', readOnly: false, line: 31 },
    ]);
  });

  it('publishes only ports with a hostPort', () => {
    const w = one(
      objectOf(
        'Pod',
        'containers:\n  - name: a\n    image: a\n    ports:\n      - containerPort: 80\n      - containerPort: 53\n        hostPort: 53\n        protocol: UDP\n        hostIP: 127.0.0.1\n      - containerPort: 443\n        hostPort: 8443\n',
      ),
    );
    expect(w.ports.map(({ at, ...p }) => ({ ...p, line: fileAt(at).line }))).toEqual([
      { hostPort: '53', containerPort: '53', protocol: 'udp', hostIp: '127.0.0.1', line: 12 },
      { hostPort: '8443', containerPort: '443', protocol: 'tcp', line: 16 },
    ]);
  });

  it('reads resource limits, not requests', () => {
    const w = one(
      objectOf(
        'Pod',
        'containers:\n  - name: a\n    image: a\n    resources:\n      requests: {memory: 1Gi}\n      limits:\n        memory: 2Gi\n        cpu: 500m\n',
      ),
    );
    expect(w.resources).toEqual({
      memory: { value: '2Gi', at: { path: PATH, line: 12, column: 11 } },
      cpus: { value: '500m', at: { path: PATH, line: 13, column: 11 } },
      ulimits: {},
    });
    expect(
      one(
        objectOf('Pod', 'containers:\n  - name: a\n    image: a\n    resources:\n      requests: {cpu: 1}\n'),
      ).resources,
    ).toEqual({ ulimits: {} });
  });

  it('tells literal environment values from references', () => {
    const w = one(
      objectOf(
        'Pod',
        [
          'containers:',
          '  - name: a',
          '    image: a',
          '    env:',
          '      - name: LITERAL', // 10
          '        value: "x"',
          '      - name: EMPTY', // 12
          '      - name: PASSWORD', // 13
          '        valueFrom: {secretKeyRef: {name: s, key: p}}',
          '      - name: MODE', // 15
          '        valueFrom: {configMapKeyRef: {name: c, key: m}}',
          '      - name: NODE', // 17
          '        valueFrom: {fieldRef: {fieldPath: spec.nodeName}}',
          '      - value: no-name',
        ].join('\n'),
      ),
    );
    expect(w.env.map(({ at, ...e }) => ({ ...e, line: fileAt(at).line }))).toEqual([
      { name: 'LITERAL', value: 'x', from: 'literal', line: 10 },
      { name: 'EMPTY', value: '', from: 'literal', line: 12 },
      { name: 'PASSWORD', from: 'secret', line: 13 },
      { name: 'MODE', from: 'config', line: 15 },
      { name: 'NODE', from: 'field', line: 17 },
    ]);
  });
});

describe('loadKubernetes: network policies', () => {
  it('collects NetworkPolicies with their selector and namespace', () => {
    const objects = load(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: prod\nspec:\n  podSelector:\n    matchLabels: {app: web}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: all}\nspec: {podSelector: {}}\n',
    );
    expect(objects.workloads).toEqual([]);
    expect(objects.networkPolicies).toEqual([
      {
        name: 'deny',
        namespace: 'prod',
        podSelector: { app: 'web' },
        podSelectorExpressions: [],
        at: { path: PATH, line: 2, column: 1 },
      },
      {
        name: 'all',
        namespace: 'default',
        podSelector: {},
        podSelectorExpressions: [],
        at: { path: PATH, line: 11, column: 1 },
      },
    ]);
  });
});

describe('groupKubernetesDeployments', () => {
  it('makes one deployment per namespace across files', () => {
    const a = load(
      `${objectOf('Pod')}---\n${objectOf('Deployment').replace('  name: obj\n', '  name: obj\n  namespace: prod\n')}`,
    );
    const b = load(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: prod}\nspec: {podSelector: {}}\n',
    );
    const deployments = groupKubernetesDeployments([a, b]);
    expect(deployments.map((d) => [d.name, d.workloads.length, d.networkPolicies.length])).toEqual([
      ['namespace default', 1, 0],
      ['namespace prod', 1, 1],
    ]);
    expect(deployments[0]).toMatchObject({ kind: 'deployment', origin: 'kubernetes' });
  });

  it('makes none without objects', () => {
    expect(groupKubernetesDeployments([])).toEqual([]);
  });
});

describe('looksLikeKubernetes', () => {
  it('wants apiVersion and kind as strings', () => {
    expect(looksLikeKubernetes({ apiVersion: 'v1', kind: 'Pod' })).toBe(true);
    expect(looksLikeKubernetes({ kind: 'Pod' })).toBe(false);
    expect(looksLikeKubernetes({ apiVersion: 1, kind: 'Pod' })).toBe(false);
    expect(looksLikeKubernetes(['v1'])).toBe(false);
    expect(looksLikeKubernetes(null)).toBe(false);
  });
});

describe('loadKubernetes: secrets, sysctls, probes', () => {
  it('collects secret volumes mounted and envFrom secretRef, pod sysctls, and probes as the healthcheck', () => {
    const w = one(
      objectOf(
        'Pod',
        [
          'securityContext:',
          '  sysctls:',
          '    - name: net.ipv4.ip_local_port_range',
          '      value: "1024 65535"',
          'containers:',
          '  - name: app',
          '    image: app:1',
          '    envFrom:',
          '      - secretRef: { name: api-env }',
          '      - configMapRef: { name: settings }',
          '    volumeMounts:',
          '      - { name: tls, mountPath: /tls }',
          '    livenessProbe:',
          '      httpGet: { path: /health, port: 8080 }',
          'volumes:',
          '  - name: tls',
          '    secret: { secretName: web-tls }',
          '',
        ].join('\n'),
        'v1',
      ),
    );
    expect(w.secrets.map((s) => [s.value, fileAt(s.at).line])).toEqual([
      ['web-tls', 17],
      ['api-env', 14],
    ]);
    expect(w.sysctls.map((s) => [s.name, s.value, fileAt(s.at).line])).toEqual([
      ['net.ipv4.ip_local_port_range', '1024 65535', 8],
    ]);
    expect(w.healthcheck).toMatchObject({ disabled: false, test: 'livenessProbe' });
    expect(w.healthcheck && fileAt(w.healthcheck.at).line).toBe(18);
  });

  it('has no healthcheck when the container has no probe', () => {
    expect(one(objectOf('Deployment')).healthcheck).toBeUndefined();
  });
});

describe('loadKubernetes: pull policy, service-account token, procMount, namespace objects', () => {
  it('reads imagePullPolicy and procMount of the container, automountServiceAccountToken of the pod', () => {
    const w = one(
      objectOf(
        'Pod',
        'automountServiceAccountToken: false\ncontainers:\n  - name: app\n    image: app:1\n    imagePullPolicy: Always\n    securityContext:\n      procMount: Unmasked\n',
        'v1',
      ),
    );
    expect(w.automountServiceAccountToken).toMatchObject({ value: false, at: { line: 6 } });
    expect(w.imagePullPolicy).toMatchObject({ value: 'Always', at: { line: 10 } });
    expect(w.procMount).toMatchObject({ value: 'Unmasked', at: { line: 12 } });
  });

  it('collects LimitRange, ResourceQuota and ConfigMap data per namespace', () => {
    const objects = load(
      [
        'apiVersion: v1\nkind: LimitRange\nmetadata: {name: limits, namespace: shop}\nspec: {}',
        'apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: quota, namespace: shop}\nspec: {}',
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata:\n  LOG_LEVEL: info\n  DB_PASSWORD: hunter2',
      ].join('\n---\n'),
    );
    const [shop] = groupKubernetesDeployments([objects]);
    expect(shop!.resourceControls.map((c) => `${c.kind}/${c.name}`)).toEqual([
      'LimitRange/limits',
      'ResourceQuota/quota',
    ]);
    expect(shop!.configMaps[0]!.data.map((d) => [d.key, d.value, fileAt(d.at).line])).toEqual([
      ['LOG_LEVEL', 'info', 15],
      ['DB_PASSWORD', 'hunter2', 16],
    ]);
  });
});

describe('loadKubernetes: NetworkPolicy matchExpressions', () => {
  it('reads key, operator and values', () => {
    const objects = load(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector:\n    matchExpressions:\n      - { key: tier, operator: In, values: [frontend, api] }\n      - { key: legacy, operator: DoesNotExist }\n',
    );
    expect(objects.networkPolicies[0]!.podSelectorExpressions).toEqual([
      { key: 'tier', operator: 'In', values: ['frontend', 'api'] },
      { key: 'legacy', operator: 'DoesNotExist', values: [] },
    ]);
  });
});
