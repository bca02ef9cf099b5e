// Kubernetes manifests → one Workload per container (pod context kept) and the NetworkPolicies,
// for every kind that carries a pod template, at the depth that kind keeps it.
import type { Located, SourceLocation } from '../../core/location.js';
import type { ConfigMap, NamespacedObject, NetworkPolicy } from '../../subjects/deployment.js';
import type { EnvVar, SecretRef, Workload, WorkloadMount } from '../../subjects/workload.js';
import { parseImageRef } from '../image-ref/parse.js';
import {
  asArray,
  asBoolean,
  asMapping,
  asScalarString,
  type Mapping,
  normalizeCapability,
} from '../shared/values.js';
import type { DirectiveProblem, IgnoreDirective } from '../../core/directive.js';
import { END_OF_FILE, parseIgnoreAnnotation } from '../shared/ignore-directives.js';
import { newWorkload } from '../shared/workload-builder.js';
import type { YamlPositions } from '../yaml/positions.js';

export interface KubernetesObjects {
  workloads: Workload[];
  networkPolicies: NetworkPolicy[];
  resourceControls: NamespacedObject[];
  configMaps: ConfigMap[];
  serviceAccounts: ServiceAccount[];
  /** `dt10.io/ignore` annotations, each covering the lines of its object. */
  ignores: IgnoreDirective[];
  ignoreProblems: DirectiveProblem[];
}

const IGNORE_ANNOTATION = 'dt10.io/ignore';

/** A ServiceAccount's own token setting, which its pods take unless they set their own. */
export interface ServiceAccount extends NamespacedObject {
  automountServiceAccountToken?: Located<boolean>;
}

export function looksLikeKubernetes(document: unknown): boolean {
  const mapping = asMapping(document);
  return typeof mapping?.apiVersion === 'string' && typeof mapping.kind === 'string';
}

/** Where each kind keeps its pod template (`metadata` + `spec` of the pod). */
function podTemplate(object: Mapping): Mapping | undefined {
  const spec = asMapping(object.spec);
  switch (object.kind) {
    case 'Pod':
      return object;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      return asMapping(spec?.template);
    case 'CronJob':
      return asMapping(asMapping(asMapping(spec?.jobTemplate)?.spec)?.template);
    case 'PodTemplate':
      return asMapping(object.template);
    default:
      return undefined;
  }
}

export function loadKubernetes(
  documents: unknown[],
  positions: YamlPositions,
  path: string,
): KubernetesObjects {
  const result: KubernetesObjects = {
    workloads: [],
    networkPolicies: [],
    resourceControls: [],
    configMaps: [],
    serviceAccounts: [],
    ignores: [],
    ignoreProblems: [],
  };
  // YAML anchors can make a List its own item: read each object once.
  const seen = new Set<object>();
  const starts: number[] = [];
  const annotated: { object: Mapping; value: string; from: number }[] = [];
  const visit = (document: unknown): void => {
    const object = asMapping(document);
    if (!object || typeof object.kind !== 'string' || seen.has(object)) return;
    seen.add(object);
    if (object.kind === 'List' || object.kind.endsWith('List')) {
      for (const item of asArray(object.items)) visit(item);
      return;
    }
    const start = positions.of(object)?.line ?? 1;
    starts.push(start);
    const ignore = asMapping(asMapping(object.metadata)?.annotations)?.[IGNORE_ANNOTATION];
    if (typeof ignore === 'string') annotated.push({ object, value: ignore, from: start });
    const reader = new ObjectReader(object, positions, path);
    if (object.kind === 'NetworkPolicy') {
      result.networkPolicies.push(reader.networkPolicy());
      return;
    }
    if (object.kind === 'LimitRange' || object.kind === 'ResourceQuota') {
      result.resourceControls.push(reader.namespaced());
      return;
    }
    if (object.kind === 'ServiceAccount') {
      result.serviceAccounts.push(reader.serviceAccount());
      return;
    }
    if (object.kind === 'ConfigMap') {
      result.configMaps.push(reader.configMap());
      return;
    }
    result.workloads.push(...reader.workloads());
  };
  for (const document of documents) visit(document);
  // An object's lines run to the line before the next object starts.
  starts.sort((a, b) => a - b);
  for (const { object, value, from } of annotated) {
    const next = starts.find((line) => line > from);
    const at = positions.value(asMapping(asMapping(object.metadata)?.annotations), IGNORE_ANNOTATION) ?? {
      path,
      line: from,
      column: 1,
    };
    const parsed = parseIgnoreAnnotation(value, at, {
      from,
      to: next === undefined ? END_OF_FILE : next - 1,
    });
    result.ignores.push(...parsed.directives);
    result.ignoreProblems.push(...parsed.problems);
  }
  return result;
}

interface SecurityFields {
  runAsUser?: Located<string>;
  runAsGroup?: Located<string>;
  runAsNonRoot?: Located<boolean>;
  /** Normalized by `profileName`. */
  seccompProfile?: Located<string>;
  selinuxType?: Located<string>;
  apparmorProfile?: Located<string>;
}

/**
 * `seccompProfile` / `appArmorProfile` types, and the annotations that preceded them, in the model's
 * names: `unconfined`, `runtime/default`, `localhost/<profile>`.
 */
function profileName(type: string, localhostProfile: string | undefined): string {
  const lower = type.toLowerCase();
  if (lower === 'runtimedefault' || lower === 'docker/default') return 'runtime/default';
  if (lower === 'localhost')
    return localhostProfile === undefined ? 'localhost' : `localhost/${localhostProfile}`;
  return lower.startsWith('localhost/') ? `localhost/${type.slice('localhost/'.length)}` : lower;
}

class ObjectReader {
  private readonly metadata: Mapping;
  private readonly namespace: string;
  private readonly objectName: string;
  private readonly objectAt: SourceLocation;

  constructor(
    private readonly object: Mapping,
    private readonly positions: YamlPositions,
    path: string,
  ) {
    this.metadata = asMapping(object.metadata) ?? {};
    this.namespace = asScalarString(this.metadata.namespace) ?? 'default';
    this.objectName = asScalarString(this.metadata.name) ?? '(unnamed)';
    this.objectAt = positions.key(object, 'kind') ?? positions.of(object) ?? { path, line: 1, column: 1 };
  }

  private at(mapping: unknown, key: string, fallback: SourceLocation = this.objectAt): SourceLocation {
    return this.positions.key(mapping, key) ?? this.positions.of(mapping) ?? fallback;
  }

  private located<T>(
    mapping: Mapping | undefined,
    key: string,
    value: T | undefined,
  ): Located<T> | undefined {
    return mapping && value !== undefined ? { value, at: this.at(mapping, key) } : undefined;
  }

  namespaced(): NamespacedObject {
    return {
      kind: String(this.object.kind),
      name: this.objectName,
      namespace: this.namespace,
      at: this.objectAt,
    };
  }

  serviceAccount(): ServiceAccount {
    const automount = this.located(
      this.object,
      'automountServiceAccountToken',
      asBoolean(this.object.automountServiceAccountToken),
    );
    return { ...this.namespaced(), ...(automount ? { automountServiceAccountToken: automount } : {}) };
  }

  configMap(): ConfigMap {
    const data = asMapping(this.object.data) ?? {};
    return {
      ...this.namespaced(),
      data: Object.entries(data).map(([key, value]) => ({
        key,
        value: asScalarString(value) ?? '',
        at: this.positions.key(data, key) ?? this.objectAt,
      })),
    };
  }

  networkPolicy(): NetworkPolicy {
    const selectorSpec = asMapping(asMapping(this.object.spec)?.podSelector);
    const podSelector: Record<string, string> = {};
    for (const [k, v] of Object.entries(asMapping(selectorSpec?.matchLabels) ?? {}))
      podSelector[k] = asScalarString(v) ?? '';
    const podSelectorExpressions = asArray(selectorSpec?.matchExpressions).flatMap((entry) => {
      const expression = asMapping(entry);
      const key = asScalarString(expression?.key);
      const operator = asScalarString(expression?.operator);
      if (!expression || key === undefined || operator === undefined) return [];
      const values = asArray(expression.values).flatMap((v) => asScalarString(v) ?? []);
      return [{ key, operator, values }];
    });
    return {
      name: this.objectName,
      namespace: this.namespace,
      podSelector,
      podSelectorExpressions,
      at: this.objectAt,
    };
  }

  workloads(): Workload[] {
    const template = podTemplate(this.object);
    const podSpec = asMapping(template?.spec);
    if (!template || !podSpec) return [];
    const podMeta = asMapping(template.metadata) ?? {};
    // Only the pod's own annotations count: a Deployment's metadata is not copied to its pods.
    const annotations = asMapping(podMeta.annotations) ?? {};
    const labels: Record<string, string> = {};
    for (const source of [asMapping(this.metadata.labels), asMapping(podMeta.labels)])
      for (const [k, v] of Object.entries(source ?? {})) labels[k] = asScalarString(v) ?? '';
    const podSecurity = this.securityFields(asMapping(podSpec.securityContext));
    const podSeccompAnnotation = this.annotation(annotations, 'seccomp.security.alpha.kubernetes.io/pod');
    if (!podSecurity.seccompProfile && podSeccompAnnotation)
      podSecurity.seccompProfile = podSeccompAnnotation;
    const volumes = new Map<string, Mapping>();
    for (const volume of asArray(podSpec.volumes)) {
      const v = asMapping(volume);
      const name = asScalarString(v?.name);
      if (v && name) volumes.set(name, v);
    }
    const workloads: Workload[] = [];
    for (const listKey of ['initContainers', 'containers', 'ephemeralContainers']) {
      const list = asArray(podSpec[listKey]);
      list.forEach((entry, index) => {
        const container = asMapping(entry);
        if (!container) return;
        workloads.push(
          this.container(container, this.positions.item(podSpec[listKey], index), {
            podSpec,
            podSecurity,
            annotations,
            labels,
            volumes,
            listKey,
          }),
        );
      });
    }
    return workloads;
  }

  /** A profile annotation (`seccomp.security.alpha…`, `container.apparmor.security.beta…`), normalized. */
  private annotation(annotations: Mapping, key: string): Located<string> | undefined {
    const value = asScalarString(annotations[key]);
    return value === undefined
      ? undefined
      : { value: profileName(value, undefined), at: this.at(annotations, key) };
  }

  /** `seccompProfile` / `appArmorProfile` of a security context. */
  private profile(context: Mapping, key: string): Located<string> | undefined {
    const profile = asMapping(context[key]);
    const type = asScalarString(profile?.type);
    if (!profile || type === undefined) return undefined;
    return {
      value: profileName(type, asScalarString(profile.localhostProfile)),
      at: this.at(profile, 'type'),
    };
  }

  private securityFields(context: Mapping | undefined): SecurityFields {
    const fields: SecurityFields = {};
    if (!context) return fields;
    const user = this.located(context, 'runAsUser', asScalarString(context.runAsUser));
    if (user) fields.runAsUser = user;
    const group = this.located(context, 'runAsGroup', asScalarString(context.runAsGroup));
    if (group) fields.runAsGroup = group;
    const nonRoot = this.located(context, 'runAsNonRoot', asBoolean(context.runAsNonRoot));
    if (nonRoot) fields.runAsNonRoot = nonRoot;
    const seccomp = this.profile(context, 'seccompProfile');
    if (seccomp) fields.seccompProfile = seccomp;
    const selinux = asMapping(context.seLinuxOptions);
    const selinuxType = this.located(selinux, 'type', asScalarString(selinux?.type));
    if (selinuxType) fields.selinuxType = selinuxType;
    const apparmor = this.profile(context, 'appArmorProfile');
    if (apparmor) fields.apparmorProfile = apparmor;
    return fields;
  }

  private container(
    container: Mapping,
    containerAt: SourceLocation | undefined,
    pod: {
      podSpec: Mapping;
      podSecurity: SecurityFields;
      annotations: Mapping;
      labels: Record<string, string>;
      volumes: Map<string, Mapping>;
      listKey: string;
    },
  ): Workload {
    const containerName = asScalarString(container.name) ?? '(unnamed)';
    const kind = String(this.object.kind);
    const at = this.at(container, 'name', containerAt ?? this.objectAt);
    const prefix =
      pod.listKey === 'containers' ? 'container' : pod.listKey.replace(/s$/, '').replace('C', ' c');
    const w = newWorkload(
      'kubernetes',
      `${kind}/${this.objectName}/${containerName}`,
      `${prefix} "${containerName}" of ${kind}/${this.objectName}${this.namespace === 'default' ? '' : ` (namespace ${this.namespace})`}`,
      at,
      'unconfined',
    );
    w.namespace = this.namespace;
    w.deployment = `namespace ${this.namespace}`;
    w.pidsLimitConfigurable = false;
    w.labels = pod.labels;
    const image = asScalarString(container.image);
    if (image !== undefined) w.image = { value: parseImageRef(image), at: this.at(container, 'image') };

    const securityContext = asMapping(container.securityContext);
    const own = this.securityFields(securityContext);
    // The container's fields win over the pod's; the deprecated per-container annotations come between.
    const containerSeccomp = this.annotation(
      pod.annotations,
      `container.seccomp.security.alpha.kubernetes.io/${containerName}`,
    );
    const containerApparmor = this.annotation(
      pod.annotations,
      `container.apparmor.security.beta.kubernetes.io/${containerName}`,
    );
    const effective: SecurityFields = {
      ...pod.podSecurity,
      ...(containerSeccomp ? { seccompProfile: containerSeccomp } : {}),
      ...(containerApparmor ? { apparmorProfile: containerApparmor } : {}),
      ...own,
    };
    if (effective.runAsUser) w.user = effective.runAsUser;
    if (effective.runAsGroup) w.group = effective.runAsGroup;
    if (effective.runAsNonRoot) w.runAsNonRoot = effective.runAsNonRoot;
    if (effective.seccompProfile) w.seccompProfile = effective.seccompProfile;
    if (effective.selinuxType?.value === 'spc_t')
      w.selinuxDisabled = { value: true, at: effective.selinuxType.at };
    if (effective.apparmorProfile) w.apparmorProfile = effective.apparmorProfile;
    if (securityContext) {
      const privileged = this.located(securityContext, 'privileged', asBoolean(securityContext.privileged));
      if (privileged) w.privileged = privileged;
      const escalation = asBoolean(securityContext.allowPrivilegeEscalation);
      if (escalation !== undefined)
        w.noNewPrivileges = { value: !escalation, at: this.at(securityContext, 'allowPrivilegeEscalation') };
      const readOnly = this.located(
        securityContext,
        'readOnlyRootFilesystem',
        asBoolean(securityContext.readOnlyRootFilesystem),
      );
      if (readOnly) w.readOnlyRootfs = readOnly;
      const capabilities = asMapping(securityContext.capabilities);
      if (capabilities) {
        w.capAdd = this.capabilityList(capabilities, 'add');
        w.capDrop = this.capabilityList(capabilities, 'drop');
      }
    }
    const spec = pod.podSpec;
    for (const [field, key] of [
      ['networkMode', 'hostNetwork'],
      ['pidMode', 'hostPID'],
      ['ipcMode', 'hostIPC'],
    ] as const) {
      const value = asBoolean(spec[key]);
      if (value !== undefined) w[field] = { value: value ? 'host' : 'private', at: this.at(spec, key) };
    }
    const hostUsers = asBoolean(spec.hostUsers);
    if (hostUsers !== undefined)
      w.usernsMode = { value: hostUsers ? 'host' : 'private', at: this.at(spec, 'hostUsers') };
    const restartPolicy = this.located(spec, 'restartPolicy', asScalarString(spec.restartPolicy));
    if (restartPolicy) w.restart = restartPolicy;
    const automount = this.located(
      spec,
      'automountServiceAccountToken',
      asBoolean(spec.automountServiceAccountToken),
    );
    if (automount) w.automountServiceAccountToken = automount;
    w.serviceAccountName =
      asScalarString(spec.serviceAccountName) ?? asScalarString(spec.serviceAccount) ?? 'default';
    const pullPolicy = this.located(container, 'imagePullPolicy', asScalarString(container.imagePullPolicy));
    if (pullPolicy) w.imagePullPolicy = pullPolicy;
    const procMount = this.located(securityContext, 'procMount', asScalarString(securityContext?.procMount));
    if (procMount) w.procMount = procMount;

    this.readMounts(w, container, pod.volumes);
    this.readPorts(w, container);
    this.readResources(w, container);
    w.env = this.readEnv(container);
    w.secrets = this.readSecrets(w, container, pod.volumes);
    w.sysctls = this.readSysctls(asMapping(spec.securityContext));
    const probe = ['livenessProbe', 'readinessProbe', 'startupProbe'].find((key) =>
      asMapping(container[key]),
    );
    if (probe) w.healthcheck = { disabled: false, test: probe, at: this.at(container, probe) };
    return w;
  }

  /** Secrets the container sees: mounted secret volumes and `envFrom: secretRef`. */
  private readSecrets(w: Workload, container: Mapping, volumes: Map<string, Mapping>): SecretRef[] {
    const secrets: SecretRef[] = [];
    const mounts = container.volumeMounts;
    asArray(mounts).forEach((entry, index) => {
      const volume = volumes.get(asScalarString(asMapping(entry)?.name) ?? '');
      const secretName = asScalarString(asMapping(volume?.secret)?.secretName);
      if (secretName !== undefined)
        secrets.push({ value: secretName, delivery: 'file', at: this.positions.item(mounts, index) ?? w.at });
    });
    const envFrom = container.envFrom;
    asArray(envFrom).forEach((entry, index) => {
      const name = asScalarString(asMapping(asMapping(entry)?.secretRef)?.name);
      if (name !== undefined)
        secrets.push({
          value: name,
          delivery: 'environment',
          at: this.positions.item(envFrom, index) ?? w.at,
        });
    });
    return secrets;
  }

  private readSysctls(podSecurityContext: Mapping | undefined): Workload['sysctls'] {
    const sysctls = podSecurityContext?.sysctls;
    return asArray(sysctls).flatMap((entry, index) => {
      const sysctl = asMapping(entry);
      const name = asScalarString(sysctl?.name);
      if (!sysctl || name === undefined) return [];
      return [
        {
          name,
          value: asScalarString(sysctl.value) ?? '',
          at: this.positions.item(sysctls, index) ?? this.at(podSecurityContext, 'sysctls'),
        },
      ];
    });
  }

  private capabilityList(capabilities: Mapping, key: 'add' | 'drop'): Located<string>[] {
    const list = capabilities[key];
    return asArray(list).flatMap((entry, index) => {
      const name = asScalarString(entry);
      return name === undefined
        ? []
        : [
            {
              value: normalizeCapability(name),
              at: this.positions.item(list, index) ?? this.at(capabilities, key),
            },
          ];
    });
  }

  private readMounts(w: Workload, container: Mapping, volumes: Map<string, Mapping>): void {
    const mounts = container.volumeMounts;
    asArray(mounts).forEach((entry, index) => {
      const mount = asMapping(entry);
      const name = asScalarString(mount?.name);
      const target = asScalarString(mount?.mountPath);
      if (!mount || name === undefined || target === undefined) return;
      const volume = volumes.get(name);
      const at = this.positions.item(mounts, index) ?? this.at(container, 'volumeMounts');
      const readOnly = asBoolean(mount.readOnly) ?? false;
      const built: WorkloadMount = { type: 'volume', source: name, target, readOnly, at };
      const hostPath = asMapping(volume?.hostPath);
      if (hostPath) {
        built.type = 'bind';
        const subPath = asScalarString(mount.subPath);
        const base = asScalarString(hostPath.path) ?? '';
        built.source = subPath ? `${base.replace(/\/$/, '')}/${subPath}` : base;
      } else if (volume && asScalarString(asMapping(volume.emptyDir)?.medium) === 'Memory') {
        built.type = 'tmpfs';
      } else if (volume && ['configMap', 'secret', 'projected', 'downwardAPI'].some((k) => k in volume)) {
        // The kubelet always mounts these read-only.
        built.readOnly = true;
      }
      const propagation = asScalarString(mount.mountPropagation);
      if (propagation !== undefined) built.propagation = propagation;
      w.mounts.push(built);
    });
  }

  private readPorts(w: Workload, container: Mapping): void {
    const ports = container.ports;
    asArray(ports).forEach((entry, index) => {
      const port = asMapping(entry);
      const hostPort = asScalarString(port?.hostPort);
      const containerPort = asScalarString(port?.containerPort);
      if (!port || hostPort === undefined || containerPort === undefined) return;
      const published: Workload['ports'][number] = {
        hostPort,
        containerPort,
        protocol: (asScalarString(port.protocol) ?? 'TCP').toLowerCase(),
        at: this.at(port, 'hostPort', this.positions.item(ports, index)),
      };
      const hostIp = asScalarString(port.hostIP);
      if (hostIp) published.hostIp = hostIp;
      w.ports.push(published);
    });
  }

  private readResources(w: Workload, container: Mapping): void {
    const limits = asMapping(asMapping(container.resources)?.limits);
    const memory = this.located(limits, 'memory', asScalarString(limits?.memory));
    if (memory) w.resources.memory = memory;
    const cpu = this.located(limits, 'cpu', asScalarString(limits?.cpu));
    if (cpu) w.resources.cpus = cpu;
  }

  private readEnv(container: Mapping): EnvVar[] {
    const env = container.env;
    return asArray(env).flatMap((entry, index): EnvVar[] => {
      const variable = asMapping(entry);
      const name = asScalarString(variable?.name);
      if (!variable || name === undefined) return [];
      const at = this.positions.item(env, index) ?? this.at(container, 'env');
      const valueFrom = asMapping(variable.valueFrom);
      if (valueFrom) {
        const from: EnvVar['from'] =
          'secretKeyRef' in valueFrom ? 'secret' : 'configMapKeyRef' in valueFrom ? 'config' : 'field';
        return [{ name, from, at }];
      }
      return [{ name, value: asScalarString(variable.value) ?? '', from: 'literal' as const, at }];
    });
  }
}
