// What an image's own files say about it: which files are really in its final filesystem (symlinks
// followed), its operating system (os-release and the older release files), its accounts, and the
// packages its package databases list. Only the files the reader keeps (sources/image/wanted.ts) can be read.
import type { ImageSpec } from '../../subjects/index.js';

const MAX_LINKS = 40;

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/**
 * The path `path` names in the image's final filesystem once every symlink on the way is followed (as the
 * kernel would, relative links from their own directory); undefined for a loop or too many links.
 */
export function resolvePath(image: ImageSpec, path: string): string | undefined {
  let pending = normalize(path).split('/').filter(Boolean);
  let current = '';
  let links = 0;
  while (pending.length > 0) {
    const next = `${current}/${pending[0]!}`;
    pending = pending.slice(1);
    const file = image.files.get(next);
    if (file?.type === 'symlink' && file.linkTarget !== undefined) {
      if (++links > MAX_LINKS) return undefined;
      const target = file.linkTarget.startsWith('/') ? file.linkTarget : `${current}/${file.linkTarget}`;
      pending = [...normalize(target).split('/').filter(Boolean), ...pending];
      current = '';
      continue;
    }
    current = next;
  }
  return current === '' ? '/' : current;
}

export interface PresentText {
  /** The path asked for. */
  path: string;
  /** The path the text was read from, after symlinks. */
  readFrom: string;
  text: string;
  truncated: boolean;
}

/**
 * The text of a file that is in the image's final filesystem (a symlink followed): undefined when the
 * file is absent, was deleted by a later layer (its old content is no longer what the image uses), or
 * was not read.
 */
export function presentText(image: ImageSpec, path: string): PresentText | undefined {
  const resolved = resolvePath(image, path);
  if (resolved === undefined) return undefined;
  const file = image.files.get(resolved);
  if (file === undefined || (file.type !== 'file' && file.type !== 'hardlink')) return undefined;
  const content = image.contents.get(resolved);
  if (content === undefined) return undefined;
  return { path, readFrom: resolved, text: content.text, truncated: content.truncated };
}

/** `KEY=value` lines of an os-release file, quotes and escapes removed. */
export function parseOsRelease(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2]!.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2)
      value = value.slice(1, -1);
    if (quote === '"') value = value.replace(/\\(["\\$`])/g, '$1');
    fields.set(match[1]!, value);
  }
  return fields;
}

export interface ImageOs {
  /** The os-release `ID` (`debian`, `alpine`, `ubuntu`, `centos`, `rhel`), lower case. */
  id: string;
  /** `VERSION_ID` (`12`, `3.19.1`, `22.04`), or the version a release file names. */
  versionId?: string;
  /** `VERSION_CODENAME` (`bookworm`), when given. */
  codename?: string;
  /** `NAME` (`CentOS Stream` tells Stream from CentOS Linux). */
  name?: string;
  /** What to show: `PRETTY_NAME` or the release file's line. */
  pretty: string;
  /** The file that said it (the path asked for, before symlinks): `/etc/os-release`. */
  path: string;
  /** The lines that said it, for evidence. */
  evidence: string;
}

const REDHAT_RELEASE: [RegExp, string][] = [
  [/^CentOS Stream release (\d+)/i, 'centos-stream'],
  [/^CentOS (?:Linux )?release (\d+(?:\.\d+)?)/i, 'centos'],
  [/^Red Hat Enterprise Linux(?: Server)? release (\d+(?:\.\d+)?)/i, 'rhel'],
  [/^Rocky Linux release (\d+(?:\.\d+)?)/i, 'rocky'],
  [/^AlmaLinux release (\d+(?:\.\d+)?)/i, 'almalinux'],
  [/^Fedora release (\d+)/i, 'fedora'],
  [/^Oracle Linux Server release (\d+(?:\.\d+)?)/i, 'ol'],
];

/**
 * The image's operating system: `/etc/os-release`, else `/usr/lib/os-release`, else the distribution's
 * own release file (`/etc/alpine-release`, `/etc/debian_version`, `/etc/redhat-release`). Undefined for
 * an image without any (scratch, distroless static).
 */
export function imageOs(image: ImageSpec): ImageOs | undefined {
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    const file = presentText(image, path);
    if (!file) continue;
    const fields = parseOsRelease(file.text);
    const id = fields.get('ID')?.toLowerCase();
    if (id === undefined || id === '') continue;
    const os: ImageOs = {
      id,
      pretty: fields.get('PRETTY_NAME') ?? fields.get('NAME') ?? id,
      path,
      evidence: ['ID', 'VERSION_ID', 'VERSION_CODENAME']
        .filter((key) => fields.has(key))
        .map((key) => `${key}=${fields.get(key)!}`)
        .join(' '),
    };
    const versionId = fields.get('VERSION_ID');
    if (versionId) os.versionId = versionId;
    const codename = fields.get('VERSION_CODENAME');
    if (codename) os.codename = codename.toLowerCase();
    const name = fields.get('NAME');
    if (name) os.name = name;
    return os;
  }
  const alpine = presentText(image, '/etc/alpine-release');
  const alpineVersion = alpine?.text.trim();
  if (alpine && alpineVersion)
    return {
      id: 'alpine',
      versionId: alpineVersion,
      pretty: `Alpine Linux ${alpineVersion}`,
      path: alpine.path,
      evidence: alpineVersion,
    };
  const debian = presentText(image, '/etc/debian_version');
  const debianVersion = debian?.text.trim();
  if (debian && debianVersion) {
    // `10.13` is Debian 10; `trixie/sid` is testing, which has no release to end.
    const major = /^(\d+)(?:\.\d+)*$/.exec(debianVersion)?.[1];
    return {
      id: 'debian',
      ...(major !== undefined ? { versionId: major } : {}),
      pretty: `Debian ${debianVersion}`,
      path: debian.path,
      evidence: debianVersion,
    };
  }
  const redhat = presentText(image, '/etc/redhat-release');
  const line = redhat?.text.split('\n')[0]?.trim();
  if (redhat && line)
    for (const [pattern, id] of REDHAT_RELEASE) {
      const version = pattern.exec(line)?.[1];
      if (version !== undefined)
        return {
          id,
          versionId: version,
          ...(id === 'centos-stream' ? { name: 'CentOS Stream' } : {}),
          pretty: line,
          path: redhat.path,
          evidence: line,
        };
    }
  return undefined;
}

export interface Account {
  name: string;
  /** The second field of /etc/passwd (`x` when /etc/shadow holds the password). */
  password: string;
  uid: number;
  gid: number;
  /** 1-based line. */
  line: number;
}

/**
 * The accounts of the image's /etc/passwd (when it is in the final filesystem). NIS compat lines (`+`,
 * `-`) and lines without a numeric UID are not accounts.
 */
export function imageAccounts(image: ImageSpec): Account[] {
  const file = presentText(image, '/etc/passwd');
  if (!file) return [];
  const accounts: Account[] = [];
  file.text.split('\n').forEach((text, index) => {
    const line = text.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    const fields = line.split(':');
    const [name = '', password = '', uid = '', gid = ''] = fields;
    if (fields.length < 4 || name === '' || /^[+-]/.test(name)) return;
    if (!/^\d+$/.test(uid) || !/^\d+$/.test(gid)) return;
    accounts.push({ name, password, uid: Number(uid), gid: Number(gid), line: index + 1 });
  });
  return accounts;
}

export interface ShadowEntry {
  name: string;
  /** The password field: a hash, `!`/`*` (locked), or empty (no password). */
  password: string;
  line: number;
}

/** The entries of the image's /etc/shadow (when it is in the final filesystem). */
export function imageShadow(image: ImageSpec): ShadowEntry[] {
  const file = presentText(image, '/etc/shadow');
  if (!file) return [];
  const entries: ShadowEntry[] = [];
  file.text.split('\n').forEach((text, index) => {
    const fields = text.replace(/\r$/, '').split(':');
    const name = fields[0] ?? '';
    if (fields.length < 2 || name === '' || name.startsWith('#') || /^[+-]/.test(name)) return;
    entries.push({ name, password: fields[1]!, line: index + 1 });
  });
  return entries;
}

export interface InstalledPackage {
  name: string;
  version?: string;
}

export interface PackageDatabase {
  manager: 'dpkg' | 'apk';
  /** The database file, or the directory for distroless' `/var/lib/dpkg/status.d/`. */
  path: string;
  /** In database order, each package once. */
  packages: InstalledPackage[];
  /** The reader kept only the start of the database: there are more. */
  truncated: boolean;
}

/** Paragraphs separated by empty lines, as `key → value` (continuation lines dropped). */
function paragraphs(text: string): Map<string, string>[] {
  const result: Map<string, string>[] = [];
  let current = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      if (current.size > 0) result.push(current);
      current = new Map();
      continue;
    }
    if (/^\s/.test(line)) continue;
    const at = line.indexOf(':');
    if (at <= 0) continue;
    const key = line.slice(0, at);
    if (!current.has(key)) current.set(key, line.slice(at + 1).trim());
  }
  if (current.size > 0) result.push(current);
  return result;
}

function addUnique(list: InstalledPackage[], seen: Set<string>, name: string, version?: string): void {
  const key = `${name}\u0000${version ?? ''}`;
  if (seen.has(key)) return;
  seen.add(key);
  list.push(version ? { name, version } : { name });
}

/** dpkg's status entries that are installed (`Status: install ok installed`); status.d has no Status. */
function dpkgPackages(text: string, list: InstalledPackage[], seen: Set<string>): void {
  for (const paragraph of paragraphs(text)) {
    const name = paragraph.get('Package');
    if (!name) continue;
    const status = paragraph.get('Status');
    if (status !== undefined && !/\binstalled$/.test(status)) continue;
    addUnique(list, seen, name, paragraph.get('Version'));
  }
}

/**
 * The installed packages the image's package databases list: dpkg (`/var/lib/dpkg/status` and
 * distroless' one-file-per-package `status.d/`) and apk (`/lib/apk/db/installed`). rpm keeps a binary
 * database the reader does not open.
 */
export function packageDatabases(image: ImageSpec): PackageDatabase[] {
  const databases: PackageDatabase[] = [];
  const status = presentText(image, '/var/lib/dpkg/status');
  const statusDir = '/var/lib/dpkg/status.d/';
  const dirFiles = [...image.contents.keys()]
    .filter((path) => path.startsWith(statusDir) && image.files.get(path)?.type === 'file')
    .sort();
  if (status || dirFiles.length > 0) {
    const packages: InstalledPackage[] = [];
    const seen = new Set<string>();
    let truncated = false;
    if (status) {
      dpkgPackages(status.text, packages, seen);
      truncated ||= status.truncated;
    }
    for (const path of dirFiles) {
      const content = image.contents.get(path)!;
      dpkgPackages(content.text, packages, seen);
      truncated ||= content.truncated;
    }
    if (packages.length > 0)
      databases.push({
        manager: 'dpkg',
        path: status ? status.path : statusDir.slice(0, -1),
        packages,
        truncated,
      });
  }
  for (const path of ['/lib/apk/db/installed', '/usr/lib/apk/db/installed']) {
    const apk = presentText(image, path);
    if (!apk) continue;
    const packages: InstalledPackage[] = [];
    const seen = new Set<string>();
    for (const paragraph of paragraphs(apk.text)) {
      const name = paragraph.get('P');
      if (name) addUnique(packages, seen, name, paragraph.get('V'));
    }
    if (packages.length > 0) databases.push({ manager: 'apk', path, packages, truncated: apk.truncated });
    // /lib/apk/db is often a link to /usr/lib/apk/db: one database.
    break;
  }
  return databases;
}
