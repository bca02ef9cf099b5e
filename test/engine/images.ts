// Test images made without a registry: a busybox root filesystem imported as an image, and `docker build`
// FROM it for images with USER, HEALTHCHECK or files of interest.
import { execFile } from 'node:child_process';
import { chown, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { INSTALL_HINT, jsonLines, type TestEngine } from './dockerd.js';

const run = promisify(execFile);

/** The static busybox copied into the image (Debian's busybox-static). */
export const BUSYBOX = '/bin/busybox';
export const DEFAULT_BUSYBOX_TAG = 'dt10-test/busybox:1';
/** Applets linked in /bin (all of them are in busybox-static). */
export const BUSYBOX_APPLETS = [
  'sh',
  'sleep',
  'ps',
  'top',
  'id',
  'cat',
  'echo',
  'touch',
  'ls',
  'true',
  'false',
  'env',
  'mkdir',
  'rm',
  'chmod',
  'whoami',
] as const;
/** The unprivileged user of the busybox image (/etc/passwd also has root). */
export const APP_USER = { name: 'app', uid: 10001, gid: 10001 } as const;

const PASSWD =
  'root:x:0:0:root:/root:/bin/sh\n' +
  `${APP_USER.name}:x:${APP_USER.uid}:${APP_USER.gid}:app:/home/app:/bin/sh\n` +
  'nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n';
const GROUP = `root:x:0:\n${APP_USER.name}:x:${APP_USER.gid}:\nnogroup:x:65534:\n`;

const imports = new WeakMap<TestEngine, Map<string, Promise<string>>>();

/**
 * Imports the busybox root filesystem as `tag` (once per engine and tag) and returns the image id
 * (`sha256:…`). The image's CMD is `sh` and its PATH the usual one.
 */
export function busyboxImage(engine: TestEngine, tag = DEFAULT_BUSYBOX_TAG): Promise<string> {
  let byTag = imports.get(engine);
  if (!byTag) imports.set(engine, (byTag = new Map()));
  let id = byTag.get(tag);
  if (!id) {
    id = importBusybox(engine, tag);
    byTag.set(tag, id);
    id.catch(() => byTag.delete(tag));
  }
  return id;
}

async function importBusybox(engine: TestEngine, tag: string): Promise<string> {
  const rootfs = await busyboxRootfs();
  const { repo, tag: version } = splitTag(tag);
  const query = new URLSearchParams({ fromSrc: '-', repo, tag: version });
  query.append('changes', 'CMD ["sh"]');
  query.append('changes', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  const res = await engine.request('POST', `/images/create?${query}`, rootfs, { timeoutMs: 120_000 });
  const messages = checkStream(res.status, res.text, `importing ${tag}`);
  const id = messages
    .map((message) => (message as { status?: unknown }).status)
    .find((status): status is string => typeof status === 'string' && status.startsWith('sha256:'));
  if (id === undefined) throw new Error(`importing ${tag}: no image id in the answer: ${res.text}`);
  return id;
}

/**
 * The root filesystem tarball: /bin/busybox with its applet links, /etc/passwd and /etc/group with root and
 * app (10001), /tmp (1777), /root and /home/app.
 */
export async function busyboxRootfs(): Promise<Buffer> {
  await checkStaticBusybox();
  const dir = await mkdtemp(join(tmpdir(), 'dt10-rootfs-'));
  try {
    const root = join(dir, 'rootfs');
    for (const sub of ['bin', 'etc', 'tmp', 'root', 'home/app', 'proc', 'sys', 'dev']) {
      await mkdir(join(root, sub), { recursive: true });
    }
    await copyFile(BUSYBOX, join(root, 'bin', 'busybox'));
    for (const applet of BUSYBOX_APPLETS) await symlink('busybox', join(root, 'bin', applet));
    await writeFile(join(root, 'etc', 'passwd'), PASSWD);
    await writeFile(join(root, 'etc', 'group'), GROUP);
    await chown(join(root, 'home', 'app'), APP_USER.uid, APP_USER.gid).catch(() => undefined);
    return await tarDirectory(root, { mode: { tmp: '1777', root: '0700' } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Builds `dockerfile` (with `files` beside it in the context) as `tag` through POST /build (the classic
 * builder) and returns the image id. Use `FROM dt10-test/busybox:1` after `busyboxImage(engine)`.
 */
export async function buildImage(
  engine: TestEngine,
  dockerfile: string,
  tag: string,
  files: Record<string, string | Buffer> = {},
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dt10-context-'));
  let context: Buffer;
  try {
    await writeFile(join(dir, 'Dockerfile'), dockerfile);
    for (const [name, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), content);
    }
    context = await tarDirectory(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const query = new URLSearchParams({ t: tag, rm: '1', forcerm: '1' });
  const res = await engine.request('POST', `/build?${query}`, context, { timeoutMs: 120_000 });
  const messages = checkStream(res.status, res.text, `building ${tag}`);
  const id = messages
    .map((message) => (message as { aux?: { ID?: unknown } }).aux?.ID)
    .find((value): value is string => typeof value === 'string');
  if (id === undefined) throw new Error(`building ${tag}: no image id in the answer: ${res.text}`);
  return id;
}

/** A tar of `dir`'s contents (paths `./…`, owners numeric), made with the tar CLI. */
export async function tarDirectory(
  dir: string,
  options: { mode?: Record<string, string> } = {},
): Promise<Buffer> {
  for (const [path, mode] of Object.entries(options.mode ?? {})) {
    await run('chmod', [mode, join(dir, path)]);
  }
  const { stdout } = await run('tar', ['--numeric-owner', '-C', dir, '-cf', '-', '.'], {
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

/** `repo:tag` (the tag after the last colon that follows the last slash; `latest` when none). */
export function splitTag(reference: string): { repo: string; tag: string } {
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/')) {
    return { repo: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  }
  return { repo: reference, tag: 'latest' };
}

/** The messages of an NDJSON progress stream; throws on an HTTP error or an `error` message in the stream. */
function checkStream(status: number, text: string, what: string): unknown[] {
  if (status !== 200) throw new Error(`${what}: HTTP ${status}: ${text}`);
  const messages = jsonLines(text);
  for (const message of messages) {
    const error = (message as { error?: unknown }).error;
    if (typeof error === 'string') throw new Error(`${what}: ${error}`);
  }
  return messages;
}

/** Throws unless BUSYBOX exists and is statically linked (a dynamic one cannot run in the bare image). */
async function checkStaticBusybox(): Promise<void> {
  let elf: Buffer;
  try {
    elf = await readFile(BUSYBOX);
  } catch {
    throw new Error(`busybox not found at ${BUSYBOX}: ${INSTALL_HINT}`);
  }
  if (hasInterpreter(elf)) {
    throw new Error(`${BUSYBOX} is dynamically linked; the test image needs the static one: ${INSTALL_HINT}`);
  }
}

/** True when a 64-bit little-endian ELF file has a PT_INTERP program header (is dynamically linked). */
function hasInterpreter(elf: Buffer): boolean {
  if (elf.length < 64 || elf.readUInt32BE(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1) return false;
  const phoff = Number(elf.readBigUInt64LE(0x20));
  const phentsize = elf.readUInt16LE(0x36);
  const phnum = elf.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 4 <= elf.length && elf.readUInt32LE(at) === 3) return true;
  }
  return false;
}

/**
 * `skopeo copy` (Debian's skopeo) between transports, e.g. `docker-archive:a.tar` → `oci:dir:tag`: how the
 * tests make OCI layouts of images a dockerd saved.
 */
export async function skopeoCopy(from: string, to: string): Promise<void> {
  try {
    await promisify(execFile)('skopeo', ['--insecure-policy', 'copy', '--quiet', from, to], {
      timeout: 60_000,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error('skopeo not found: apt-get install skopeo', { cause: error });
    throw new Error(`skopeo copy ${from} ${to}: ${e.stderr ?? e.message}`, { cause: error });
  }
}
