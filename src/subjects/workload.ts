// The normalized model of one container as deployed: a compose service, a Kubernetes container,
// a `docker run` line or a live container all become a Workload, so a rule is written once for all.
// A field a source cannot know is `undefined`: unknown, neither secure nor insecure.
import type { Location, Placed } from '../core/location.js';
import type { ImageRef } from './image-ref.js';

export type WorkloadOrigin = 'compose' | 'kubernetes' | 'docker-run' | 'engine';

export interface WorkloadMount {
  /** `bind` covers compose bind mounts, `-v /host:/c` and Kubernetes `hostPath`. */
  type: 'bind' | 'volume' | 'tmpfs' | 'other';
  /** Host path for binds (as written, relative paths kept), volume name for volumes. */
  source?: string;
  target: string;
  readOnly: boolean;
  propagation?: string;
  at: Location;
}

export interface PublishedPort {
  /** Host address as written; `undefined` means every interface. */
  hostIp?: string;
  /** Host port or range as written; `undefined` means an ephemeral port chosen by the engine. */
  hostPort?: string;
  containerPort: string;
  protocol: string;
  at: Location;
}

export interface EnvVar {
  name: string;
  /** Literal value; `undefined` when it comes from elsewhere (a secret, the host environment). */
  value?: string;
  from: 'literal' | 'secret' | 'config' | 'host' | 'field';
  /**
   * The value the file itself holds, when that differs from `value`: compose `${DB_PASSWORD}` that the
   * scanning shell or `.env` filled in (the file's own `${X:-default}` applied). Secrets are judged on what
   * the file holds, not on the machine that scans it.
   */
  written?: string;
  at: Location;
}

/** A secret by name, and how the container receives it: as a file (preferred) or as environment variables. */
export interface SecretRef extends Placed<string> {
  delivery: 'file' | 'environment';
}

export interface Sysctl {
  name: string;
  value: string;
  at: Location;
}

export interface Healthcheck {
  /** Compose `healthcheck: { disable: true }` / `test: ["NONE"]`, `--no-healthcheck`. */
  disabled: boolean;
  /** The command as written; for Kubernetes, the kind of probe (`livenessProbe`…). */
  test?: string;
  at: Location;
}

export interface WorkloadResources {
  memory?: Placed<string>;
  memorySwap?: Placed<string>;
  cpus?: Placed<string>;
  pidsLimit?: Placed<number>;
  /** `nofile` → `1024:2048` (soft:hard), as compose `ulimits` and `--ulimit` give them. */
  ulimits: Record<string, Placed<string>>;
}

export interface Workload {
  kind: 'workload';
  origin: WorkloadOrigin;
  /** `web` for a compose service, `Deployment/api` + container for Kubernetes. */
  name: string;
  /** Human label used in messages: `service "web"`, `container "app" of Deployment/api`. */
  label: string;
  at: Location;
  /** The Deployment (compose project, namespace) this workload belongs to. */
  deployment?: string;
  namespace?: string;
  image?: Placed<ImageRef>;
  user?: Placed<string>;
  group?: Placed<string>;
  /** Kubernetes `runAsNonRoot`. */
  runAsNonRoot?: Placed<boolean>;
  privileged?: Placed<boolean>;
  /** Normalized from `no-new-privileges` and Kubernetes `allowPrivilegeEscalation: false`. */
  noNewPrivileges?: Placed<boolean>;
  /** Upper case, without the `CAP_` prefix. */
  capAdd: Placed<string>[];
  capDrop: Placed<string>[];
  /** `unconfined`, `runtime/default`, `localhost/…` or a profile path. */
  seccompProfile?: Placed<string>;
  /** What the platform applies when no seccomp profile is set. */
  seccompWhenUnset: 'runtime-default' | 'unconfined';
  apparmorProfile?: Placed<string>;
  /** SELinux labelling turned off (`label=disable`) or an unconfined type (`spc_t`). */
  selinuxDisabled?: Placed<boolean>;
  readOnlyRootfs?: Placed<boolean>;
  mounts: WorkloadMount[];
  /** `host`, `none`, `bridge`, `container:x`, `service:x`, a network name. */
  networkMode?: Placed<string>;
  pidMode?: Placed<string>;
  ipcMode?: Placed<string>;
  utsMode?: Placed<string>;
  usernsMode?: Placed<string>;
  ports: PublishedPort[];
  /** `docker run -P`: every port the image EXPOSEs, each on an ephemeral port of every host interface. */
  publishAll?: Placed<boolean>;
  resources: WorkloadResources;
  /** Kubernetes has no per-container PIDs limit: only the node's kubelet sets one. */
  pidsLimitConfigurable: boolean;
  env: EnvVar[];
  /** Environment files named but not read (`docker run --env-file`): their variables are unknown. */
  envFiles?: Placed<string>[];
  networks: Placed<string>[];
  labels: Record<string, string>;
  /** `no`, `always`, `unless-stopped`, `on-failure[:N]` (compose `deploy.restart_policy` folded in), or
   * for Kubernetes the pod's `restartPolicy`. */
  restart?: Placed<string>;
  oomKillDisable?: Placed<boolean>;
  /** Kubernetes `imagePullPolicy`. */
  imagePullPolicy?: Placed<string>;
  /**
   * Kubernetes `automountServiceAccountToken`: the pod's setting, else its ServiceAccount's when a scanned
   * manifest defines that ServiceAccount.
   */
  automountServiceAccountToken?: Placed<boolean>;
  /** Kubernetes `serviceAccountName` (`default` when the pod names none). */
  serviceAccountName?: string;
  /** `Default`, or `Unmasked` (Kubernetes `procMount`, Docker `systempaths=unconfined`). */
  procMount?: Placed<string>;
  logging?: { driver?: Placed<string>; options: Record<string, string>; at: Location };
  /** The secrets given to the container (compose `secrets`, Kubernetes secret volumes and envFrom, `--secret`). */
  secrets: SecretRef[];
  /** Host devices passed in, as written (`/dev/fuse:/dev/fuse:rwm`). */
  devices: Placed<string>[];
  sysctls: Sysctl[];
  /** Undefined when the deployment says nothing: the image's HEALTHCHECK, if any, applies. */
  healthcheck?: Healthcheck;
  /** What only a live engine knows about a container: its state, its image, its processes and changes. */
  live?: LiveState;
}

export interface LiveProcess {
  /** `root`, `10001`: ps's user column, a name or a UID. */
  user: string;
  command: string;
}

export interface LiveState {
  /** `running`, `exited`, `created`, `paused`… */
  status: string;
  /** The image id the container runs (`sha256:…`). */
  imageId?: string;
  /** The image the container runs, as the engine's image inspect describes it. */
  image?: {
    created?: Placed<string>;
    /** `repo@sha256:…` for each registry the image was pulled from; empty: built or loaded locally. */
    repoDigests: Placed<string[]>;
  };
  /** The id the container's image reference (`nginx:1.27`) points to now, when it differs or is known. */
  referenceNow?: Placed<string>;
  /** Processes of a running container (`/top`); undefined when not read. */
  processes?: Placed<LiveProcess[]>;
  /** Files added, changed or deleted in the container's filesystem since it started (`/changes`). */
  changes?: Placed<{ path: string; kind: 'modified' | 'added' | 'deleted' }[]>;
}
