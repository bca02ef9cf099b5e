// `--metrics-port`: the plugin's ServerMetrics over HTTP on 127.0.0.1, since dockerd owns the plugin socket
// and a Prometheus scraper cannot reach it there.
import http from 'node:http';
import { METRICS_CONTENT_TYPE, type ServerMetrics } from '../metrics.js';

export interface MetricsServer {
  /** The port listened on (the one asked for, or the one chosen for 0). */
  port: number;
  close(): Promise<void>;
}

export async function startMetricsServer(metrics: ServerMetrics, port: number): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    request.resume();
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/metrics') {
      response.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE });
      response.end(metrics.render());
    } else {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('not found: the metrics are at /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
