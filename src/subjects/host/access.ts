// Who may reach the engine and how its use is recorded: the Docker socket, the docker group, user
// namespaces, audit rules, time synchronisation, Docker CLI credentials (sources/host/access.ts).
import type { Located } from '../../core/location.js';

export interface DockerSocket {
  /** The socket's path on the host: `/run/docker.sock`, or the `unix://` path dockerd's `-H` names. */
  path: string;
  uid: number;
  gid: number;
  /** Permission bits (`0o660`). */
  mode: number;
  /** Owner and group names from /etc/passwd and /etc/group, when they list the ids. */
  owner?: string;
  group?: string;
  /** The path is a socket (not a regular file or directory left behind). */
  isSocket: boolean;
}

/** The `docker` group of /etc/group (located at its line) and who is in it. */
export interface DockerGroup {
  gid: number;
  /** Users listed in the group's member field. */
  members: string[];
  /** Users whose primary group it is (/etc/passwd). */
  primaryMembers: string[];
}

/** One line of /etc/subuid or /etc/subgid: `name:start:count`. */
export interface SubordinateRange {
  /** The user (or group) name or numeric id the line names. */
  owner: string;
  start: number;
  count: number;
}

/** A dockerd running as another user than root (rootless mode). */
export interface RootlessDockerd {
  pid: number;
  uid: number;
  user?: string;
}

/** One auditd rule about a path: `-w PATH -p PERMS -k KEY`, or `-a … -F path=…` / `-F dir=…`. */
export interface AuditRule {
  path: string;
  /** `-p` or `-F perm=`: `rwxa` letters; undefined when the rule names none (all accesses). */
  permissions?: string;
  key?: string;
  /** A watch or `dir=` rule covers everything under a directory; `path=` only the path itself. */
  recursive: boolean;
}

/** A Docker file or directory CIS 1.1.3–1.1.18 wants watched by auditd, present on this host. */
export interface AuditTarget {
  path: string;
  cis: string;
}

/** A time synchronisation service: running (its process) or enabled to start (its systemd symlink). */
export interface TimeSyncService {
  name: string;
  how: 'running' | 'enabled' | 'configured';
}

/** Plaintext credentials of one registry in a Docker CLI config.json (the value masked, never kept). */
export interface PlaintextAuth {
  registry: string;
  /** `ab****yz`: what the config holds, masked. */
  masked: string;
  /** `auth` (base64 user:password) or `identitytoken`. */
  field: string;
}

/** A user's `~/.docker/config.json`. */
export interface DockerCliConfig {
  user: string;
  path: string;
  /** Registries with credentials written in the file, each at its line. */
  plaintext: Located<PlaintextAuth>[];
  /** `credsStore` names a helper for every registry. */
  credsStore?: string;
  /** Registries `credHelpers` sends to a helper. */
  credHelpers: string[];
}

export interface HostAccess {
  /**
   * The rootful engine's sockets present on the host (`/run/docker.sock`, and those the `-H unix://` of a
   * root dockerd or daemon.json's `hosts` name): owner, group, mode.
   */
  dockerSockets?: Located<DockerSocket>[];
  /** The docker group, at its /etc/group line; undefined when there is none or /etc/group is unreadable. */
  dockerGroup?: Located<DockerGroup>;
  /** /etc/subuid and /etc/subgid entries (empty when a file is absent; undefined when unreadable). */
  subuid?: Located<SubordinateRange>[];
  subgid?: Located<SubordinateRange>[];
  /** Users of /etc/passwd (name → uid), to resolve the names subuid and userns-remap use. */
  users?: Record<string, number>;
  /** `userns-remap` as the host's engine configuration sets it (daemon.json or the running dockerd). */
  usernsRemap?: Located<string>;
  /** dockerd processes running as another user than root; undefined when processes could not be read. */
  rootlessDockerd?: Located<RootlessDockerd>[];
  /** Some dockerd runs (undefined when the process table could not be read). */
  dockerdRunning?: boolean;
  /** auditd rules about paths, at their lines; undefined when no rules file could be read. */
  auditRules?: Located<AuditRule>[];
  /** auditd is running (its process, located at /proc/<pid>); undefined when processes could not be read. */
  auditdRunning?: Located<boolean>;
  /** Docker's files and directories present on the host that CIS wants audited. */
  auditTargets?: AuditTarget[];
  /** Time synchronisation services found running, enabled or configured. */
  timeSync?: Located<TimeSyncService>[];
  /** Whether the process table was read: time synchronisation "running" can only be judged then. */
  processesKnown?: boolean;
  /** Users' Docker CLI configurations holding plaintext credentials (or a helper). */
  dockerConfigs?: DockerCliConfig[];
}
