// The floor for `npm run bench:engine`: the API calls alone. List every container and GET each one's
// inspect with 16 requests in flight, as the scan does, and nothing else. A whole process, like the scan.
import http from 'node:http';

const socketPath = process.argv[2];
const concurrency = 16;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const get = (path) =>
  new Promise((resolve, reject) => {
    http
      .get({ socketPath, path, agent }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        response.on('error', reject);
      })
      .on('error', reject);
  });

const started = performance.now();
const containers = await get('/containers/json?all=1');
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < containers.length) await get(`/containers/${containers[next++].Id}/json`);
  }),
);
agent.destroy();
process.stdout.write(JSON.stringify({ containers: containers.length, ms: performance.now() - started }));
