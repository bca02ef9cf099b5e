// The host's patch state (HostSystem): kernel running vs installed, boot time, package updates, processes
// mapping deleted libraries, services older than their binaries. Package logs write local time without a
// zone; it is read as UTC (hours off at most, and the rules count days).
import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Located } from '../../core/location.js';
import type {
  DeletedMapping,
  EngineService,
  HostSystem,
  InstalledKernel,
  PackageActivity,
} from '../../subjects/host/system.js';
import type { HostContext } from './context.js';
import { readDeletedMappings, type HostProcess } from './processes.js';
import { compareKernelVersions } from '../../core/kernel-version.js';

const inflate = promisify(gunzip);

/** Rotated logs are small; a larger one is cut here rather than read whole. */
const MAX_LOG_BYTES = 64 * 1024 * 1024;

/** Linux reports process start times in clock ticks; USER_HZ is 100 on every architecture Linux supports. */
const CLK_TCK = 100;

/** The processes whose start time is compared with their binary's. */
const ENGINE_SERVICES = new Set(['dockerd', 'containerd', 'kubelet']);

export async function readSystem(context: HostContext): Promise<HostSystem> {
  const system: HostSystem = {};
  const live = (await statOf(context, '/proc'))?.isDirectory() ?? false;
  const [logs] = await Promise.all([
    readPackageLogs(context),
    live ? readRunning(context, system) : noProc(context),
  ]);
  const [kernels, activity, pending, reboot] = await Promise.all([
    readKernels(context, logs.kernels),
    readPackageDatabases(context),
    readPendingUpdates(context),
    readRebootRequired(context),
  ]);
  if (kernels !== undefined) system.kernelsInstalled = kernels;
  const all = [...logs.activity, ...activity];
  system.packageActivity = all;
  if (all.length === 0 && !logs.found)
    context.unknownFact(
      'the last package update',
      '/var/lib/dpkg',
      'no dpkg, rpm or apk database or log found',
    );
  if (pending !== undefined) system.pendingUpdates = pending;
  if (reboot !== undefined) system.rebootRequired = reboot;
  return system;
}

/** A root without /proc (a filesystem mounted from elsewhere): nothing about the running system can be known. */
async function noProc(context: HostContext): Promise<void> {
  context.unknownFact('the running kernel, uptime and processes', '/proc', 'no /proc under the root');
}

/** The facts /proc holds: running kernel, boot time, uptime, deleted mappings, engine services. */
async function readRunning(context: HostContext, system: HostSystem): Promise<void> {
  const [release, stat, uptime, processes] = await Promise.all([
    context.text('/proc/sys/kernel/osrelease', 'the running kernel'),
    context.text('/proc/stat', 'the boot time'),
    context.text('/proc/uptime', 'the uptime'),
    context.processes(),
  ]);
  if (release?.trim())
    system.kernelRunning = { value: release.trim(), at: context.at('/proc/sys/kernel/osrelease') };
  const btime = stat !== undefined ? /^btime (\d+)$/m.exec(stat) : null;
  if (stat !== undefined && btime === null)
    context.unknownFact('the boot time', '/proc/stat', 'no btime line');
  let bootMs: number | undefined;
  if (btime !== null && stat !== undefined) {
    bootMs = Number(btime[1]) * 1000;
    system.bootTime = {
      value: new Date(bootMs).toISOString(),
      at: context.at('/proc/stat', lineOf(stat, btime.index)),
    };
  }
  const seconds = uptime !== undefined ? Number(uptime.trim().split(/\s+/)[0]) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0)
    system.uptimeSeconds = { value: seconds, at: context.at('/proc/uptime') };
  else if (uptime !== undefined) context.unknownFact('the uptime', '/proc/uptime', 'not a number of seconds');

  if (processes.length === 0) {
    // readProcesses records an unlistable /proc; an empty table of a live /proc says nothing either.
    return;
  }
  const [deleted, services] = await Promise.all([
    readDeleted(context, processes),
    bootMs !== undefined ? readEngineServices(context, processes, bootMs) : Promise.resolve([]),
  ]);
  system.deletedMappings = deleted.mappings;
  if (deleted.unreadable > 0) {
    system.unreadableMaps = deleted.unreadable;
    context.unknownFact(
      `deleted libraries mapped by ${deleted.unreadable} of ${deleted.users} processes`,
      '/proc/<pid>/maps',
      'EACCES',
    );
  }
  system.engineServices = services;
}

async function readDeleted(
  context: HostContext,
  processes: HostProcess[],
): Promise<{ mappings: Located<DeletedMapping>[]; unreadable: number; users: number }> {
  // Kernel threads have no command line and no maps.
  const users = processes.filter((process) => process.cmdline.length > 0);
  const names = new Map(users.map((process) => [process.pid, process.name]));
  const { mapped, unreadable } = await readDeletedMappings(
    context,
    users.map((process) => process.pid),
  );
  const mappings = mapped.map((file) => ({
    value: { pid: file.pid, name: names.get(file.pid) ?? String(file.pid), path: file.path, kind: file.kind },
    at: context.at(`/proc/${file.pid}/maps`, file.line),
  }));
  return { mappings, unreadable, users: users.length };
}

async function readEngineServices(
  context: HostContext,
  processes: HostProcess[],
  bootMs: number,
): Promise<Located<EngineService>[]> {
  const services = processes.filter((process) => ENGINE_SERVICES.has(process.name));
  return Promise.all(
    services.map(async (process): Promise<Located<EngineService>> => {
      const link = await context.readlink(`/proc/${process.pid}/exe`);
      const replaced = link?.endsWith(' (deleted)') ?? false;
      const argv0 = process.cmdline[0];
      const binary =
        link !== undefined ? link.replace(/ \(deleted\)$/, '') : argv0?.startsWith('/') ? argv0 : undefined;
      const file = binary !== undefined && !replaced ? await statOf(context, binary) : undefined;
      const changed = file !== undefined ? Math.max(file.mtimeMs, file.ctimeMs) : undefined;
      return {
        value: {
          name: process.name,
          pid: process.pid,
          startedAt: new Date(bootMs + (process.startTicks * 1000) / CLK_TCK).toISOString(),
          ...(binary !== undefined ? { binary } : {}),
          binaryReplaced: replaced,
          ...(changed !== undefined ? { binaryChangedAt: new Date(changed).toISOString() } : {}),
        },
        at: context.at(`/proc/${process.pid}/exe`),
      };
    }),
  );
}

// ---- kernels ----

const KERNEL_FILE = /^(?:vmlinuz|vmlinux|bzImage|Image|kernel)-(.+)$/;

async function readKernels(
  context: HostContext,
  installs: Map<string, Located<string>>,
): Promise<Located<InstalledKernel>[] | undefined> {
  const [boot, modulesLib] = await Promise.all([
    context.list('/boot', 'installed kernels', true),
    context.list('/lib/modules', 'installed kernels', true),
  ]);
  const modulesDir = modulesLib !== undefined ? '/lib/modules' : '/usr/lib/modules';
  const modules = modulesLib ?? (await context.list('/usr/lib/modules', 'installed kernels', true));
  if (boot === undefined && modules === undefined) {
    context.unknownFact('installed kernels', '/boot', 'neither /boot nor /lib/modules exists');
    return undefined;
  }
  const found = new Map<string, string>();
  for (const name of boot ?? []) {
    const version = KERNEL_FILE.exec(name)?.[1];
    if (version !== undefined && !version.endsWith('.old') && /^\d/.test(version))
      found.set(version, `/boot/${name}`);
  }
  // A modules directory left behind by a removed kernel (DKMS builds) has no modules.dep: not a kernel.
  await Promise.all(
    (modules ?? [])
      .filter((version) => /^\d/.test(version) && !found.has(version))
      .map(async (version) => {
        const dir = `${modulesDir}/${version}`;
        const [dep, image] = await Promise.all([
          statOf(context, `${dir}/modules.dep`),
          statOf(context, `${dir}/vmlinuz`),
        ]);
        if (dep !== undefined || image !== undefined)
          found.set(version, image !== undefined ? `${dir}/vmlinuz` : dir);
      }),
  );
  const kernels = await Promise.all(
    [...found].map(async ([version, path]): Promise<Located<InstalledKernel>> => {
      let installedAt = installs.get(version);
      if (installedAt === undefined) {
        // Package managers keep the build time as mtime; the change time is when the file was written here.
        const file = await statOf(context, path);
        if (file !== undefined)
          installedAt = { value: new Date(file.ctimeMs).toISOString(), at: context.at(path) };
      }
      return { value: { version, ...(installedAt ? { installedAt } : {}) }, at: context.at(path) };
    }),
  );
  return kernels.sort((a, b) => compareKernelVersions(a.value.version, b.value.version));
}

// ---- package logs and databases ----

interface PackageLogs {
  activity: Located<PackageActivity>[];
  /** Package name version → when dpkg first installed it (`linux-image-6.1.0-27-amd64` → `6.1.0-27-amd64`). */
  kernels: Map<string, Located<string>>;
  /** A log of a package manager exists (so an empty one is no unknown). */
  found: boolean;
}

/** The text of a log, inflated when gzipped; undefined (and unknown unless absent) when unreadable. */
async function readLog(context: HostContext, path: string, what: string): Promise<string | undefined> {
  try {
    let buffer = await readFile(context.path(path));
    if (path.endsWith('.gz')) buffer = await inflate(buffer, { maxOutputLength: MAX_LOG_BYTES });
    return buffer.subarray(0, MAX_LOG_BYTES).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code !== 'ENOENT') context.unknownFact(what, path, code);
    return undefined;
  }
}

/** Rotated logs newest first: `x`, `x.1`, `x.2.gz`, … */
function rotated(names: string[], base: string): string[] {
  const rank = (name: string): number => Number(/^\S+?\.log\.(\d+)/.exec(name)?.[1] ?? 0);
  return names
    .filter((name) => name === base || new RegExp(`^${base.replace('.', '\\.')}\\.\\d+(\\.gz)?$`).test(name))
    .sort((a, b) => rank(a) - rank(b));
}

const DPKG_LINE = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) (status installed|upgrade) (\S+)(.*)$/;

async function readPackageLogs(context: HostContext): Promise<PackageLogs> {
  const logs: PackageLogs = { activity: [], kernels: new Map(), found: false };
  const [varLog, aptLog] = await Promise.all([
    context.list('/var/log', 'package logs', true),
    context.list('/var/log/apt', 'package logs', true),
  ]);
  const dpkg = rotated(varLog ?? [], 'dpkg.log').map((name) => `/var/log/${name}`);
  const history = rotated(aptLog ?? [], 'history.log').map((name) => `/var/log/apt/${name}`);
  logs.found = dpkg.length > 0 || history.length > 0;
  const [dpkgTexts, historyTexts] = await Promise.all([
    Promise.all(dpkg.map((path) => readLog(context, path, 'the last package update'))),
    Promise.all(history.map((path) => readLog(context, path, 'the last package update'))),
  ]);

  // dpkg.log: the newest `status installed` or `upgrade` line; each kernel package's first installation.
  let newest: Located<PackageActivity> | undefined;
  for (const [fileIndex, text] of dpkgTexts.entries()) {
    if (text === undefined) continue;
    const path = dpkg[fileIndex]!;
    const lines = text.split('\n');
    for (const [index, line] of lines.entries()) {
      const match = DPKG_LINE.exec(line);
      if (match === null) continue;
      const [, date, time, action, pkg, rest] = match as unknown as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const when = `${date}T${time}Z`;
      if (newest === undefined || when > newest.value.time)
        newest = {
          value: { time: when, source: 'dpkg.log', detail: `${action} ${pkg}${rest}`.trim() },
          at: context.at(path, index + 1),
        };
      const kernel = /^linux-image-(?:unsigned-)?(\d[^:]*)(?::\S+)?$/.exec(pkg)?.[1];
      if (kernel !== undefined && action === 'status installed') {
        const known = logs.kernels.get(kernel);
        if (known === undefined || when < known.value)
          logs.kernels.set(kernel, { value: when, at: context.at(path, index + 1) });
      }
    }
  }
  if (newest !== undefined) logs.activity.push(newest);

  // apt history: the End-Date of the newest transaction that installed or upgraded packages.
  let newestApt: Located<PackageActivity> | undefined;
  for (const [fileIndex, text] of historyTexts.entries()) {
    if (text === undefined) continue;
    const path = history[fileIndex]!;
    let changed = false;
    let command: string | undefined;
    for (const [index, line] of text.split('\n').entries()) {
      if (line.startsWith('Start-Date:')) {
        changed = false;
        command = undefined;
      } else if (line.startsWith('Commandline:')) command = line.slice('Commandline:'.length).trim();
      else if (/^(?:Install|Upgrade):/.test(line)) changed = true;
      else if (line.startsWith('End-Date:') && changed) {
        const match = /^End-Date:\s+(\d{4}-\d\d-\d\d)\s+(\d\d:\d\d:\d\d)/.exec(line);
        if (match === null) continue;
        const when = `${match[1]}T${match[2]}Z`;
        if (newestApt === undefined || when > newestApt.value.time)
          newestApt = {
            value: { time: when, source: 'apt history', ...(command ? { detail: command } : {}) },
            at: context.at(path, index + 1),
          };
      }
    }
  }
  if (newestApt !== undefined) logs.activity.push(newestApt);
  return logs;
}

/** The databases package managers rewrite on every change: their modification time is the last change. */
const DATABASES: { source: string; paths: string[] }[] = [
  { source: 'dpkg database', paths: ['/var/lib/dpkg/info', '/var/lib/dpkg/status'] },
  {
    source: 'rpm database',
    paths: [
      '/var/lib/rpm/rpmdb.sqlite',
      '/var/lib/rpm/Packages',
      '/var/lib/rpm/Packages.db',
      '/usr/lib/sysimage/rpm/rpmdb.sqlite',
      '/usr/lib/sysimage/rpm/Packages.db',
    ],
  },
  { source: 'apk database', paths: ['/lib/apk/db/installed'] },
];

async function readPackageDatabases(context: HostContext): Promise<Located<PackageActivity>[]> {
  const found = await Promise.all(
    DATABASES.map(async ({ source, paths }) => {
      const stats = await Promise.all(paths.map((path) => statOf(context, path)));
      let best: Located<PackageActivity> | undefined;
      let bestMs = -Infinity;
      for (const [index, file] of stats.entries()) {
        if (file === undefined || file.mtimeMs <= bestMs) continue;
        bestMs = file.mtimeMs;
        best = {
          value: { time: new Date(file.mtimeMs).toISOString(), source },
          at: context.at(paths[index]!),
        };
      }
      return best;
    }),
  );
  return found.filter((entry): entry is Located<PackageActivity> => entry !== undefined);
}

/**
 * Ubuntu's update-notifier writes what `apt` would say at login: `12 updates can be applied immediately.`,
 * `5 of these updates are standard security updates.`, `7 additional security updates can be applied with ESM`.
 */
export function parseUpdatesAvailable(text: string): { total?: number; security: number } | undefined {
  const total = /(\d+) (?:updates?|packages?) can be (?:applied|updated|installed)/.exec(text)?.[1];
  let security = 0;
  let said = false;
  for (const match of text.matchAll(
    /(\d+) (?:of these )?(?:additional )?(?:updates? (?:is|are) (?:a )?(?:standard )?)?security updates?/g,
  )) {
    security += Number(match[1]);
    said = true;
  }
  if (total === undefined && !said) return undefined;
  return { ...(total !== undefined ? { total: Number(total) } : {}), security };
}

async function readPendingUpdates(
  context: HostContext,
): Promise<Located<{ total?: number; security: number }> | undefined> {
  const path = '/var/lib/update-notifier/updates-available';
  const text = await context.text(path, 'pending updates', true);
  if (text === undefined) return undefined;
  const parsed = parseUpdatesAvailable(text);
  if (parsed === undefined) return undefined;
  const index = text.search(/security update/);
  return { value: parsed, at: context.at(path, index >= 0 ? lineOf(text, index) : 1) };
}

async function readRebootRequired(
  context: HostContext,
): Promise<Located<{ packages: string[]; since?: string }> | undefined> {
  const path = '/run/reboot-required';
  const file = await statOf(context, path);
  if (file === undefined) return undefined;
  const packages = (await context.text(`${path}.pkgs`, 'packages asking for a reboot', true)) ?? '';
  return {
    value: {
      packages: [
        ...new Set(
          packages
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        ),
      ],
      since: new Date(file.mtimeMs).toISOString(),
    },
    at: context.at(path),
  };
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** `stat` of a host path, or undefined. (HostContext.stat's type also admits BigIntStats.) */
function statOf(context: HostContext, path: string): Promise<Stats | undefined> {
  return stat(context.path(path)).catch(() => undefined);
}
