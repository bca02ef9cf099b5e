// A recording proxy in front of a test engine: listens on a unix socket of its own, forwards every plain HTTP
// request to the engine's socket (bodies streamed both ways) and records its method and path, so a test can
// assert what a client sent (dt10 must send only GET and HEAD). Upgrades (attach, exec) are not forwarded.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RecordedRequest {
  method: string;
  /** The request target as sent: path and query (`/v1.41/containers/json?all=1`). */
  path: string;
}

export interface RecordingProxy {
  socketPath: string;
  /** `unix://<socketPath>`. */
  url: string;
  /** Every request received, in arrival order (recorded before it is forwarded). */
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

export async function startRecordingProxy(targetSocket: string): Promise<RecordingProxy> {
  const base = tmpdir().length <= 60 ? tmpdir() : '/tmp';
  const dir = await mkdtemp(join(base, 'dt10-proxy-'));
  const socketPath = join(dir, 'proxy.sock');
  const requests: RecordedRequest[] = [];

  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '' });
    const upstream = http.request(
      { socketPath: targetSocket, method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy();
      } else {
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`recording proxy: ${error.message}\n`);
      }
    });
    req.pipe(upstream);
    req.on('error', () => upstream.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
  });
  server.on('upgrade', (req, socket) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '' });
    socket.end('HTTP/1.1 501 Not Implemented\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });

  let stopping: Promise<void> | undefined;
  return {
    socketPath,
    url: `unix://${socketPath}`,
    requests,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await rm(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
