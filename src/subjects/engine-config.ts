// The normalized model of one Docker Engine's configuration: daemon.json, dockerd's command-line flags (a
// systemd unit's ExecStart, DOCKER_OPTS), and later a live engine's `/info`. Every setting keeps where it
// was written; a setting the input does not mention is `undefined` (see `unsetMeansDefault`).
import type { Location, Placed } from '../core/location.js';

export type EngineConfigOrigin = 'daemon-json' | 'dockerd-flags' | 'engine';

export interface EngineConfig {
  kind: 'engine-config';
  origin: EngineConfigOrigin;
  /** Human label used in messages: `daemon.json`, `dockerd flags (ExecStart of docker.service)`. */
  label: string;
  /** Where the configuration starts: daemon.json's top-level object, the ExecStart= or DOCKER_OPTS= line. */
  at: Location;
  /**
   * True when a setting this input leaves out takes the engine's built-in default (daemon.json). False
   * when another input may set it: dockerd combines its flags with /etc/docker/daemon.json, so a flag a
   * unit file leaves out is unknown, not the default.
   */
  unsetMeansDefault: boolean;
  /**
   * Every setting the input writes, known to the model or not, by its daemon.json name (flags are
   * translated: `--insecure-registry` → `insecure-registries`), at its first mention.
   */
  settings: Record<string, Location>;
  /** `default`, a user, `user:group`; an empty string turns remapping off. */
  usernsRemap?: Placed<string>;
  icc?: Placed<boolean>;
  iptables?: Placed<boolean>;
  userlandProxy?: Placed<boolean>;
  liveRestore?: Placed<boolean>;
  noNewPrivileges?: Placed<boolean>;
  /** Path of the daemon-wide seccomp profile, or `unconfined`. */
  seccompProfile?: Placed<string>;
  /** The default bridge (`bridge`, `-b`): `none` means there is none. */
  bridge?: Placed<string>;
  /** Addresses the API listens on (`unix:///…`, `tcp://…`, `fd://`, or `host:port`), each where written. */
  hosts: Placed<string>[];
  tls?: Placed<boolean>;
  tlsVerify?: Placed<boolean>;
  tlsCaCert?: Placed<string>;
  tlsCert?: Placed<string>;
  tlsKey?: Placed<string>;
  insecureRegistries: Placed<string>[];
  registryMirrors: Placed<string>[];
  logDriver?: Placed<string>;
  /** `max-size` → `10m`, each at its key (or its `--log-opt` flag). */
  logOpts: Record<string, Placed<string>>;
  logLevel?: Placed<string>;
  /** `debug: true` / `-D`: debug logging whatever the log level says. */
  debug?: Placed<boolean>;
  experimental?: Placed<boolean>;
  authorizationPlugins: Placed<string>[];
  storageDriver?: Placed<string>;
  /** `nofile` → `64000:64000` (soft:hard), as `--default-ulimit` writes them. */
  defaultUlimits: Record<string, Placed<string>>;
  selinuxEnabled?: Placed<boolean>;
  /** The engine runs as an unprivileged user (a live engine's /info says so). */
  rootless?: Placed<boolean>;
  /** Versions of the engine's parts, from a live engine's /version (`Components`). */
  versions?: { engine?: Placed<string>; containerd?: Placed<string>; runc?: Placed<string> };
}
