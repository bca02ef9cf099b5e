// Engines that fail: one answering 500 to everything, one that accepts connections and never answers.
// Each becomes an error naming the engine within --timeout; files scanned beside them are still reported.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../run-cli.js';

function listen(path: string, onConnection: (socket: Socket) => void): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer(onConnection);
    server.listen(path, () => resolve(server));
  });
}

describe('failing engines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dt10-failing-engine-'));
  const broken = join(dir, 'broken.sock');
  const silent = join(dir, 'silent.sock');
  const servers: Server[] = [];

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
});
