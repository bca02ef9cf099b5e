// The floor for `npm run bench:image`: `gzip -dc layer | tar -t` for each layer in turn (two processes joined
// by a pipe, as a shell would), and nothing else: no digests, no file index. A whole process, like the reader.
import { spawn } from 'node:child_process';

function listLayer(file) {
  return new Promise((resolve, reject) => {
    const gzip = spawn('gzip', ['-dc', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const tar = spawn('tar', ['-t'], { stdio: [gzip.stdout, 'ignore', 'inherit'] });
    let entries = 0;
    let open = 2;
    const done = (name) => (code) => {
      if (code !== 0) reject(new Error(`${name} exited ${code} on ${file}`));
      else if (--open === 0) resolve(entries);
    };
    gzip.on('error', reject);
    tar.on('error', reject);
    gzip.on('exit', done('gzip'));
    tar.on('exit', done('tar'));
  });
}

const started = performance.now();
for (const file of process.argv.slice(2)) await listLayer(file);
process.stdout.write(JSON.stringify({ layers: process.argv.length - 2, ms: performance.now() - started }));
