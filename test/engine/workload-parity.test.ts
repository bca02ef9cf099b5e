// Issue 5, "Done means": every workload rule that exists for files fires on the equivalent live container.
// One table, one row per rule over workloads (or the deployments that group them) that judges both files
// and a live engine: the same insecure setting as a compose service, a Kubernetes container or pod, a
// `docker run` line and a POST /containers/create body, each form left out only with a reason. The file
// forms go through the real sources (test/rule-tester.ts `findingsFor`); the engine forms become containers
// on one private dockerd, read once through the reader and mapping `dt10 scan --engine` uses (readEngine),
// and judged with every rule of the table. A hardened container beside them draws none of these rules. A
// rule that judges files and gains the `engine` target fails "has a row for every rule" until it gets one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, RuleSet } from '../../src/core/evaluator.js';
import type { Finding } from '../../src/core/finding.js';
import { isEngineLocation, isSourceLocation } from '../../src/core/location.js';
import type { AnyRule, Target } from '../../src/core/rule.js';
import { parseEndpoint } from '../../src/engine/endpoint.js';
import { type EngineRead, readEngine } from '../../src/engine/read-engine.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { mapBounded } from '../../src/scan/map-bounded.js';
import type { Subject } from '../../src/subjects/index.js';
import {
  composeService,
  dockerRun,
  findingsFor,
  k8sDeployment,
  k8sVolumeMount,
  TEST_NOW,
  TEST_SETTINGS,
} from '../rule-tester.js';
import { type ContainerSpec, createContainer, inspectContainer } from './containers.js';
import { engineDescribe, startEngine, type TestEngine } from './dockerd.js';
import { busyboxImage, DEFAULT_BUSYBOX_TAG } from './images.js';

const FORMS = ['compose', 'kubernetes', 'docker-run', 'engine'] as const;
type Form = (typeof FORMS)[number];
type FileForm = Exclude<Form, 'engine'>;
const FILE_FORMS: readonly FileForm[] = ['compose', 'kubernetes', 'docker-run'];

/** The busybox image by tag (docker.io/dt10-test/busybox:1 to a rule), and the same content as `latest`. */
const BUSYBOX = DEFAULT_BUSYBOX_TAG;
const BUSYBOX_LATEST = 'dt10-test/busybox:latest';

/** What /info says the engine's kernel can enforce (`docker info`'s warnings come from these). */
interface EngineFeatures {
  OomKillDisable?: boolean;
  SwapLimit?: boolean;
}

interface EngineForm {
  /** The body of POST /containers/create for the container named after the row; Image defaults to BUSYBOX. */
  create: Partial<ContainerSpec>;
  /** Other containers the setting needs (a deployment rule compares containers), by name. */
  companions?: Record<string, Partial<ContainerSpec>>;
  /** User-defined networks created before the containers. */
  networks?: string[];
  /**
   * The Engine API field the finding points at (`HostConfig.UsernsMode`): the proof that the mapping read
   * the setting, where an engine default would draw the same rule. Null when the rule reports the container
   * (or the network) as a whole: a limit that is missing, labels compared across containers.
   */
  field: string | null;
  /** The finding's evidence, where the field alone would not tell the setting from the engine's default. */
  evidence?: string;
  /** Where the rule reports it when that is not the container (`network/<name>`). */
  reportedAt?: string;
  /**
   * The engine may discard the setting at create when its kernel cannot enforce it (Docker 20.10's
   * verifyPlatformContainerResources) and /info reports the feature false: then the live container cannot
   * express it, and the test says so and asserts that the inspect no longer holds it and the rule is silent,
   * instead of passing by skipping.
   */
  unsupported?: {
    feature: keyof EngineFeatures;
    reason: string;
    discarded: (inspect: InspectedContainer) => boolean;
  };
}

interface InspectedContainer {
  HostConfig?: Record<string, unknown>;
}

interface ParityRow {
  rule: string;
  /** The insecure setting, in words. */
  setting: string;
  compose?: string;
  kubernetes?: string;
  'docker-run'?: string;
  engine?: EngineForm;
  /** Why a form is left out: each format the row does not give needs a reason. */
  without?: Partial<Record<Form, string>>;
}

/** The helpers' image (registry.example.com/app:1.0) replaced, for the rows about the image reference. */
function withImage(text: string, image: string): string {
  return text.replace('registry.example.com/app:1.0', image);
}

const ONE_DEPLOYMENT = 'a run line is one container on its own: no deployment to judge it with others';

/** Two pods in namespace shop, with the given labels (flow mappings). */
function k8sPods(first: [name: string, labels: string], second: [name: string, labels: string]): string {
  return [first, second]
    .map(([name, labels]) =>
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        `  name: ${name}`,
        '  namespace: shop',
        `  labels: ${labels}`,
        'spec:',
        '  containers:',
        '    - name: app',
        '      image: registry.example.com/app:1.0',
        '',
      ].join('\n'),
    )
    .join('---\n');
}

const ROWS: ParityRow[] = [
  {
    rule: 'D01.host-user-namespace',
    setting: "the host's user namespace",
    compose: composeService('userns_mode: host'),
    kubernetes: k8sDeployment('', 'hostUsers: true'),
    'docker-run': dockerRun('--userns=host'),
    engine: { field: 'HostConfig.UsernsMode', create: { HostConfig: { UsernsMode: 'host' } } },
  },
  {
    rule: 'D01.workload-root-user',
    setting: 'user 0',
    compose: composeService('user: "0"'),
    kubernetes: k8sDeployment('securityContext:\n  runAsUser: 0'),
    'docker-run': dockerRun('--user 0'),
    engine: { field: 'Config.User', evidence: '0', create: { User: '0' } },
  },
  {
    rule: 'D03.default-network',
    setting: "Docker's default bridge network",
    compose: composeService('network_mode: bridge'),
    engine: { field: 'HostConfig.NetworkMode', create: { HostConfig: { NetworkMode: 'bridge' } } },
    without: {
      kubernetes: 'pods have no Docker networks (D03.no-network-policy judges their namespace)',
      'docker-run': ONE_DEPLOYMENT,
    },
  },
  {
    rule: 'D03.host-network',
    setting: 'the host network',
    compose: composeService('network_mode: host'),
    kubernetes: k8sDeployment('', 'hostNetwork: true'),
    'docker-run': dockerRun('--network host'),
    engine: { field: 'HostConfig.NetworkMode', create: { HostConfig: { NetworkMode: 'host' } } },
  },
  {
    rule: 'D03.port-all-interfaces',
    setting: 'host port 8080 on every interface',
    compose: composeService('ports:\n  - "8080:80"'),
    'docker-run': dockerRun('-p 8080:80'),
    engine: {
      field: 'HostConfig.PortBindings',
      create: { HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } } },
    },
    without: { kubernetes: 'a hostPort is D03.host-port, whatever address it binds' },
  },
  {
    rule: 'D03.privileged-port',
    setting: 'host port 443',
    compose: composeService('ports:\n  - "127.0.0.1:443:8443"'),
    kubernetes: k8sDeployment('ports:\n  - containerPort: 8443\n    hostPort: 443'),
    'docker-run': dockerRun('-p 127.0.0.1:443:8443'),
    engine: {
      field: 'HostConfig.PortBindings',
      create: { HostConfig: { PortBindings: { '8443/tcp': [{ HostIp: '127.0.0.1', HostPort: '443' }] } } },
    },
  },
  {
    rule: 'D03.ssh-exposed',
    setting: 'container port 22 published',
    compose: composeService('ports:\n  - "127.0.0.1:2222:22"'),
    kubernetes: k8sDeployment('ports:\n  - containerPort: 22\n    hostPort: 2222'),
    'docker-run': dockerRun('-p 127.0.0.1:2222:22'),
    engine: {
      field: 'HostConfig.PortBindings',
      create: { HostConfig: { PortBindings: { '22/tcp': [{ HostIp: '127.0.0.1', HostPort: '2222' }] } } },
    },
  },
  {
    rule: 'D04.capabilities-not-dropped',
    setting: 'only NET_RAW dropped',
    compose: composeService('cap_drop: [NET_RAW]'),
    kubernetes: k8sDeployment('securityContext:\n  capabilities:\n    drop: [NET_RAW]'),
    'docker-run': dockerRun('--cap-drop NET_RAW'),
    engine: { field: 'HostConfig.CapDrop', create: { HostConfig: { CapDrop: ['NET_RAW'] } } },
  },
  {
    rule: 'D04.dangerous-capabilities',
    setting: 'SYS_ADMIN added',
    compose: composeService('cap_add: [SYS_ADMIN]'),
    kubernetes: k8sDeployment('securityContext:\n  capabilities:\n    add: [SYS_ADMIN]'),
    'docker-run': dockerRun('--cap-add SYS_ADMIN'),
    engine: { field: 'HostConfig.CapAdd', create: { HostConfig: { CapAdd: ['SYS_ADMIN'] } } },
  },
  {
    rule: 'D04.docker-socket-mount',
    setting: '/var/run/docker.sock mounted',
    compose: composeService('volumes:\n  - /var/run/docker.sock:/var/run/docker.sock'),
    kubernetes: k8sVolumeMount('mountPath: /var/run/docker.sock', 'hostPath:\n  path: /var/run/docker.sock'),
    'docker-run': dockerRun('-v /var/run/docker.sock:/var/run/docker.sock'),
    // Binds of a created container are not checked: the socket need not exist on this host.
    engine: {
      field: 'Mounts',
      create: { HostConfig: { Binds: ['/var/run/docker.sock:/var/run/docker.sock'] } },
    },
  },
  {
    rule: 'D04.host-devices',
    setting: 'host device /dev/fuse',
    compose: composeService('devices:\n  - /dev/fuse:/dev/fuse'),
    'docker-run': dockerRun('--device /dev/fuse'),
    engine: {
      field: 'HostConfig.Devices',
      create: {
        HostConfig: {
          Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }],
        },
      },
    },
    without: { kubernetes: 'a pod cannot name a host device (device plugins and privileged give them)' },
  },
  {
    rule: 'D04.host-ipc',
    setting: "the host's IPC namespace",
    compose: composeService('ipc: host'),
    kubernetes: k8sDeployment('', 'hostIPC: true'),
    'docker-run': dockerRun('--ipc host'),
    engine: { field: 'HostConfig.IpcMode', create: { HostConfig: { IpcMode: 'host' } } },
  },
  {
    rule: 'D04.host-pid',
    setting: "the host's PID namespace",
    compose: composeService('pid: host'),
    kubernetes: k8sDeployment('', 'hostPID: true'),
    'docker-run': dockerRun('--pid host'),
    engine: { field: 'HostConfig.PidMode', create: { HostConfig: { PidMode: 'host' } } },
  },
  {
    rule: 'D04.host-uts',
    setting: "the host's UTS namespace",
    compose: composeService('uts: host'),
    'docker-run': dockerRun('--uts host'),
    engine: { field: 'HostConfig.UTSMode', create: { HostConfig: { UTSMode: 'host' } } },
    without: { kubernetes: 'Kubernetes has no host UTS setting: pods always get their own' },
  },
  {
    rule: 'D04.mac-disabled',
    setting: 'AppArmor unconfined',
    compose: composeService('security_opt:\n  - apparmor:unconfined'),
    kubernetes: k8sDeployment('securityContext:\n  appArmorProfile:\n    type: Unconfined'),
    'docker-run': dockerRun('--security-opt apparmor=unconfined'),
    engine: {
      field: 'HostConfig.SecurityOpt',
      create: { HostConfig: { SecurityOpt: ['apparmor=unconfined'] } },
    },
  },
  {
    rule: 'D04.mount-propagation',
    setting: 'a bind mount with rshared propagation',
    compose: composeService('volumes:\n  - /mnt/data:/data:rshared'),
    kubernetes: k8sVolumeMount(
      'mountPath: /data\nmountPropagation: Bidirectional',
      'hostPath:\n  path: /mnt/data',
      'data',
    ),
    'docker-run': dockerRun('-v /mnt/data:/data:rshared'),
    engine: { field: 'Mounts', create: { HostConfig: { Binds: ['/mnt/data:/data:rshared'] } } },
  },
  {
    rule: 'D04.no-healthcheck',
    setting: 'health check disabled',
    compose: composeService('healthcheck:\n  disable: true'),
    'docker-run': dockerRun('--no-healthcheck'),
    // What `docker run --no-healthcheck` sends.
    engine: { field: 'Config.Healthcheck', create: { Healthcheck: { Test: ['NONE'] } } },
    without: { kubernetes: "Kubernetes ignores the image's HEALTHCHECK: there is nothing to disable" },
  },
  {
    rule: 'D04.no-new-privileges',
    setting: 'privilege escalation allowed explicitly',
    compose: composeService('security_opt:\n  - no-new-privileges:false'),
    kubernetes: k8sDeployment('securityContext:\n  allowPrivilegeEscalation: true'),
    'docker-run': dockerRun('--security-opt no-new-privileges=false'),
    engine: {
      field: 'HostConfig.SecurityOpt',
      create: { HostConfig: { SecurityOpt: ['no-new-privileges=false'] } },
    },
  },
  {
    rule: 'D04.privileged',
    setting: 'privileged',
    compose: composeService('privileged: true'),
    kubernetes: k8sDeployment('securityContext:\n  privileged: true'),
    'docker-run': dockerRun('--privileged'),
    engine: { field: 'HostConfig.Privileged', create: { HostConfig: { Privileged: true } } },
  },
  {
    rule: 'D04.proc-mount-unmasked',
    setting: '/proc unmasked (systempaths=unconfined)',
    compose: composeService('security_opt:\n  - systempaths=unconfined'),
    kubernetes: k8sDeployment('securityContext:\n  procMount: Unmasked', 'hostUsers: false'),
    'docker-run': dockerRun('--security-opt systempaths=unconfined'),
    // The Docker CLI turns `--security-opt systempaths=unconfined` into empty MaskedPaths and ReadonlyPaths;
    // the Engine API itself refuses the option ("invalid --security-opt 2").
    engine: {
      field: 'HostConfig.MaskedPaths',
      create: { HostConfig: { MaskedPaths: [], ReadonlyPaths: [] } },
    },
  },
  {
    rule: 'D04.seccomp-disabled',
    setting: 'seccomp unconfined',
    compose: composeService('security_opt:\n  - seccomp:unconfined'),
    kubernetes: k8sDeployment('securityContext:\n  seccompProfile:\n    type: Unconfined'),
    'docker-run': dockerRun('--security-opt seccomp=unconfined'),
    engine: {
      field: 'HostConfig.SecurityOpt',
      create: { HostConfig: { SecurityOpt: ['seccomp=unconfined'] } },
    },
  },
  {
    rule: 'D04.sensitive-mount',
    setting: "the host's /etc mounted read-only",
    compose: composeService('volumes:\n  - /etc:/host-etc:ro'),
    kubernetes: k8sVolumeMount('mountPath: /host-etc\nreadOnly: true', 'hostPath:\n  path: /etc', 'etc'),
    'docker-run': dockerRun('-v /etc:/host-etc:ro'),
    engine: { field: 'Mounts', create: { HostConfig: { Binds: ['/etc:/host-etc:ro'] } } },
  },
  {
    rule: 'D04.unsafe-sysctl',
    setting: 'sysctl kernel.msgmax',
    compose: composeService('sysctls:\n  kernel.msgmax: "65536"'),
    kubernetes: k8sDeployment(
      '',
      'securityContext:\n  sysctls:\n    - name: kernel.msgmax\n      value: "65536"',
    ),
    'docker-run': dockerRun('--sysctl kernel.msgmax=65536'),
    engine: {
      field: 'HostConfig.Sysctls',
      create: { HostConfig: { Sysctls: { 'kernel.msgmax': '65536' } } },
    },
  },
  {
    rule: 'D05.mixed-environments',
    setting: 'a staging workload beside a production one',
    compose: [
      'name: shop',
      'services:',
      '  web:',
      '    image: registry.example.com/app:1.0',
      '    labels: { env: prod }',
      '  web-staging:',
      '    image: registry.example.com/app:1.0',
      '    labels: { env: staging }',
      '',
    ].join('\n'),
    kubernetes: k8sPods(['web', '{ env: prod }'], ['web-staging', '{ env: staging }']),
    // The engine is one deployment: the staging container (the row's) is reported, beside a production one.
    engine: {
      field: null,
      create: { Labels: { env: 'staging' } },
      companions: { 'd05-mixed-environments-prod': { Labels: { env: 'prod' } } },
    },
    without: { 'docker-run': ONE_DEPLOYMENT },
  },
  {
    rule: 'D05.mixed-tiers-network',
    setting: 'a front-end and a database on one network',
    compose: [
      'name: shop',
      'services:',
      '  web:',
      '    image: registry.example.com/app:1.0',
      '    labels: { tier: frontend }',
      '    networks: [tiers]',
      '  db:',
      '    image: registry.example.com/app:1.0',
      '    labels: { tier: db }',
      '    networks: [tiers]',
      'networks:',
      '  tiers: {}',
      '',
    ].join('\n'),
    // Kubernetes: one namespace with no NetworkPolicy between the tiers.
    kubernetes: k8sPods(['web', '{ tier: frontend }'], ['db', '{ tier: db }']),
    // Reported at the network that joins them, as compose reports its declaration.
    engine: {
      field: null,
      networks: ['d05-tiers'],
      create: { Labels: { tier: 'frontend' }, HostConfig: { NetworkMode: 'd05-tiers' } },
      companions: {
        'd05-mixed-tiers-network-db': { Labels: { tier: 'db' }, HostConfig: { NetworkMode: 'd05-tiers' } },
      },
      reportedAt: 'network/d05-tiers',
    },
    without: { 'docker-run': ONE_DEPLOYMENT },
  },
  {
    rule: 'D05.untrusted-registry',
    setting: `image ${BUSYBOX} (docker.io; TEST_SETTINGS allow registry.example.com only)`,
    compose: withImage(composeService(''), BUSYBOX),
    kubernetes: withImage(k8sDeployment(''), BUSYBOX),
    'docker-run': withImage(dockerRun(''), BUSYBOX),
    engine: { field: 'Config.Image', create: { Image: BUSYBOX } },
  },
  {
    rule: 'D06.secret-in-env',
    setting: 'a literal API token in the environment',
    compose: composeService('environment:\n  API_TOKEN: q8Zr2LmX9vT4kP7wN3bY6cJ1'),
    kubernetes: k8sDeployment('env:\n  - name: API_TOKEN\n    value: q8Zr2LmX9vT4kP7wN3bY6cJ1'),
    'docker-run': dockerRun('-e API_TOKEN=q8Zr2LmX9vT4kP7wN3bY6cJ1'),
    engine: { field: 'Config.Env', create: { Env: ['API_TOKEN=q8Zr2LmX9vT4kP7wN3bY6cJ1'] } },
  },
  {
    rule: 'D07.no-cpu-limit',
    setting: 'no CPU limit (nothing set)',
    compose: composeService(''),
    kubernetes: k8sDeployment(''),
    'docker-run': dockerRun(''),
    engine: { field: null, create: {} },
  },
  {
    rule: 'D07.no-memory-limit',
    setting: 'no memory limit (nothing set)',
    compose: composeService(''),
    kubernetes: k8sDeployment(''),
    'docker-run': dockerRun(''),
    engine: { field: null, create: {} },
  },
  {
    rule: 'D07.no-pids-limit',
    setting: 'no PIDs limit (nothing set)',
    compose: composeService(''),
    'docker-run': dockerRun(''),
    engine: { field: null, create: {} },
    without: { kubernetes: "Kubernetes has no per-container PIDs limit: only the kubelet's podPidsLimit" },
  },
  {
    rule: 'D07.oom-kill-disabled',
    setting: 'OOM killer disabled, no memory limit',
    compose: composeService('oom_kill_disable: true'),
    'docker-run': dockerRun('--oom-kill-disable'),
    engine: {
      field: 'HostConfig.OomKillDisable',
      create: { HostConfig: { OomKillDisable: true } },
      unsupported: {
        feature: 'OomKillDisable',
        reason:
          'the kernel cannot disable the OOM killer per container (cgroup v2): dockerd discards the setting at create',
        discarded: (inspect) => inspect.HostConfig?.OomKillDisable !== true,
      },
    },
    without: { kubernetes: 'a pod cannot turn the OOM killer off' },
  },
  {
    rule: 'D07.restart-unbounded',
    setting: 'restart always',
    compose: composeService('restart: always'),
    'docker-run': dockerRun('--restart always'),
    engine: {
      field: 'HostConfig.RestartPolicy',
      create: { HostConfig: { RestartPolicy: { Name: 'always' } } },
    },
    without: { kubernetes: "a pod's restartPolicy restarts with a back-off: the rule leaves it out" },
  },
  {
    rule: 'D07.swap-unlimited',
    setting: '256 MiB of memory, unlimited swap',
    compose: composeService('mem_limit: 256m\nmemswap_limit: -1'),
    'docker-run': dockerRun('-m 256m --memory-swap -1'),
    engine: {
      field: 'HostConfig.MemorySwap',
      create: { HostConfig: { Memory: 256 * 1024 * 1024, MemorySwap: -1 } },
    },
    without: { kubernetes: 'Kubernetes has no per-container swap limit' },
  },
  {
    rule: 'D08.latest-tag',
    setting: `image ${BUSYBOX_LATEST}`,
    compose: withImage(composeService(''), BUSYBOX_LATEST),
    kubernetes: withImage(k8sDeployment(''), BUSYBOX_LATEST),
    'docker-run': withImage(dockerRun(''), BUSYBOX_LATEST),
    engine: { field: 'Config.Image', create: { Image: BUSYBOX_LATEST } },
  },
  {
    rule: 'D08.no-digest',
    setting: `image ${BUSYBOX} (a tag, no digest)`,
    compose: withImage(composeService(''), BUSYBOX),
    kubernetes: withImage(k8sDeployment(''), BUSYBOX),
    'docker-run': withImage(dockerRun(''), BUSYBOX),
    engine: { field: 'Config.Image', create: { Image: BUSYBOX } },
  },
  {
    rule: 'D09.writable-host-mount',
    setting: 'host path /srv/data mounted writable',
    compose: composeService('volumes:\n  - /srv/data:/data'),
    kubernetes: k8sVolumeMount('mountPath: /data', 'hostPath:\n  path: /srv/data', 'data'),
    'docker-run': dockerRun('-v /srv/data:/data'),
    engine: { field: 'Mounts', create: { HostConfig: { Binds: ['/srv/data:/data'] } } },
  },
  {
    rule: 'D09.writable-rootfs',
    setting: 'root filesystem writable explicitly',
    compose: composeService('read_only: false'),
    kubernetes: k8sDeployment('securityContext:\n  readOnlyRootFilesystem: false'),
    'docker-run': dockerRun('--read-only=false'),
    engine: { field: 'HostConfig.ReadonlyRootfs', create: { HostConfig: { ReadonlyRootfs: false } } },
  },
  {
    rule: 'D10.log-rotation-missing',
    setting: 'json-file logging without max-size',
    compose: composeService('logging:\n  driver: json-file'),
    'docker-run': dockerRun('--log-driver json-file'),
    engine: {
      field: 'HostConfig.LogConfig',
      create: { HostConfig: { LogConfig: { Type: 'json-file', Config: {} } } },
    },
    without: { kubernetes: 'the kubelet rotates container logs, not the pod spec' },
  },
  {
    rule: 'D10.logging-disabled',
    setting: 'logging driver none',
    compose: composeService('logging:\n  driver: none'),
    'docker-run': dockerRun('--log-driver none'),
    engine: {
      field: 'HostConfig.LogConfig',
      create: { HostConfig: { LogConfig: { Type: 'none', Config: {} } } },
    },
    without: { kubernetes: 'a pod cannot turn its logs off' },
  },
];

const judgesWorkloads = (rule: AnyRule) => rule.subject === 'workload' || rule.subject === 'deployment';
const judgesFiles = (rule: AnyRule) => FILE_FORMS.some((form) => (rule.targets as Target[]).includes(form));

/**
 * The rules the table must cover: every rule over workloads (or the deployments that group them) that judges
 * a live engine and files. A rule given the `engine` target later fails "has a row for every rule" until it
 * gets one.
 */
const COVERED: readonly AnyRule[] = ALL_RULES.filter(
  (rule) => judgesWorkloads(rule) && rule.targets.includes('engine') && judgesFiles(rule),
);
/** Rules only a live engine can judge (running processes, image age, drift): no file form to compare. */
const ENGINE_ONLY: readonly AnyRule[] = ALL_RULES.filter(
  (rule) => judgesWorkloads(rule) && rule.targets.includes('engine') && !judgesFiles(rule),
);

function ruleFor(id: string): AnyRule {
  const rules = COVERED.filter((rule) => rule.id === id);
  expect(rules, `one workload rule ${id} that targets the engine`).toHaveLength(1);
  return rules[0]!;
}

/** `D04.privileged` → `d04-privileged`: the row's container name. */
function containerName(row: ParityRow): string {
  return row.rule.toLowerCase().replace('.', '-');
}

function formsOf(row: ParityRow): Form[] {
  return FORMS.filter((form) => row[form] !== undefined);
}

const HARDENED = 'hardened';

describe('workload rules: one table for compose, Kubernetes, docker run and a live container', () => {
  it('has a row for every workload rule that judges files and the engine, and only those', () => {
    expect(ROWS.map((row) => row.rule).sort()).toEqual([...new Set(COVERED.map((rule) => rule.id))].sort());
    expect(new Set(ROWS.map((row) => row.rule)).size).toBe(ROWS.length);
  });

  it('leaves out only the rules that judge nothing but a live engine (and images, judged apart)', () => {
    for (const rule of ENGINE_ONLY)
      expect(
        rule.targets.filter((target) => target !== 'image'),
        rule.id,
      ).toEqual(['engine']);
  });

  describe.each(ROWS.map((row) => [row.rule, row] as const))('%s', (id, row) => {
    it("gives exactly the forms of the rule's targets, with a reason for every other", () => {
      const rule = ruleFor(id);
      const targeted = FORMS.filter((form) => (rule.targets as Target[]).includes(form));
      expect(formsOf(row), 'forms given').toEqual(targeted);
      const without = Object.keys(row.without ?? {}).sort();
      expect(without, 'forms left out, each with a reason').toEqual(
        FORMS.filter((form) => !targeted.includes(form)).sort(),
      );
      for (const reason of Object.values(row.without ?? {})) expect(reason.trim()).not.toBe('');
    });

    for (const form of FILE_FORMS.filter((f) => row[f] !== undefined))
      it(`fires on the ${form} form`, async () => {
        const findings = await findingsFor(ruleFor(id), form, row[form]!);
        expect(findings.length, `${id} on ${row.setting} in ${form}`).toBeGreaterThan(0);
        for (const finding of findings) expect(isSourceLocation(finding.location)).toBe(true);
      });
  });
});

engineDescribe('workload rules on live containers (one private dockerd, one read)', () => {
  let engine: TestEngine;
  let features: EngineFeatures;
  let read: EngineRead;
  let findings: Finding[];
  const inspects = new Map<string, InspectedContainer>();
  const engineRows = ROWS.filter((row) => row.engine !== undefined);

  beforeAll(async () => {
    engine = await startEngine();
    const [image] = await Promise.all([busyboxImage(engine), busyboxImage(engine, BUSYBOX_LATEST)]);
    features = (await engine.request<EngineFeatures>('GET', '/info')).json;
    for (const network of engineRows.flatMap((row) => row.engine!.networks ?? [])) {
      const res = await engine.request('POST', '/networks/create', { Name: network, Driver: 'bridge' });
      if (res.status !== 201) throw new Error(`creating network ${network}: HTTP ${res.status}: ${res.text}`);
    }
    const specs: [string, ContainerSpec][] = engineRows.flatMap((row) => {
      const { create, companions = {} } = row.engine!;
      const bodies: [string, Partial<ContainerSpec>][] = [
        [containerName(row), create],
        ...Object.entries(companions),
      ];
      return bodies.map(([name, body]): [string, ContainerSpec] => [
        name,
        { ...body, Image: body.Image ?? BUSYBOX },
      ]);
    });
    // Every hardening the table's rules look for: from the image id (content-addressed, no registry or tag
    // to judge), a user, capabilities dropped, no-new-privileges, read-only, limits, a bounded restart, a
    // rotated log, a health check, no network. Swap is limited with memory only where the kernel can limit
    // swap at all (without it dockerd sets MemorySwap to -1, and the swap is truly unlimited).
    specs.push([
      HARDENED,
      {
        Image: image,
        User: '10001:10001',
        Healthcheck: { Test: ['CMD', 'true'] },
        HostConfig: {
          CapDrop: ['ALL'],
          SecurityOpt: ['no-new-privileges'],
          ReadonlyRootfs: true,
          ...(features.SwapLimit === false ? {} : { Memory: 64 * 1024 * 1024, MemorySwap: 64 * 1024 * 1024 }),
          NanoCpus: 500_000_000,
          PidsLimit: 100,
          RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
          LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
          NetworkMode: 'none',
        },
      },
    ]);
    await mapBounded(specs, 4, async ([name, body]) => {
      const id = await createContainer(engine, name, body);
      inspects.set(name, await inspectContainer<InspectedContainer>(engine, id));
    });

    // One read, as `dt10 scan --engine` makes it, judged with every rule of the table. In process rather than
    // through the CLI so that TEST_SETTINGS apply (D05.untrusted-registry needs an allow-list).
    const subjects: Subject[] = [];
    read = await readEngine(
      await parseEndpoint(engine.url, {}, {}),
      { concurrency: 16, timeoutMs: 10_000, processes: false },
      (some) => subjects.push(...some),
    );
    const evaluation = evaluate(subjects, new RuleSet([...COVERED]), {
      now: TEST_NOW,
      settings: TEST_SETTINGS,
    });
    expect(evaluation.errors).toEqual([]);
    findings = evaluation.findings;
  }, 180_000);

  afterAll(() => engine?.stop(), 60_000);

  it('reads every container of the table in one pass', () => {
    expect(read.errors).toEqual([]);
    expect(read.reachable).toBe(true);
    expect(read.containers).toBe(inspects.size);
  });

  const firedAt = (id: string, object: string) =>
    findings.filter(
      (f) =>
        f.ruleId === id &&
        isEngineLocation(f.location) &&
        f.location.engine === engine.url &&
        f.location.object === object,
    );

  for (const row of engineRows) {
    const name = containerName(row);
    const { reportedAt = `container/${name}`, field, evidence, unsupported } = row.engine!;
    it(`${row.rule} fires on the live container ${name} (${row.setting})`, ({ annotate }) => {
      if (unsupported && features[unsupported.feature] === false) {
        // Said and asserted, never skipped: the engine dropped the setting, so the container does not hold it.
        void annotate(`${row.rule}: not expressible on this engine: ${unsupported.reason}`);
        expect(unsupported.discarded(inspects.get(name)!), 'the engine discarded the setting').toBe(true);
        expect(firedAt(row.rule, reportedAt)).toEqual([]);
        return;
      }
      const fired = firedAt(row.rule, reportedAt);
      expect(
        fired.length,
        `${row.rule} at ${reportedAt}; it fired at: ${
          findings
            .filter((f) => f.ruleId === row.rule)
            .map((f) => (isSourceLocation(f.location) ? f.location.path : f.location.object))
            .join(', ') || 'nowhere'
        }`,
      ).toBeGreaterThan(0);
      expect(
        fired.map((f) => ({
          field: (!isSourceLocation(f.location) && f.location.field) || null,
          ...(evidence === undefined ? {} : { evidence: f.evidence }),
        })),
        'read from the field that holds the setting',
      ).toContainEqual({ field, ...(evidence === undefined ? {} : { evidence }) });
    });
  }

  it('reports none of these rules on the hardened container', () => {
    expect(
      findings
        .filter((f) => !isSourceLocation(f.location) && f.location.object === `container/${HARDENED}`)
        .map((f) => `${f.ruleId}: ${f.message}`),
    ).toEqual([]);
  });
});
