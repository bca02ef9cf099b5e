// The host's patch state: kernel, boot, packages, processes still mapping replaced libraries, services
// started before their binaries were updated (sources/host/system.ts). Times are ISO 8601 strings; rules
// compare them with the evaluation clock.
import type { Located } from '../../core/location.js';

/** A kernel installed on the host: `/boot/vmlinuz-<version>` or `/lib/modules/<version>` with its modules. */
export interface InstalledKernel {
  /** `6.1.0-27-amd64`, as in the file name and `uname -r`. */
  version: string;
  /**
   * When it was installed: the dpkg.log line that installed its package (then `installedAt.at` is that
   * line), else the change time of its file. Undefined when neither says.
   */
  installedAt?: Located<string>;
}

/** The newest sign of package activity one source shows. */
export interface PackageActivity {
  /** ISO time. */
  time: string;
  /** `dpkg.log`, `apt history`, `dpkg database`, `rpm database`, `apk database`. */
  source: string;
  /** What happened, when the source says: `upgrade openssl:amd64 3.0.13-1 3.0.15-1`. */
  detail?: string;
}

/** A process that still maps a file deleted since it started: a library or executable replaced by an update. */
export interface DeletedMapping {
  pid: number;
  /** The process name (`comm`). */
  name: string;
  /** The deleted file as the process sees it: `/usr/lib/x86_64-linux-gnu/libssl.so.3`. */
  path: string;
  kind: 'library' | 'executable';
}

/** dockerd, containerd or kubelet: when the running process started, and when its binary last changed. */
export interface EngineService {
  name: string;
  pid: number;
  /** ISO start time: boot time + start ticks / CLK_TCK. */
  startedAt: string;
  /** The binary the process runs (`/proc/<pid>/exe`, else its argv[0]), without ` (deleted)`. */
  binary?: string;
  /** `/proc/<pid>/exe` ends in ` (deleted)`: the binary was replaced after the process started. */
  binaryReplaced: boolean;
  /** ISO time the binary on disk last changed (the later of its mtime and ctime): a package update sets it. */
  binaryChangedAt?: string;
}

export interface HostSystem {
  /** `/proc/sys/kernel/osrelease`: the kernel running now. */
  kernelRunning?: Located<string>;
  /** Kernels installed (each at its /boot or /lib/modules path); undefined when neither could be listed. */
  kernelsInstalled?: Located<InstalledKernel>[];
  /** `/run/reboot-required` (Debian, Ubuntu): a package asked for a reboot; the packages that did, and since when. */
  rebootRequired?: Located<{ packages: string[]; since?: string }>;
  /** ISO boot time, from `btime` of /proc/stat. */
  bootTime?: Located<string>;
  /** Seconds since boot, from /proc/uptime. */
  uptimeSeconds?: Located<number>;
  /** The newest package activity each package database or log shows; empty when none could be found. */
  packageActivity?: Located<PackageActivity>[];
  /**
   * Updates the package lists say are pending (`/var/lib/update-notifier/updates-available` on Ubuntu):
   * undefined when no such file exists — other distributions do not record it without running a command.
   */
  pendingUpdates?: Located<{ total?: number; security: number }>;
  /** Processes mapping deleted libraries or executables (/proc/<pid>/maps); undefined when /proc could not be read. */
  deletedMappings?: Located<DeletedMapping>[];
  /** Processes whose maps could not be read (another user's, as a non-root user). */
  unreadableMaps?: number;
  /** Running dockerd, containerd and kubelet processes. */
  engineServices?: Located<EngineService>[];
}
