// Containers on the test engine. Most only need to be created: inspect shows their configuration. Start one
// (busybox `sleep`) only for /top and /changes. Privileged containers can be created here but not started
// (the sandbox lacks CAP_SYS_RESOURCE: "unable to apply caps: operation not permitted").
import type { TestEngine } from './dockerd.js';

/** The common fields of POST /containers/create's HostConfig (Engine API 1.41); anything else goes too. */
export interface HostConfigSpec {
  Privileged?: boolean;
  CapAdd?: string[];
  CapDrop?: string[];
  SecurityOpt?: string[];
  ReadonlyRootfs?: boolean;
  Binds?: string[];
  Mounts?: Array<Record<string, unknown>>;
  PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }>>;
  PublishAllPorts?: boolean;
  NetworkMode?: string;
  PidMode?: string;
  IpcMode?: string;
  UTSMode?: string;
  UsernsMode?: string;
  CgroupnsMode?: string;
  Memory?: number;
  MemorySwap?: number;
  MemoryReservation?: number;
  NanoCpus?: number;
  CpuShares?: number;
  PidsLimit?: number;
  Ulimits?: Array<{ Name: string; Soft: number; Hard: number }>;
  Devices?: Array<{ PathOnHost: string; PathInContainer: string; CgroupPermissions: string }>;
  LogConfig?: { Type: string; Config?: Record<string, string> };
  RestartPolicy?: { Name: string; MaximumRetryCount?: number };
  OomKillDisable?: boolean;
  Sysctls?: Record<string, string>;
  Tmpfs?: Record<string, string>;
  Init?: boolean;
  [field: string]: unknown;
}

/** The body of POST /containers/create. */
export interface ContainerSpec {
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  User?: string;
  Env?: string[];
  Labels?: Record<string, string>;
  WorkingDir?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Healthcheck?: {
    Test: string[];
    Interval?: number;
    Timeout?: number;
    Retries?: number;
    StartPeriod?: number;
  };
  HostConfig?: HostConfigSpec;
  NetworkingConfig?: Record<string, unknown>;
  [field: string]: unknown;
}

/** Creates a container named `name` and returns its id. Throws with the engine's message on failure. */
export async function createContainer(
  engine: TestEngine,
  name: string,
  body: ContainerSpec,
): Promise<string> {
  const res = await engine.request<{ Id?: string; message?: string }>(
    'POST',
    `/containers/create?name=${encodeURIComponent(name)}`,
    body,
  );
  if (res.status !== 201 || typeof res.json?.Id !== 'string') {
    throw new Error(`creating container ${name}: HTTP ${res.status}: ${res.text}`);
  }
  return res.json.Id;
}

/** Starts a created container (204, or 304 when it already runs). */
export async function startContainer(engine: TestEngine, id: string): Promise<void> {
  const res = await engine.request('POST', `/containers/${encodeURIComponent(id)}/start`);
  if (res.status !== 204 && res.status !== 304) {
    throw new Error(`starting container ${id}: HTTP ${res.status}: ${res.text}`);
  }
}

/** Removes a container, running or not (with its anonymous volumes). */
export async function removeContainer(engine: TestEngine, id: string): Promise<void> {
  const res = await engine.request('DELETE', `/containers/${encodeURIComponent(id)}?force=true&v=true`);
  if (res.status !== 204 && res.status !== 404) {
    throw new Error(`removing container ${id}: HTTP ${res.status}: ${res.text}`);
  }
}

/** GET /containers/{id}/json. */
export async function inspectContainer<T = Record<string, unknown>>(
  engine: TestEngine,
  id: string,
): Promise<T> {
  const res = await engine.request<T>('GET', `/containers/${encodeURIComponent(id)}/json`);
  if (res.status !== 200) throw new Error(`inspecting container ${id}: HTTP ${res.status}: ${res.text}`);
  return res.json;
}

/** A body running `sleep 3600` (after `touch /tmp/dt10-touched`, so /changes has an entry) in `image`. */
export function sleeper(image: string, more: Partial<ContainerSpec> = {}): ContainerSpec {
  return { Image: image, Cmd: ['sh', '-c', 'touch /tmp/dt10-touched && exec sleep 3600'], ...more };
}

/** Creates and starts a `sleeper` container; returns its id. */
export async function runSleeper(
  engine: TestEngine,
  name: string,
  image: string,
  more: Partial<ContainerSpec> = {},
): Promise<string> {
  const id = await createContainer(engine, name, sleeper(image, more));
  await startContainer(engine, id);
  return id;
}

/**
 * A HostConfig with nearly every risky setting at once, for inspect-only tests (it cannot start here:
 * Privileged). `/var/run/docker.sock` need not exist: Binds of a created container are not checked.
 */
export function riskyHostConfig(): HostConfigSpec {
  return {
    Privileged: true,
    CapAdd: ['SYS_ADMIN'],
    CapDrop: ['ALL'],
    SecurityOpt: ['no-new-privileges', 'seccomp=unconfined', 'apparmor=unconfined'],
    ReadonlyRootfs: true,
    Binds: ['/var/run/docker.sock:/var/run/docker.sock', '/etc:/host-etc:ro'],
    PortBindings: {
      '80/tcp': [{ HostIp: '', HostPort: '8080' }],
      '22/tcp': [{ HostIp: '127.0.0.1', HostPort: '2222' }],
    },
    NetworkMode: 'host',
    PidMode: 'host',
    IpcMode: 'host',
    UTSMode: 'host',
    UsernsMode: 'host',
    Memory: 256 * 1024 * 1024,
    MemorySwap: -1,
    NanoCpus: 500_000_000,
    PidsLimit: 100,
    Ulimits: [
      { Name: 'nofile', Soft: 1024, Hard: 2048 },
      { Name: 'nproc', Soft: 512, Hard: 512 },
    ],
    Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/dt10-null', CgroupPermissions: 'rwm' }],
    LogConfig: { Type: 'none', Config: {} },
    RestartPolicy: { Name: 'always', MaximumRetryCount: 0 },
    OomKillDisable: true,
    Sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0' },
  };
}
