// The stdio transport with a local command in place of ssh: a node script that joins its stdin and stdout to
// a fake engine's unix socket (what `docker system dial-stdio` does on the remote host). The real ssh, sshd
// and engine are in test/engine/ssh.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEndpoint } from './endpoint.js';
import { CommandAgent, sshCommand } from './ssh-transport.js';

const PIPE = `
import { appendFileSync } from 'node:fs';
import { connect } from 'node:net';
const [socketPath, log] = process.argv.slice(2);
appendFileSync(log, 'started\\n');
const socket = connect(socketPath);
process.stdin.pipe(socket);
socket.pipe(process.stdout);
socket.on('error', (error) => {
  process.stderr.write('warming up\\nfailed to open the raw stream connection: ' + error.message + '\\n');
  process.exit(1);
});
socket.on('close', () => process.exit(0));
`;

let dir: string;
let socketPath: string;
let script: string;
let server: http.Server;
let connections = 0;
/** The fake engine's open connections: each holds a pipe of this process too. */
let open = 0;
let requests: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dt10-stdio-'));
  socketPath = join(dir, 'engine.sock');
  script = join(dir, 'pipe.mjs');
  writeFileSync(script, PIPE);
  server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    if (request.url === '/hang') return;
    const close = request.url === '/close';
    response.writeHead(200, {
      'content-type': 'application/json',
      ...(close ? { connection: 'close' } : {}),
    });
    response.end(JSON.stringify({ url: request.url }));
  });
  server.on('connection', (socket) => {
    connections++;
    open++;
    socket.on('close', () => open--);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function get(agent: http.Agent, path: string, timeoutMs = 5_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: 'docker', path, agent }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  });
}

function started(log: string): number {
  try {
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line === 'started').length;
  } catch {
    return 0;
  }
}

describe('CommandAgent', () => {
  it('carries every request over one process and one connection, concurrent ones queued', async () => {
    const log = join(dir, 'one.log');
    const agent = new CommandAgent([process.execPath, script, socketPath, log], 'fake-ssh');
    const before = connections;
    requests = [];
    try {
      for (let i = 0; i < 5; i++)
        expect((await get(agent, `/serial/${i}`)).body).toBe(`{"url":"/serial/${i}"}`);
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => get(agent, `/parallel/${i}`)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    } finally {
      agent.destroy();
    }
    expect(requests).toHaveLength(25);
    expect(agent.started).toBe(1);
    expect(started(log)).toBe(1);
    expect(connections - before).toBe(1);
  });

  it('starts a new process only after a connection that worked has ended', async () => {
    const log = join(dir, 'reconnect.log');
    const agent = new CommandAgent([process.execPath, script, socketPath, log], 'fake-ssh');
    try {
      await get(agent, '/close');
      await get(agent, '/after-close');
    } finally {
      agent.destroy();
    }
    expect(agent.started).toBe(2);
    expect(started(log)).toBe(2);
  });

  it('fails with the end of the command stderr, and never starts it again', async () => {
    const log = join(dir, 'failing.log');
    const agent = new CommandAgent([process.execPath, script, join(dir, 'nothing.sock'), log], 'fake-ssh');
    try {
      const first = await get(agent, '/_ping').catch((error: Error) => error);
      expect((first as Error).message).toMatch(
        /^fake-ssh exited with code 1 before the engine answered: warming up \| failed to open the raw stream connection: connect ENOENT .*nothing\.sock$/,
      );
      const second = await get(agent, '/version').catch((error: Error) => error);
      expect((second as Error).message).toBe((first as Error).message);
    } finally {
      agent.destroy();
    }
    expect(agent.started).toBe(1);
    expect(started(log)).toBe(1);
  });

  it('says when the command cannot run at all', async () => {
    const agent = new CommandAgent(['/nonexistent/dt10/ssh', 'host'], 'ssh');
    try {
      await expect(get(agent, '/_ping')).rejects.toThrow(
        'cannot run /nonexistent/dt10/ssh: spawn /nonexistent/dt10/ssh ENOENT',
      );
      await expect(get(agent, '/_ping')).rejects.toThrow('cannot run /nonexistent/dt10/ssh');
    } finally {
      agent.destroy();
    }
    expect(agent.started).toBe(1);
  });

  it('times a silent connection out, stops the process, and gives up on it', async () => {
    const log = join(dir, 'hang.log');
    const agent = new CommandAgent([process.execPath, script, socketPath, log], 'fake-ssh');
    try {
      await expect(get(agent, '/hang', 300)).rejects.toThrow('no answer within 300 ms');
      await expect(get(agent, '/_ping')).rejects.toThrow(
        'fake-ssh gave no connection to the engine: no answer within 300 ms',
      );
    } finally {
      agent.destroy();
    }
    expect(started(log)).toBe(1);
  });

  it('keeps node running only while a request is under way', async () => {
    // An idle keep-alive connection must not keep dt10 alive: the agent unrefs the process and its pipes.
    const held = () =>
      process.getActiveResourcesInfo().filter((type) => type === 'ProcessWrap' || type === 'PipeWrap')
        .length - open;
    const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await settle(300); // the processes of earlier tests are gone
    const before = held();
    const agent = new CommandAgent([process.execPath, script, socketPath, join(dir, 'idle.log')], 'fake-ssh');
    try {
      await get(agent, '/idle');
      await settle(0);
      expect(held()).toBe(before);
      requests = [];
      const pending = get(agent, '/hang', 10_000).catch(() => undefined);
      while (!requests.includes('GET /hang')) await settle(10);
      expect(held()).toBeGreaterThan(before);
      agent.destroy();
      await pending;
      expect(agent.started).toBe(1);
    } finally {
      agent.destroy();
    }
  });
});

describe('ssh:// engines', () => {
  it('parse as the Docker CLI parses them', async () => {
    expect(await parseEndpoint('ssh://admin@build.example:2222', {}, {})).toEqual({
      kind: 'ssh',
      label: 'ssh://admin@build.example:2222',
      host: 'build.example',
      user: 'admin',
      port: 2222,
    });
    expect(await parseEndpoint('ssh://build.example', {}, {})).toEqual({
      kind: 'ssh',
      label: 'ssh://build.example',
      host: 'build.example',
    });
    expect(await parseEndpoint('ssh://me@[::1]/run/user/1000/docker.sock', {}, {})).toMatchObject({
      host: '::1',
      user: 'me',
      socketPath: '/run/user/1000/docker.sock',
    });
    expect(await parseEndpoint('ssh://me@host/', {}, {})).not.toHaveProperty('socketPath');
    await expect(parseEndpoint('ssh://me:secret@host', {}, {})).rejects.toThrow('passwords in ssh addresses');
    await expect(parseEndpoint('ssh://host?x=1', {}, {})).rejects.toThrow('no query or fragment');
    await expect(parseEndpoint('ssh://-oProxyCommand=sh', {}, {})).rejects.toThrow('cannot start with "-"');
    await expect(parseEndpoint('ssh://', {}, {})).rejects.toThrow();
  });

  it('run ssh as the Docker CLI does, in batch mode', () => {
    expect(sshCommand({ host: 'build.example' }, 10_000)).toEqual([
      'ssh',
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=10',
      '-T',
      '--',
      'build.example',
      'docker',
      'system',
      'dial-stdio',
    ]);
    expect(
      sshCommand({ host: 'h', user: 'admin', port: 2222, socketPath: "/run/it's docker.sock" }, 2_500),
    ).toEqual([
      'ssh',
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=3',
      '-T',
      '-l',
      'admin',
      '-p',
      '2222',
      '--',
      'h',
      'docker',
      // ssh hands the remote command to a shell: the path is quoted for it.
      `'--host=unix:///run/it'\\''s docker.sock'`,
      'system',
      'dial-stdio',
    ]);
  });
});
