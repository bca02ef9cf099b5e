// Engines that fail: one answering 500 to everything, one that accepts connections and never answers, one
// whose answer stops halfway. Each becomes an error naming the engine within --timeout; files scanned beside
// them are still reported. An answer that keeps coming, however slowly, is not cut off.
import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../run-cli.js';
import { makeTempDir } from '../temp-dir.js';

function listen(path: string, onConnection: (socket: Socket) => void): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer(onConnection);
    server.listen(path, () => resolve(server));
  });
}

describe('failing engines', () => {
  const dir = makeTempDir('dt10-failing-engine');
  const broken = join(dir, 'broken.sock');
  const silent = join(dir, 'silent.sock');
  const stalling = join(dir, 'stalling.sock');
  const trickling = join(dir, 'trickling.sock');
  const servers: { close(): unknown }[] = [];

  /** An engine with no containers whose `/_ping` answer `ping` writes. */
  function engine(path: string, ping: (response: ServerResponse) => void): Promise<void> {
    const answers: Record<string, unknown> = {
      '/version': { Version: '28.0.0', ApiVersion: '1.47', Components: [] },
      '/info': { SecurityOptions: [], LoggingDriver: 'json-file' },
      '/containers/json': [],
      '/networks': [],
    };
    const server = createHttpServer((request, response) => {
      const route = (request.url ?? '').replace(/^\/v[\d.]+/, '').replace(/\?.*$/, '');
      if (route === '/_ping') return ping(response);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answers[route] ?? {}));
    });
    servers.push(server);
    return new Promise((resolve) => server.listen(path, () => resolve()));
  }

  beforeAll(async () => {
    servers.push(
      await listen(broken, (socket) =>
        socket.on('data', () =>
          socket.end(
            'HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: 29\r\n\r\n{"message":"engine exploded"}',
          ),
        ),
      ),
      // Accepts and reads, never answers.
      await listen(silent, (socket) => socket.resume()),
    );
    // Half an answer, then nothing.
    await engine(stalling, (response) => {
      response.writeHead(200, { 'api-version': '1.47', 'content-type': 'text/plain' });
      response.write('O');
    });
    // The answer comes a byte every 300 ms, for 1.5 s: longer than --timeout, never silent for it.
    await engine(trickling, (response) => {
      response.writeHead(200, { 'api-version': '1.47', 'content-type': 'text/plain' });
      let sent = 0;
      const timer = setInterval(() => {
        if (++sent < 5) response.write(' ');
        else {
          clearInterval(timer);
          response.end('OK');
        }
      }, 300);
    });
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.22\nUSER root\n');
  });

  afterAll(() => {
    for (const server of servers) server.close();
  });

  it('an engine answering 5xx is an error with its message; the files beside it are reported', async () => {
    const run = await runCliAsync([
      'scan',
      join(dir, 'Dockerfile'),
      '--engine',
      `unix://${broken}`,
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string }[];
      errors: { path: string; message: string }[];
    };
    expect(report.errors).toEqual([
      expect.objectContaining({
        path: `unix://${broken}`,
        message: expect.stringContaining('500 engine exploded'),
      }),
    ]);
    expect(report.findings.map((f) => f.ruleId)).toContain('D01.image-root-user');
  });

  it('an engine that never answers times out with --timeout and does not hold the scan', async () => {
    const started = Date.now();
    const run = await runCliAsync([
      'scan',
      '--engine',
      `unix://${silent}`,
      '--timeout',
      '1',
      '--format',
      'json',
    ]);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout) as { errors: { message: string }[] };
    expect(report.errors[0]!.message).toContain('no answer within 1000 ms');
  });

  it('an answer that stops halfway times out as the engine sending nothing', async () => {
    const run = await runCliAsync([
      'scan',
      '--engine',
      `unix://${stalling}`,
      '--timeout',
      '1',
      '--format',
      'json',
    ]);
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout) as { errors: { path: string; message: string }[] };
    expect(report.errors).toEqual([
      expect.objectContaining({
        path: `unix://${stalling}`,
        message: expect.stringContaining('the engine sent nothing for 1000 ms'),
      }),
    ]);
  });

  it('an answer that keeps coming is read to its end, however long it takes', async () => {
    const run = await runCliAsync([
      'scan',
      '--engine',
      `unix://${trickling}`,
      '--timeout',
      '1',
      '--format',
      'json',
    ]);
    const report = JSON.parse(run.stdout) as { errors: unknown[]; summary: { engines: unknown[] } };
    expect(report.errors).toEqual([]);
    expect(report.summary.engines).toEqual([
      { engine: `unix://${trickling}`, reachable: true, containers: 0 },
    ]);
    expect(run.status).not.toBe(2);
  });
});
