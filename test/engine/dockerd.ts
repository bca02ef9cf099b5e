// A private Docker engine for integration tests: dockerd on a unix socket in a temp dir of its own (never the
// system daemon, never /var/run/docker.sock), optionally also on 127.0.0.1 over mutual TLS. See
// ../shared/DESIGN.md "A real engine in tests". Needs root and Debian's docker.io (dockerd 20.10, API 1.41).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe } from 'vitest';
import { makeTestPki } from '../tls-certificates.js';

/**
 * `describe` for suites that need a real engine. They FAIL when dockerd is missing or cannot start (the error
 * says what to install); `DT10_SKIP_ENGINE_TESTS=1` is the one, explicit, way to skip them.
 */
export const engineDescribe = process.env.DT10_SKIP_ENGINE_TESTS === '1' ? describe.skip : describe;

export const INSTALL_HINT = 'apt-get install docker.io busybox-static';

export interface EngineResponse<T = unknown> {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The body parsed as JSON, `undefined` when it is not one JSON value (e.g. the NDJSON of import/build). */
  json: T;
}

export interface RequestOptions {
  /** Extra request headers. A Buffer body is sent as `application/x-tar` unless `content-type` is given. */
  headers?: Record<string, string>;
  /** Milliseconds before the request is aborted (default 60 s). */
  timeoutMs?: number;
}

export interface EngineTls {
  /** `tcp://127.0.0.1:<port>`, also on the engine as `tcpUrl`. */
  tcpUrl: string;
  host: string;
  port: number;
  /** Client-side files: the CA that signed the server certificate, the client certificate and its key. */
  ca: string;
  cert: string;
  key: string;
  /** The directory holding ca.pem, cert.pem and key.pem, as DOCKER_CERT_PATH expects. */
  certPath: string;
  /** DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for a client of the TLS listener. */
  env: Record<string, string>;
}

export interface TestEngine {
  /** The temp dir holding the socket, data-root, exec-root, pidfile, log and certificates. */
  dir: string;
  socketPath: string;
  /** `unix://<socketPath>`. */
  url: string;
  /** DOCKER_HOST for a client of the unix socket. */
  env: Record<string, string>;
  pid: number;
  logPath: string;
  /** Set when started with `tls: true`. */
  tcpUrl?: string;
  tls?: EngineTls;
  /** One request to the engine's unix socket. Objects are sent as JSON, Buffers as they are. */
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<EngineResponse<T>>;
  /** The last `lines` lines of dockerd's log. */
  logTail(lines?: number): string;
  /** Removes all containers and user networks, stops dockerd (SIGTERM, SIGKILL after 10 s), removes `dir`. Never throws. */
  stop(): Promise<void>;
}

export interface StartEngineOptions {
  /** Also listen on tcp://127.0.0.1:<free port> with --tlsverify and certificates made by openssl. */
  tls?: boolean;
  /** The dockerd binary (default: $DT10_DOCKERD, else `dockerd` on PATH, /usr/sbin, /usr/bin). */
  dockerd?: string;
  /** More dockerd flags. */
  extraArgs?: string[];
  /** Milliseconds to wait for /_ping (default 20 s). */
  timeoutMs?: number;
}

/** A request over a unix socket with Node's http module. */
export function unixRequest<T = unknown>(
  socketPath: string,
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<EngineResponse<T>> {
  const headers: Record<string, string> = { host: 'docker', ...lowerKeys(options.headers ?? {}) };
  let payload: Buffer | undefined;
  if (body !== undefined) {
    if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
      payload = Buffer.from(body);
      headers['content-type'] ??= 'application/x-tar';
    } else if (typeof body === 'string') {
      payload = Buffer.from(body);
      headers['content-type'] ??= 'text/plain';
    } else {
      payload = Buffer.from(JSON.stringify(body));
      headers['content-type'] ??= 'application/json';
    }
    headers['content-length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        const text = buffer.toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: buffer,
          text,
          json: parseJson(text) as T,
        });
      });
    });
    req.setTimeout(options.timeoutMs ?? 60_000, () =>
      req.destroy(
        new Error(`${method} ${path} on ${socketPath}: no answer in ${options.timeoutMs ?? 60_000} ms`),
      ),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The JSON values of a newline-delimited JSON stream (the progress of /images/create and /build). */
export function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => parseJson(line))
    .filter((value) => value !== undefined);
}

/** Starts a private dockerd and waits until it answers GET /_ping. Throws a fixable message when it cannot. */
export async function startEngine(options: StartEngineOptions = {}): Promise<TestEngine> {
  const dockerd = findDockerd(options.dockerd);
  const dir = await makeDir();
  const socketPath = join(dir, 'docker.sock');
  const logPath = join(dir, 'dockerd.log');
  // A system containerd at /run/containerd/containerd.sock would be shared by every daemon: give each its own
  // namespaces there (with dockerd's own containerd, which is the usual case here, they change nothing).
  const namespace = `dt10-${dir.slice(dir.lastIndexOf('-') + 1)}`;
  const args = [
    '--storage-driver=overlay2',
    '-H',
    `unix://${socketPath}`,
    '--data-root',
    join(dir, 'data'),
    '--exec-root',
    join(dir, 'exec'),
    '--pidfile',
    join(dir, 'dockerd.pid'),
    '--bridge=none',
    '--iptables=false',
    '--containerd-namespace',
    namespace,
    '--containerd-plugins-namespace',
    `${namespace}-plugins`,
  ];
  let tls: EngineTls | undefined;
  if (options.tls) {
    try {
      const server = await makeCertificates(dir);
      const port = await freePort();
      const tcpUrl = `tcp://127.0.0.1:${port}`;
      const client = join(dir, 'client');
      tls = {
        tcpUrl,
        host: '127.0.0.1',
        port,
        ca: join(client, 'ca.pem'),
        cert: join(client, 'cert.pem'),
        key: join(client, 'key.pem'),
        certPath: client,
        env: { DOCKER_HOST: tcpUrl, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: client },
      };
      args.push(
        '-H',
        tcpUrl,
        '--tlsverify',
        '--tlscacert',
        server.ca,
        '--tlscert',
        server.cert,
        '--tlskey',
        server.key,
      );
    } catch (error) {
      await removeDir(dir);
      throw error;
    }
  }
  args.push(...(options.extraArgs ?? []));

  const log = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    // dockerd looks up containerd, runc and docker-init on PATH; Debian puts runc in /usr/sbin.
    const path = [process.env.PATH, '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']
      .filter(Boolean)
      .join(delimiter);
    child = spawn(dockerd, args, { stdio: ['ignore', log, log], env: { ...process.env, PATH: path } });
  } finally {
    closeSync(log);
  }
  child.unref();
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`could not run ${dockerd}: ${error.message}`));
    child.once('exit', (code, signal) => resolve(`dockerd exited (${signal ?? `code ${code}`})`));
  });
  let done = false;
  void exited.then(() => (done = true));
  // A test process that dies without stop() still asks dockerd to shut down (it then stops on its own).
  const onExit = () => {
    if (!done && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', onExit);

  const tail = (lines = 30) => logTail(logPath, lines);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  let lastError: string;
  for (;;) {
    if (done) {
      const why = await exited;
      const log = tail();
      process.removeListener('exit', onExit);
      await removeDir(dir);
      throw new Error(
        `${why} before answering GET /_ping on ${socketPath}. ` +
          `dockerd must run as root with containerd and runc installed (${INSTALL_HINT}). ` +
          `Log tail:\n${log}`,
      );
    }
    try {
      const ping = await unixRequest(socketPath, 'GET', '/_ping', undefined, { timeoutMs: 1_000 });
      if (ping.status === 200 && ping.text === 'OK') break;
      lastError = `HTTP ${ping.status}: ${ping.text}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    if (Date.now() > deadline) {
      const log = tail();
      await shutdown(child, dir, exited, () => done);
      process.removeListener('exit', onExit);
      await removeDir(dir);
      throw new Error(
        `dockerd did not answer GET /_ping on ${socketPath} within ${timeoutMs} ms (last: ${lastError}). ` +
          `Log tail:\n${log}`,
      );
    }
    await sleep(100);
  }

  let stopping: Promise<void> | undefined;
  const engine: TestEngine = {
    dir,
    socketPath,
    url: `unix://${socketPath}`,
    env: { DOCKER_HOST: `unix://${socketPath}` },
    pid: child.pid ?? 0,
    logPath,
    ...(tls ? { tcpUrl: tls.tcpUrl, tls } : {}),
    request: (method, path, body, requestOptions) =>
      unixRequest(socketPath, method, path, body, requestOptions),
    logTail: tail,
    stop() {
      stopping ??= (async () => {
        try {
          if (!done) await removeContainersAndNetworks(engine);
          await shutdown(child, dir, exited, () => done);
        } catch (error) {
          console.warn(`dt10 test engine ${dir}: stopping failed: ${(error as Error).message}`);
        } finally {
          process.removeListener('exit', onExit);
        }
        await removeDir(dir);
      })();
      return stopping;
    },
  };
  return engine;
}

function findDockerd(explicit: string | undefined): string {
  const wanted = explicit ?? process.env.DT10_DOCKERD;
  if (wanted !== undefined && wanted !== '') {
    if (isExecutable(wanted)) return wanted;
    throw new Error(`dockerd not found at ${wanted}: ${INSTALL_HINT}`);
  }
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = join(dir, 'dockerd');
    if (isExecutable(candidate)) return candidate;
  }
  throw new Error(`dockerd not found (looked in PATH and /usr/sbin): ${INSTALL_HINT}`);
}

function isExecutable(path: string): boolean {
  try {
    const stat = statSync(path);
    return stat.isFile() && (stat.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

async function makeDir(): Promise<string> {
  // A unix socket path holds at most 107 bytes; a long TMPDIR falls back to /tmp.
  const base = tmpdir().length <= 60 ? tmpdir() : '/tmp';
  const dir = await mkdtemp(join(base, 'dt10-engine-'));
  await mkdir(join(dir, 'data'));
  await mkdir(join(dir, 'exec'));
  return dir;
}

/**
 * Removes every container (or dockerd waits 10 s for each on shutdown), then every user-defined network (a
 * bridge network's interface would outlive dockerd on the host).
 */
async function removeContainersAndNetworks(engine: TestEngine): Promise<void> {
  const warn = (what: string, res: EngineResponse) =>
    console.warn(`dt10 test engine ${engine.dir}: removing ${what}: HTTP ${res.status} ${res.text}`);
  const containers = await engine.request<Array<{ Id: string }>>('GET', '/containers/json?all=1', undefined, {
    timeoutMs: 10_000,
  });
  if (containers.status === 200 && Array.isArray(containers.json)) {
    await Promise.all(
      containers.json.map(async ({ Id }) => {
        const res = await engine.request('DELETE', `/containers/${Id}?force=true&v=true`, undefined, {
          timeoutMs: 20_000,
        });
        if (res.status !== 204 && res.status !== 404) warn(`container ${Id}`, res);
      }),
    );
  }
  const networks = await engine.request<Array<{ Id: string; Name: string }>>('GET', '/networks', undefined, {
    timeoutMs: 10_000,
  });
  if (networks.status === 200 && Array.isArray(networks.json)) {
    for (const { Id, Name } of networks.json) {
      if (['none', 'host', 'bridge'].includes(Name)) continue;
      const res = await engine.request('DELETE', `/networks/${Id}`, undefined, { timeoutMs: 10_000 });
      if (res.status !== 204 && res.status !== 404) warn(`network ${Name}`, res);
    }
  }
}

/** SIGTERM, wait up to 10 s, then SIGKILL dockerd and the containerd it supervised. */
async function shutdown(
  child: ChildProcess,
  dir: string,
  exited: Promise<string>,
  isDone: () => boolean,
): Promise<void> {
  if (isDone() || child.pid === undefined) return;
  child.kill('SIGTERM');
  if (await settlesWithin(exited, 10_000)) return;
  console.warn(`dt10 test engine ${dir}: dockerd ignored SIGTERM for 10 s, killing it`);
  child.kill('SIGKILL');
  const containerdPid = readPid(join(dir, 'exec', 'containerd', 'containerd.pid'));
  if (containerdPid !== undefined) {
    try {
      process.kill(containerdPid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await settlesWithin(exited, 5_000);
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Mount points at or below `dir`, deepest first (from /proc/self/mountinfo). */
export function mountsUnder(dir: string): string[] {
  let info: string;
  try {
    info = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return [];
  }
  return info
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point): point is string => point !== undefined)
    .map((point) =>
      point.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))),
    )
    .filter((point) => point === dir || point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

/**
 * Removes the engine's dir. Leftover mounts (overlay layers, netns) are unmounted first, and the dir is never
 * removed through a mount point that stays; what cannot be removed is left and logged, never thrown.
 */
async function removeDir(dir: string): Promise<void> {
  for (const point of mountsUnder(dir)) {
    spawnSync('umount', [point], { stdio: 'ignore' });
    if (mountsUnder(dir).includes(point)) spawnSync('umount', ['-l', point], { stdio: 'ignore' });
  }
  const left = mountsUnder(dir);
  if (left.length > 0) {
    console.warn(`dt10 test engine: leaving ${dir}, still mounted: ${left.join(', ')}`);
    return;
  }
  try {
    await rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 });
  } catch (error) {
    console.warn(`dt10 test engine: could not remove ${dir}: ${(error as Error).message}`);
  }
}

function logTail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The TLS engine's server files in `<dir>/tls`, and a client's (with the CA) in `<dir>/client`. */
async function makeCertificates(dir: string): Promise<{ ca: string; cert: string; key: string }> {
  const client = join(dir, 'client');
  await mkdir(client);
  const pki = makeTestPki(join(dir, 'tls'), {
    client: { cert: join(client, 'cert.pem'), key: join(client, 'key.pem') },
  });
  await writeFile(join(client, 'ca.pem'), await readFile(pki.ca));
  return pki;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}
