// The normalized model of one Docker Engine's configuration: daemon.json, dockerd's command-line flags (a
// systemd unit's ExecStart, DOCKER_OPTS), and later a live engine's `/info`. Every setting keeps where it
// was written; a setting the input does not mention is `undefined` (see `unsetMeansDefault`).
import type { Located, SourceLocation } from '../core/location.js';

export type EngineConfigOrigin = 'daemon-json' | 'dockerd-flags' | 'engine';

export interface EngineConfig {
  kind: 'engine-config';
  origin: EngineConfigOrigin;
  /** Human label used in messages: `daemon.json`, `dockerd flags (ExecStart of docker.service)`. */
  label: string;
  /** Where the configuration starts: daemon.json's top-level object, the ExecStart= or DOCKER_OPTS= line. */
  at: SourceLocation;
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
  settings: Record<string, SourceLocation>;
  /** `default`, a user, `user:group`; an empty string turns remapping off. */
  usernsRemap?: Located<string>;
  icc?: Located<boolean>;
  iptables?: Located<boolean>;
  userlandProxy?: Located<boolean>;
  liveRestore?: Located<boolean>;
  noNewPrivileges?: Located<boolean>;
  /** Path of the daemon-wide seccomp profile, or `unconfined`. */
  seccompProfile?: Located<string>;
  /** The default bridge (`bridge`, `-b`): `none` means there is none. */
  bridge?: Located<string>;
  /** Addresses the API listens on (`unix:///…`, `tcp://…`, `fd://`, or `host:port`), each where written. */
  hosts: Located<string>[];
  tls?: Located<boolean>;
  tlsVerify?: Located<boolean>;
  tlsCaCert?: Located<string>;
  tlsCert?: Located<string>;
  tlsKey?: Located<string>;
  insecureRegistries: Located<string>[];
  registryMirrors: Located<string>[];
  logDriver?: Located<string>;
  /** `max-size` → `10m`, each at its key (or its `--log-opt` flag). */
  logOpts: Record<string, Located<string>>;
  logLevel?: Located<string>;
  /** `debug: true` / `-D`: debug logging whatever the log level says. */
  debug?: Located<boolean>;
  experimental?: Located<boolean>;
  authorizationPlugins: Located<string>[];
  storageDriver?: Located<string>;
  /** `nofile` → `64000:64000` (soft:hard), as `--default-ulimit` writes them. */
  defaultUlimits: Record<string, Located<string>>;
  selinuxEnabled?: Located<boolean>;
}
