// Real management servers for the probe's tests, each private: on 127.0.0.1 only, on free ports, in temp dirs,
// stopped by the test. Redis and etcd come from Debian (redis-server, etcd-server); a missing one FAILS the test
// with the install line, never skips it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const PROBE_INSTALL_HINT = 'apt-get install -y redis-server etcd-server';

export interface TestServer {
  port: number;
  /** Extra ports (etcd's peer port). */
  ports: number[];
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
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

function findBinary(name: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  for (const dir of dirs) {
    if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} not found (looked in PATH, /usr/sbin, /usr/bin): ${PROBE_INSTALL_HINT}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `binary args`, waits until `ready()` is true (or the process exits, or 20 s), returns a stopper. */
async function startProcess(
  name: string,
  args: string[],
  dir: string,
  ready: () => Promise<boolean>,
): Promise<() => Promise<void>> {
  const binary = findBinary(name);
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  const output: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk));
  let exited: string | undefined;
  const gone = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal ?? `code ${code}`;
      resolve();
    });
    child.once('error', (error) => {
      exited = error.message;
      resolve();
    });
  });
  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited !== undefined || Date.now() > deadline) {
      const tail = Buffer.concat(output).toString('utf8').split('\n').slice(-20).join('\n');
      await stop();
      throw new Error(
        `${name} ${exited !== undefined ? `exited (${exited})` : 'did not get ready in 20 s'} (${PROBE_INSTALL_HINT}); its output:\n${tail}`,
      );
    }
    if (await ready().catch(() => false)) return stop;
    await sleep(100);
  }
}

function tcpAnswers(port: number, send: string, expect: RegExp): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let text = '';
    socket.setTimeout(1_000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('connect', () => socket.write(send));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (expect.test(text)) {
        socket.destroy();
        resolve(true);
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(expect.test(text)));
  });
}

/** redis-server on 127.0.0.1:<free port>, no persistence; with `password`, `--requirepass`. */
export async function startRedis(password?: string): Promise<TestServer> {
  findBinary('redis-server');
  const dir = await mkdtemp(join(tmpdir(), 'dt10-redis-'));
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ];
  if (password !== undefined) args.push('--requirepass', password);
  const stop = await startProcess('redis-server', args, dir, () =>
    tcpAnswers(port, 'PING\r\n', /^(\+PONG|-NOAUTH)/),
  );
  return { port, ports: [port], stop };
}

function httpJson(
  port: number,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method, path, agent: false, timeout: 2_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

/** etcd (one member) with client and peer URLs on 127.0.0.1:<free ports>, plain HTTP. */
export async function startEtcd(): Promise<TestServer & { enableAuth(): Promise<void> }> {
  findBinary('etcd');
  const dir = await mkdtemp(join(tmpdir(), 'dt10-etcd-'));
  const client = await freePort();
  const peer = await freePort();
  const clientUrl = `http://127.0.0.1:${client}`;
  const peerUrl = `http://127.0.0.1:${peer}`;
  const stop = await startProcess(
    'etcd',
    [
      '--name',
      'dt10',
      '--data-dir',
      join(dir, 'data'),
      '--listen-client-urls',
      clientUrl,
      '--advertise-client-urls',
      clientUrl,
      '--listen-peer-urls',
      peerUrl,
      '--initial-advertise-peer-urls',
      peerUrl,
      '--initial-cluster',
      `dt10=${peerUrl}`,
    ],
    dir,
    async () => (await httpJson(client, 'GET', '/health')).text.includes('"health":"true"'),
  );
  return {
    port: client,
    ports: [client, peer],
    stop,
    /** A root user and `auth enable`, through the JSON gateway (the test's own etcd). */
    async enableAuth() {
      for (const [path, body] of [
        ['/v3/auth/role/add', '{"name":"root"}'],
        ['/v3/auth/user/add', '{"name":"root","password":"dt10-test"}'],
        ['/v3/auth/user/grant', '{"user":"root","role":"root"}'],
        ['/v3/auth/enable', '{}'],
      ] as const) {
        const answer = await httpJson(client, 'POST', path, body);
        if (answer.status !== 200) throw new Error(`etcd ${path}: ${answer.status} ${answer.text}`);
      }
    },
  };
}
