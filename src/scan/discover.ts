// Finds the files to scan: walks directories in parallel, honours .gitignore files (nested ones too, with
// their negations), skips node_modules and .git, and follows a symlink only when it stays inside the
// scanned root, reaching each real directory and file once.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { looksLikeImage } from '../sources/image/looks-like.js';

export type FileKind =
  | 'dockerfile'
  | 'compose'
  | 'kubernetes'
  | 'yaml'
  | 'daemon-json'
  | 'dockerd-flags'
  | 'shell'
  | 'makefile'
  | 'markdown'
  | 'image'
  | 'auto';

export interface DiscoveredFile {
  path: string;
  /**
   * `yaml` means "decide by content": Kubernetes, compose, or neither (then skipped silently);
   * `auto` (a file named on the command line with no telling name) also may be a Dockerfile or an image;
   * `image` is a `.tar` (read as an image when its first members say so, else skipped) or an OCI layout
   * directory.
   */
  kind: FileKind;
  /** True when the user named the file: a file that is not ours is then worth saying so. */
  explicit: boolean;
}

export interface DiscoveryProblem {
  path: string;
  message: string;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Files named like a Dockerfile that are not one: per-Dockerfile ignore files (`Dockerfile.dockerignore`),
 * notes, and editor or merge leftovers.
 */
const NOT_DOCKERFILE = /\.(dockerignore|md|txt|orig|rej|bak|swp)$|~$/;

export function classifyByName(path: string): FileKind | undefined {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (
    (lower === 'dockerfile' ||
      lower === 'containerfile' ||
      lower.startsWith('dockerfile.') ||
      lower.startsWith('containerfile.') ||
      lower.endsWith('.dockerfile') ||
      lower.endsWith('.containerfile')) &&
    !NOT_DOCKERFILE.test(lower)
  )
    return 'dockerfile';
  if (/^(docker-)?compose([.-].*)?\.ya?ml$/.test(lower)) return 'compose';
  if (lower.endsWith('.tar')) return 'image';
  const engine = classifyEngineConfig(path, lower);
  if (engine) return engine;
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return classifyScript(lower);
}

/** Files that may hold `docker run` lines: shell scripts, Makefiles, Markdown (its shell code blocks). */
function classifyScript(lower: string): FileKind | undefined {
  if (/\.(sh|bash|zsh|ksh)$/.test(lower)) return 'shell';
  if (lower === 'makefile' || lower === 'gnumakefile' || lower.endsWith('.mk')) return 'makefile';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  return undefined;
}

/**
 * The Docker Engine's configuration: `daemon.json` (or other JSON under an `etc/docker/` path, judged by
 * content), systemd units (`*.service`, drop-ins `docker.service.d/*.conf`, judged by their ExecStart) and
 * DOCKER_OPTS files (`default/docker`, `sysconfig/docker`, `docker.env`). Needs the path, not just the name.
 */
function classifyEngineConfig(path: string, lower: string): FileKind | undefined {
  const parts = path.toLowerCase().split(/[\\/]+/);
  const parent = parts[parts.length - 2];
  if (lower === 'daemon.json') return 'daemon-json';
  if (lower.endsWith('.json') && /(^|[\\/])etc[\\/]+docker[\\/]/i.test(path)) return 'daemon-json';
  if (lower.endsWith('.service') || (parent === 'docker.service.d' && lower.endsWith('.conf')))
    return 'dockerd-flags';
  if (lower === 'docker.env' || (lower === 'docker' && (parent === 'default' || parent === 'sysconfig')))
    return 'dockerd-flags';
  return undefined;
}

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

/** A file found, with its real path so that one reached twice (through a symlink) is scanned once. */
interface Found {
  file: DiscoveredFile;
  real: string;
  /** Reached through a symlink: the file's own path is preferred when both are found. */
  linked: boolean;
}

/** A symlink to a directory inside the root, followed once the real directories have all been walked. */
interface PendingLink {
  path: string;
  real: string;
  scopes: readonly IgnoreScope[];
}

/** One scanned directory: its real path, the path the user wrote for it (which reports show), state. */
interface Walk {
  root: string;
  display: string;
  found: Found[];
  problems: DiscoveryProblem[];
  /** Real paths of the directories walked, so that no directory is walked twice (symlink loops). */
  visited: Set<string>;
  links: PendingLink[];
  exclude?: (absolutePath: string, isDirectory: boolean) => boolean;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

export interface DiscoverOptions {
  /**
   * Paths the user excluded (config `exclude`): an absolute path, and whether it is a directory. Applies
   * to what the walk finds; a file named on the command line is scanned regardless.
   */
  exclude?: (absolutePath: string, isDirectory: boolean) => boolean;
}

export async function discover(
  inputs: readonly string[],
  options: DiscoverOptions = {},
): Promise<{ files: DiscoveredFile[]; problems: DiscoveryProblem[] }> {
  const found: Found[] = [];
  const problems: DiscoveryProblem[] = [];
  for (const input of inputs) {
    const absolute = resolve(input);
    let info: Awaited<ReturnType<typeof stat>>;
    let real: string;
    try {
      info = await stat(absolute);
      real = await realpath(absolute);
    } catch (error) {
      problems.push({ path: input, message: `cannot read: ${errorCode(error)}` });
      continue;
    }
    if (info.isDirectory() && (await looksLikeImage(absolute))) {
      found.push({ file: { path: input, kind: 'image', explicit: true }, real, linked: false });
    } else if (info.isDirectory()) {
      await walkRoot({
        root: real,
        display: input,
        found,
        problems,
        visited: new Set([real]),
        links: [],
        ...(options.exclude ? { exclude: options.exclude } : {}),
      });
    } else if (info.isFile()) {
      let kind = classifyByName(input) ?? classifyByName(absolute) ?? 'auto';
      if (kind === 'auto' && (await looksLikeImage(absolute))) kind = 'image';
      found.push({
        file: { path: input, kind, explicit: true },
        real,
        linked: false,
      });
    } else {
      problems.push({ path: input, message: 'not a regular file or directory' });
    }
  }
  return { files: unique(found), problems };
}

/** One entry per real file: the one the user named, else the one not reached through a symlink. */
function unique(found: Found[]): DiscoveredFile[] {
  const rank = (f: Found) => (f.file.explicit ? 0 : f.linked ? 2 : 1);
  const byReal = new Map<string, Found>();
  for (const candidate of [...found].sort((a, b) => compare(a.file.path, b.file.path))) {
    const kept = byReal.get(candidate.real);
    if (!kept || rank(candidate) < rank(kept)) byReal.set(candidate.real, candidate);
  }
  return [...byReal.values()].map((f) => f.file).sort((a, b) => compare(a.path, b.path));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function walkRoot(walk: Walk): Promise<void> {
  await walkDirectory(walk, walk.root, walk.root, [], false);
  // Symlinked directories come after every real one, in name order, so which path a directory is
  // reported under does not depend on the order the file system lists or answers.
  while (walk.links.length > 0) {
    const links = walk.links.sort((a, b) => compare(a.path, b.path));
    walk.links = [];
    for (const link of links) {
      if (walk.visited.has(link.real)) continue;
      walk.visited.add(link.real);
      await walkDirectory(walk, link.path, link.real, link.scopes, true);
    }
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

async function loadGitignore(directory: string): Promise<Ignore | undefined> {
  try {
    const text = await readFile(join(directory, '.gitignore'), 'utf8');
    return ignore().add(text);
  } catch {
    return undefined;
  }
}

/** Git's answer: the deepest .gitignore that says anything about the path decides, `!negations` included. */
function isIgnored(path: string, isDirectory: boolean, scopes: readonly IgnoreScope[]): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const rel = relative(scope.base, path).split(sep).join('/');
    if (rel === '' || rel === '..' || rel.startsWith('../') || isAbsolute(rel)) continue;
    try {
      const result = scope.rules.test(isDirectory ? `${rel}/` : rel);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    } catch {
      // `ignore` refuses names it cannot take as relative paths (`...`): no rule can be meant for them.
    }
  }
  return ignored;
}

/** `directory` is the path as walked (under the root, maybe through a symlink); `real` is where it is. */
async function walkDirectory(
  walk: Walk,
  directory: string,
  real: string,
  parentScopes: readonly IgnoreScope[],
  linked: boolean,
): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    walk.problems.push({
      path: join(walk.display, relative(walk.root, directory)),
      message: `cannot list: ${errorCode(error)}`,
    });
    return;
  }
  const display = (path: string) => join(walk.display, relative(walk.root, path));
  // An OCI image layout is one input, an image: its blobs are not files to scan one by one.
  if (directory !== walk.root && entries.some((e) => e.name === 'oci-layout' && e.isFile())) {
    if (!walk.exclude?.(directory, true))
      walk.found.push({
        file: { path: display(directory), kind: 'image', explicit: false },
        real,
        linked,
      });
    return;
  }
  const gitignore = entries.some((e) => e.name === '.gitignore') ? await loadGitignore(directory) : undefined;
  const scopes = gitignore ? [...parentScopes, { base: directory, rules: gitignore }] : parentScopes;
  const subdirectories: { path: string; real: string }[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    let target = join(real, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    const isLink = entry.isSymbolicLink();
    if (isLink) {
      try {
        target = await realpath(path);
        if (!isInside(target, walk.root)) continue;
        const info = await stat(target);
        isDirectory = info.isDirectory();
        isFile = info.isFile();
      } catch {
        // A dangling link, a loop of links, or one removed meanwhile: nothing to read.
        continue;
      }
    }
    if (isDirectory) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(path, true, scopes)) continue;
      if (walk.exclude?.(path, true)) continue;
      if (isLink) walk.links.push({ path, real: target, scopes });
      else if (!walk.visited.has(target)) {
        walk.visited.add(target);
        subdirectories.push({ path, real: target });
      }
    } else if (isFile) {
      const kind = classifyByName(path);
      if (kind && !isIgnored(path, false, scopes) && !walk.exclude?.(path, false))
        walk.found.push({
          file: { path: display(path), kind, explicit: false },
          real: target,
          linked: linked || isLink,
        });
    }
  }
  await Promise.all(subdirectories.map((sub) => walkDirectory(walk, sub.path, sub.real, scopes, linked)));
}
