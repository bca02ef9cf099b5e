// `npm run bench:image`: generates a docker save archive of ~1 GiB (5 gzip layers, ~50,000 files of random
// base64 text, whiteouts and an opaque directory in the upper layers) in a temp dir, then times the image
// reader on it as a whole process (src/sources/image bundled by esbuild into dist/bench-image.js), and the
// whole `dt10 scan --image` (read, every rule, JSON report), beside the floor — `gzip -dc layer | tar -t` for
// each layer — and reports their peak RSS. Targets (issue 6): the scan within 1.5x the floor, RSS under 200 MB.
// BENCH_IMAGE_MB (archive size, default 1024), BENCH_FILES (default 50000), BENCH_RUNS (default 3),
// BENCH_IMAGE_DIR (keep the generated image there and reuse it on the next run).
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { bundleDriver } from './bundle-driver.mjs';
import { median } from './median.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const targetMb = Number(process.env.BENCH_IMAGE_MB ?? 1024);
const fileCount = Number(process.env.BENCH_FILES ?? 50_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const LAYERS = 5;
const keep = process.env.BENCH_IMAGE_DIR;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'dt10-bench-image-'));
mkdirSync(dir, { recursive: true });
const archive = join(dir, 'image.tar');
const layerFiles = Array.from({ length: LAYERS }, (_, i) => join(dir, `layer-${i}.tar.gz`));
const driver = join(root, 'dist', 'bench-image.js');

/** A small seeded PRNG (mulberry32), so every run generates the same image. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tap(hash) {
  let bytes = 0;
  const stream = new Transform({
    transform(chunk, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  stream.bytes = () => bytes;
  return stream;
}

function entry(pack, header, body) {
  return new Promise((resolve, reject) =>
    body === undefined
      ? pack.entry(header, (error) => (error ? reject(error) : resolve()))
      : pack.entry(header, body, (error) => (error ? reject(error) : resolve())),
  );
}

/** Layer `index` as a gzip file; resolves to its diff id, digest and sizes. */
async function writeLayer(index, pool, perLayerFiles, meanSize) {
  const random = prng(1000 + index);
  const pack = tar.pack();
  const diff = createHash('sha256');
  const digest = createHash('sha256');
  const uncompressed = tap(diff);
  const compressed = tap(digest);
  const written = pipeline(
    pack,
    uncompressed,
    createGzip({ level: 6 }),
    compressed,
    createWriteStream(layerFiles[index]),
  );
  const mtime = new Date(1_700_000_000_000);
  const dirEntry = (name) => entry(pack, { name, type: 'directory', mode: 0o755, mtime });
  const file = (name, body, mode = 0o644) => entry(pack, { name, mode, mtime }, body);
  const slice = (size) => {
    const start = Math.floor(random() * (pool.length - size));
    return pool.subarray(start, start + size);
  };
  if (index === 0) {
    await dirEntry('etc/');
    await file('etc/passwd', 'root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/home/app:/bin/sh\n');
    await file(
      'etc/os-release',
      'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    );
    await dirEntry('var/');
    await dirEntry('var/lib/');
    await dirEntry('var/lib/dpkg/');
    const status = Array.from(
      { length: 400 },
      (_, i) => `Package: pkg-${i}\nStatus: install ok installed\nVersion: 1.${i}.0-1\nArchitecture: amd64\n`,
    ).join('\n');
    await file('var/lib/dpkg/status', status);
    await dirEntry('etc/ssl/');
    await dirEntry('etc/ssl/private/');
    await file(
      'etc/ssl/private/server.key',
      '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
      0o600,
    );
  }
  if (index > 0) {
    // Remove a few hundred files of the layer below, and make one of its directories opaque.
    for (let i = 0; i < 300; i++) await file(`srv/l${index - 1}/d${i % 100}/.wh.f${i}`, '');
    await dirEntry(`srv/l${index - 1}/d99/`);
    await file(`srv/l${index - 1}/d99/.wh..wh..opq`, '');
  }
  await dirEntry('srv/');
  await dirEntry(`srv/l${index}/`);
  const dirs = 100;
  for (let d = 0; d < dirs; d++) {
    await dirEntry(`srv/l${index}/d${d}/`);
    for (let i = d; i < perLayerFiles; i += dirs) {
      // Log-uniform over 2^-4..2^3 around the mean (whose mean is 1.636x its scale).
      const size = Math.max(1, Math.round((meanSize / 1.636) * 2 ** (random() * 7 - 4)));
      await file(
        `srv/l${index}/d${d}/f${i}`,
        slice(Math.min(size, pool.length - 1)),
        i % 997 === 0 ? 0o4755 : 0o644,
      );
    }
  }
  pack.finalize();
  await written;
  return {
    diffId: `sha256:${diff.digest('hex')}`,
    digest: `sha256:${digest.digest('hex')}`,
    tarBytes: uncompressed.bytes(),
    size: compressed.bytes(),
  };
}

async function generate() {
  const started = performance.now();
  // Random base64: gzip keeps ~75% of it, so the archive is about 0.75x the files' bytes.
  const pool = Buffer.from(randomBytes(48 * 1024 * 1024).toString('base64'));
  const perLayerFiles = Math.ceil(fileCount / LAYERS);
  const meanSize = Math.round((targetMb * 1024 * 1024) / 0.753 / (perLayerFiles * LAYERS));
  // Two layers at a time: gzip runs on libuv's threads.
  const layers = [];
  for (let i = 0; i < LAYERS; i += 2) {
    const batch = [i, i + 1].filter((n) => n < LAYERS);
    layers.push(...(await Promise.all(batch.map((n) => writeLayer(n, pool, perLayerFiles, meanSize)))));
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { User: '10001', Cmd: ['/bin/sh'] },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: layers.map((_, i) => ({ created_by: `/bin/sh -c generate layer ${i}` })),
    }),
  );
  const configName = `${createHash('sha256').update(config).digest('hex')}.json`;
  const layerNames = layers.map((l) => `${l.diffId.slice(7)}/layer.tar`);
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(archive));
  for (const [i, name] of layerNames.entries()) {
    await entry(pack, { name: name.replace('/layer.tar', '/'), type: 'directory' });
    await new Promise((resolve, reject) => {
      const sink = pack.entry({ name, size: layers[i].size }, (error) => (error ? reject(error) : resolve()));
      createReadStream(layerFiles[i]).pipe(sink);
    });
  }
  await entry(pack, { name: configName }, config);
  await entry(
    pack,
    { name: 'manifest.json' },
    JSON.stringify([{ Config: configName, RepoTags: ['bench/image:1'], Layers: layerNames }]),
  );
  pack.finalize();
  await written;
  const tarBytes = layers.reduce((sum, l) => sum + l.tarBytes, 0);
  await writeFile(join(dir, 'generated.json'), JSON.stringify({ targetMb, fileCount, tarBytes }));
  console.log(`generated ${archive} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function buildDriver() {
  await bundleDriver({
    source: `
        import { readFileSync } from 'node:fs';
        import { readImage } from './src/sources/image/index.ts';
        const started = performance.now();
        const image = await readImage(process.argv[2]);
        process.stdout.write(JSON.stringify({
          ms: performance.now() - started,
          files: image.files.size,
          deleted: image.deleted.length,
          contents: image.contents.size,
          verified: image.layers.filter((layer) => layer.verified).length,
          layers: image.layers.length,
          problems: image.problems,
          // This process's own peak (the rusage maxRSS that rss-hook.mjs prints also counts the parent's pages
          // at fork time, which the generator makes large).
          hwmKb: Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]),
        }));
      `,
    name: 'bench-image.ts',
    root,
    outfile: driver,
  });
}

/** The whole CLI: exit 1 (findings) is expected; its own peak RSS comes from the rss hook. */
function timeScan(args) {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (child.status !== 0 && child.status !== 1)
    throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  const rss = /DT10_BENCH_HWM_KB=(\d+)/.exec(child.stderr ?? '');
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN, stderr: child.stderr };
}

function timeProcess(args) {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  const rss = /DT10_BENCH_MAXRSS_KB=(\d+)/.exec(child.stderr ?? '');
  const out = JSON.parse(child.stdout);
  return {
    ms,
    maxRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
    rssMb: out.hwmKb ? out.hwmKb / 1024 : Number.NaN,
    out,
  };
}

if (process.argv[2] === '--generate') {
  // The child that generates: the parent stays small, so the reader processes it forks do not inherit a large
  // peak RSS.
  await generate();
  process.exit(0);
}

try {
  if (!(keep && existsSync(join(dir, 'generated.json')) && existsSync(archive))) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--generate'], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_IMAGE_DIR: dir },
    });
    if (child.status !== 0) throw new Error(`generating the image failed (exit ${child.status})`);
  }
  await buildDriver();
  const { tarBytes } = JSON.parse(
    await (await import('node:fs/promises')).readFile(join(dir, 'generated.json'), 'utf8'),
  );
  const readerArgs = ['--import', join(here, 'rss-hook.mjs'), driver, archive];
  const floorArgs = [join(here, 'image-floor.mjs'), ...layerFiles];
  const report = join(dir, 'report.json');
  const scanArgs = [
    '--import',
    join(here, 'rss-hook.mjs'),
    join(root, 'dist', 'dt10.js'),
    'scan',
    '--no-config',
    '--format',
    'json',
    '--output',
    report,
    '--image',
    archive,
  ];
  const first = timeProcess(readerArgs); // also warms the page cache
  timeProcess(floorArgs);
  timeScan(scanArgs);
  const findings = JSON.parse(await (await import('node:fs/promises')).readFile(report, 'utf8')).findings;
  if (first.out.problems.length > 0 || first.out.verified !== LAYERS) {
    throw new Error(`the reader reported problems: ${JSON.stringify(first.out.problems)}`);
  }
  const readers = [];
  const floors = [];
  const scans = [];
  for (let i = 0; i < runs; i++) {
    readers.push(timeProcess(readerArgs));
    floors.push(timeProcess(floorArgs));
    scans.push(timeScan(scanArgs));
  }
  const scanMs = median(scans.map((s) => s.ms));
  const scanRssMb = Math.max(...scans.map((s) => s.rssMb));
  const scanRatio = scanMs / median(floors.map((f) => f.ms));
  const readerMs = median(readers.map((r) => r.ms));
  const floorMs = median(floors.map((f) => f.ms));
  const rssMb = Math.max(...readers.map((r) => r.rssMb));
  const maxRssMb = Math.max(...readers.map((r) => r.maxRssMb));
  const ratio = readerMs / floorMs;
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  const line = (label, value, note = '') =>
    console.log(`${label.padEnd(36)} ${value.padStart(12)}   ${note}`);
  console.log(`dt10 bench:image: docker save archive, ${LAYERS} gzip layers, median of ${runs} runs`);
  line('archive (gzip layers)', mb(statSync(archive).size));
  line('layer tars uncompressed', mb(tarBytes));
  line(
    'files in the final index',
    String(first.out.files),
    `(${first.out.deleted} deleted, ${first.out.contents} read)`,
  );
  line('readImage (whole process)', `${readerMs.toFixed(0)} ms`, '(all digests verified)');
  line(
    'readImage peak RSS (VmHWM)',
    `${rssMb.toFixed(0)} MB`,
    `target < 200 MB ${rssMb < 200 ? 'OK' : 'MISSED'}`,
  );
  line('  rusage maxRSS (rss-hook.mjs)', `${maxRssMb.toFixed(0)} MB`, '(includes the parent at fork)');
  line('floor: gzip -dc | tar -t per layer', `${floorMs.toFixed(0)} ms`);
  line('readImage / floor', `${ratio.toFixed(2)}x`);
  line(
    'dt10 scan --image (whole CLI)',
    `${scanMs.toFixed(0)} ms`,
    `(${findings.length} findings, JSON report)`,
  );
  line(
    'dt10 scan peak RSS (VmHWM)',
    `${scanRssMb.toFixed(0)} MB`,
    `target < 200 MB ${scanRssMb < 200 ? 'OK' : 'MISSED'}`,
  );
  line(
    'dt10 scan / floor',
    `${scanRatio.toFixed(2)}x`,
    `target <= 1.50x ${scanRatio <= 1.5 ? 'OK' : 'MISSED'}`,
  );
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
