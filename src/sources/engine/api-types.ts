// The parts of the Docker Engine API's answers (API 1.41 and later) that dt10 reads. Every field is
// optional: older engines and Podman leave some out, and a missing field is unknown, not false.

export interface ApiContainerSummary {
  Id: string;
  Names?: string[];
  Image?: string;
  ImageID?: string;
  State?: string;
}

export interface ApiMount {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination?: string;
  Mode?: string;
  RW?: boolean;
  Propagation?: string;
}

export interface ApiPortBinding {
  HostIp?: string;
  HostPort?: string;
}

export interface ApiContainer {
  Id: string;
  Name?: string;
  Created?: string;
  Image?: string;
  State?: { Status?: string; Running?: boolean; Pid?: number };
  AppArmorProfile?: string;
  Config?: {
    User?: string;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    Image?: string;
    ExposedPorts?: Record<string, unknown> | null;
    Healthcheck?: { Test?: string[] | null } | null;
  };
  HostConfig?: {
    Privileged?: boolean;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    SecurityOpt?: string[] | null;
    ReadonlyRootfs?: boolean;
    NetworkMode?: string;
    PidMode?: string;
    IpcMode?: string;
    UTSMode?: string;
    UsernsMode?: string;
    PortBindings?: Record<string, ApiPortBinding[] | null> | null;
    PublishAllPorts?: boolean;
    Memory?: number;
    MemorySwap?: number;
    NanoCpus?: number;
    CpuQuota?: number;
    CpuPeriod?: number;
    PidsLimit?: number | null;
    Ulimits?: { Name?: string; Soft?: number; Hard?: number }[] | null;
    Devices?: { PathOnHost?: string; PathInContainer?: string; CgroupPermissions?: string }[] | null;
    LogConfig?: { Type?: string; Config?: Record<string, string> | null };
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    OomKillDisable?: boolean | null;
    Sysctls?: Record<string, string> | null;
    MaskedPaths?: string[] | null;
  };
  Mounts?: ApiMount[] | null;
  NetworkSettings?: { Networks?: Record<string, unknown> | null };
}

export interface ApiInfo {
  Name?: string;
  ServerVersion?: string;
  Driver?: string;
  LoggingDriver?: string;
  SecurityOptions?: string[] | null;
  LiveRestoreEnabled?: boolean;
  ExperimentalBuild?: boolean;
  RegistryConfig?: {
    InsecureRegistryCIDRs?: string[] | null;
    IndexConfigs?: Record<string, { Name?: string; Secure?: boolean; Mirrors?: string[] | null }> | null;
    Mirrors?: string[] | null;
  };
  Plugins?: { Authorization?: string[] | null };
}

export interface ApiVersion {
  Version?: string;
  ApiVersion?: string;
  Components?: { Name?: string; Version?: string }[] | null;
}

export interface ApiNetwork {
  Name?: string;
  Id?: string;
  Driver?: string;
  Internal?: boolean;
  Options?: Record<string, string> | null;
  Containers?: Record<string, { Name?: string }> | null;
}

export interface ApiImage {
  Id: string;
  Created?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
}

export interface ApiTop {
  Titles?: string[];
  Processes?: string[][] | null;
}

export interface ApiChange {
  Path: string;
  /** 0 modified, 1 added, 2 deleted. */
  Kind: number;
}
