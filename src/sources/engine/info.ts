// A live engine's `/info` and `/version` → EngineConfig, so the daemon rules written for daemon.json judge
// it too. Only what the API reports is set; the rest stays unknown (`unsetMeansDefault` is false): /info
// says nothing of icc, userland-proxy or log options, and a rule must not guess them.
import type { EngineLocation, Placed } from '../../core/location.js';
import type { EngineConfig } from '../../subjects/engine-config.js';
import type { ApiInfo, ApiVersion } from './api-types.js';

/** `name=seccomp,profile=default` → { name: 'seccomp', profile: 'default' }. */
function securityOptions(info: ApiInfo): Map<string, Record<string, string>> {
  const options = new Map<string, Record<string, string>>();
  for (const option of info.SecurityOptions ?? []) {
    const fields: Record<string, string> = {};
    for (const part of option.split(',')) {
      const [key = '', ...value] = part.split('=');
      fields[key] = value.join('=');
    }
    if (fields.name !== undefined) options.set(fields.name, fields);
  }
  return options;
}

export interface Connection {
  /** The engine as the user named it. */
  engine: string;
  /** dt10 reached it over TCP without TLS: the API is open to whoever reaches that address. */
  plainTcp: boolean;
}

export function engineConfigFromInfo(
  info: ApiInfo,
  version: ApiVersion,
  connection: Connection,
): EngineConfig {
  const engine = connection.engine;
  const at = (field: string): EngineLocation => ({ engine, object: 'engine', field });
  const placed = <T>(value: T, field: string): Placed<T> => ({ value, at: at(field) });
  const options = securityOptions(info);
  const config: EngineConfig = {
    kind: 'engine-config',
    origin: 'engine',
    label: `engine ${engine}`,
    at: { engine, object: 'engine' },
    unsetMeansDefault: false,
    settings: {},
    hosts: [],
    insecureRegistries: [],
    registryMirrors: [],
    logOpts: {},
    authorizationPlugins: [],
    defaultUlimits: {},
  };
  if (info.SecurityOptions) {
    // A rootless engine runs in a user namespace of an unprivileged user: container root is not host root,
    // which is what userns-remap is for.
    config.usernsRemap = placed(
      options.has('userns') ? 'default' : options.has('rootless') ? 'rootless' : '',
      'Info.SecurityOptions',
    );
    const seccomp = options.get('seccomp');
    config.seccompProfile = placed(seccomp?.profile ?? 'unconfined', 'Info.SecurityOptions');
    config.rootless = placed(options.has('rootless'), 'Info.SecurityOptions');
    config.selinuxEnabled = placed(options.has('selinux'), 'Info.SecurityOptions');
  }
  if (info.LiveRestoreEnabled !== undefined)
    config.liveRestore = placed(info.LiveRestoreEnabled, 'Info.LiveRestoreEnabled');
  if (info.ExperimentalBuild !== undefined)
    config.experimental = placed(info.ExperimentalBuild, 'Info.ExperimentalBuild');
  if (info.LoggingDriver) config.logDriver = placed(info.LoggingDriver, 'Info.LoggingDriver');
  if (info.Driver) config.storageDriver = placed(info.Driver, 'Info.Driver');
  if (info.Plugins)
    config.authorizationPlugins = (info.Plugins.Authorization ?? []).map((p) =>
      placed(p, 'Info.Plugins.Authorization'),
    );
  const registry = info.RegistryConfig;
  if (registry) {
    // Docker always lists 127.0.0.0/8 as insecure: a registry on this machine is not the risk the rule means.
    const insecure = (registry.InsecureRegistryCIDRs ?? []).filter((cidr) => cidr !== '127.0.0.0/8');
    for (const [name, index] of Object.entries(registry.IndexConfigs ?? {}))
      if (index.Secure === false) insecure.push(name);
    config.insecureRegistries = insecure.map((r) => placed(r, 'Info.RegistryConfig'));
    config.registryMirrors = (registry.Mirrors ?? []).map((m) => placed(m, 'Info.RegistryConfig.Mirrors'));
  }
  if (connection.plainTcp) {
    config.hosts = [placed(engine, 'connection')];
    config.tls = placed(false, 'connection');
    config.tlsVerify = placed(false, 'connection');
  }
  const versions: NonNullable<EngineConfig['versions']> = {};
  for (const component of version.Components ?? []) {
    if (!component.Version) continue;
    if (component.Name === 'Engine') versions.engine = placed(component.Version, 'Version.Components.Engine');
    if (component.Name === 'containerd')
      versions.containerd = placed(component.Version, 'Version.Components.containerd');
    if (component.Name === 'runc') versions.runc = placed(component.Version, 'Version.Components.runc');
  }
  if (!versions.engine && version.Version) versions.engine = placed(version.Version, 'Version.Version');
  config.versions = versions;
  return config;
}
