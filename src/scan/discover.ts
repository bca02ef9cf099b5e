// Finds the files to scan: walks directories in parallel, honours .gitignore files, skips node_modules and
// .git, and follows a symlink only when it stays inside the scanned root.
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export type FileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'yaml' | 'auto';

export interface DiscoveredFile {
  path: string;
  /**
   * `yaml` means "decide by content": Kubernetes, compose, or neither (then skipped silently);
   * `auto` (a file named on the command line with no telling name) also may be a Dockerfile.
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

export function classifyByName(path: string): FileKind | undefined {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (
    lower === 'dockerfile' ||
    lower === 'containerfile' ||
    lower.startsWith('dockerfile.') ||
    lower.startsWith('containerfile.') ||
    lower.endsWith('.dockerfile') ||
    lower.endsWith('.containerfile')
  )
    return 'dockerfile';
  if (/^(docker-)?compose([.-].*)?\.ya?ml$/.test(lower)) return 'compose';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return undefined;
}

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

export async function discover(
  inputs: readonly string[],
): Promise<{ files: DiscoveredFile[]; problems: DiscoveryProblem[] }> {
  const files: DiscoveredFile[] = [];
  const problems: DiscoveryProblem[] = [];
  for (const input of inputs) {
    const absolute = resolve(input);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(absolute);
    } catch (error) {
      problems.push({
        path: input,
        message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      });
      continue;
    }
    if (info.isDirectory()) {
      const root = await realpath(absolute);
      await walk({ root, display: input }, root, [], files, problems, new Set([root]));
    } else if (info.isFile()) {
      files.push({ path: input, kind: classifyByName(input) ?? 'auto', explicit: true });
    } else {
      problems.push({ path: input, message: 'not a regular file or directory' });
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}

async function loadGitignore(directory: string): Promise<Ignore | undefined> {
  try {
    const text = await readFile(join(directory, '.gitignore'), 'utf8');
    return ignore().add(text);
  } catch {
    return undefined;
  }
}

function isIgnored(path: string, isDirectory: boolean, scopes: readonly IgnoreScope[]): boolean {
  for (const scope of scopes) {
    const rel = relative(scope.base, path).split(sep).join('/');
    if (rel === '' || rel.startsWith('..')) continue;
    if (scope.rules.ignores(isDirectory ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** The real path of a scanned directory, and the path the user wrote for it, which reports show. */
interface WalkRoot {
  root: string;
  display: string;
}

async function walk(
  top: WalkRoot,
  directory: string,
  parentScopes: readonly IgnoreScope[],
  files: DiscoveredFile[],
  problems: DiscoveryProblem[],
  visited: Set<string>,
): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    problems.push({
      path: join(top.display, relative(top.root, directory)),
      message: `cannot list: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    });
    return;
  }
  const gitignore = entries.some((e) => e.name === '.gitignore') ? await loadGitignore(directory) : undefined;
  const scopes = gitignore ? [...parentScopes, { base: directory, rules: gitignore }] : parentScopes;
  const subdirectories: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    let target = path;
    if (entry.isSymbolicLink()) {
      try {
        target = await realpath(path);
      } catch {
        continue;
      }
      if (target !== top.root && !target.startsWith(top.root + sep)) continue;
      const info = await lstat(target);
      isDirectory = info.isDirectory();
      isFile = info.isFile();
    }
    if (isDirectory) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(path, true, scopes) || visited.has(target))
        continue;
      visited.add(target);
      subdirectories.push(path);
    } else if (isFile) {
      const kind = classifyByName(entry.name);
      if (kind && !isIgnored(path, false, scopes))
        files.push({ path: join(top.display, relative(top.root, path)), kind, explicit: false });
    }
  }
  await Promise.all(subdirectories.map((sub) => walk(top, sub, scopes, files, problems, visited)));
}
