// `npm run bench:host`: starts 2,000 `sleep 60` processes, then times the host reader's process table and
// /proc/<pid>/maps reading (src/sources/host bundled by esbuild into dist/bench-host.js, run as its own
// process) and the whole readHost('/'), beside the floor — a plain node script that lists /proc and reads
// each /proc/<pid>/stat. Target (issue 7): reading /proc of a host with 2,000 processes takes under 1 s.
// The sleepers are killed at the end, whatever happens. BENCH_PROCESSES (default 2000), BENCH_RUNS (default 5).
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleDriver } from './bundle-driver.mjs';
import { median } from './median.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const count = Number(process.env.BENCH_PROCESSES ?? 2000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const driver = join(root, 'dist', 'bench-host.js');
const TARGET_MS = 1000;

if (process.platform !== 'linux') {
  console.error('bench:host reads /proc: Linux only');
  process.exit(2);
}

/** The sleepers' pids: each killed by its pid (never by name), on every way out. */
const sleepers = [];
function killSleepers() {
  for (const pid of sleepers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
process.on('exit', killSleepers);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    killSleepers();
    process.exit(130);
  });

async function startSleepers() {
  for (let i = 0; i < count; i++) {
    const child = spawn('sleep', ['60'], { stdio: 'ignore', detached: true });
    await new Promise((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    sleepers.push(child.pid);
    child.unref();
  }
}

async function buildDriver() {
  await bundleDriver({
    source: `
        import { HostContext } from './src/sources/host/context.ts';
        import { readHost } from './src/sources/host/index.ts';
        import { readDeletedMappings } from './src/sources/host/processes.ts';
        const started = performance.now();
        const context = new HostContext('/');
        const processes = await context.processes();
        const tableMs = performance.now() - started;
        const users = processes.filter((p) => p.cmdline.length > 0).map((p) => p.pid);
        const maps = await readDeletedMappings(context, users);
        const processesAndMapsMs = performance.now() - started;
        const hostStarted = performance.now();
        const read = await readHost('/');
        const readHostMs = performance.now() - hostStarted;
        process.stdout.write(JSON.stringify({
          tableMs, processesAndMapsMs, readHostMs,
          processes: processes.length, maps: users.length,
          deleted: maps.mapped.length, unreadable: maps.unreadable,
          unknown: read.host.unknown.length,
        }));
      `,
    name: 'bench-host.ts',
    root,
    outfile: driver,
  });
}

/** The floor: list /proc and read each /proc/<pid>/stat, nothing more. */
const FLOOR = `
  import { readdirSync, readFileSync } from 'node:fs';
  const started = performance.now();
  let read = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\\d+$/.test(name)) continue;
    try { readFileSync('/proc/' + name + '/stat', 'utf8'); read++; } catch {}
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - started, read }));
`;

function run(args) {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return { wallMs, ...JSON.parse(child.stdout) };
}

const ms = (value) => `${value.toFixed(0)} ms`.padStart(8);

try {
  await buildDriver();
  const spawnStarted = performance.now();
  await startSleepers();
  const spawnMs = performance.now() - spawnStarted;
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).length;
  const readers = [];
  const floors = [];
  for (let i = 0; i < runs; i++) {
    floors.push(run(['--input-type=module', '-e', FLOOR]));
    readers.push(run([driver]));
  }
  const last = readers.at(-1);
  const pam = median(readers.map((r) => r.processesAndMapsMs));
  console.log(
    `dt10 bench:host: ${count} sleep processes started in ${spawnMs.toFixed(0)} ms; /proc lists ${pids} processes; median of ${runs} runs`,
  );
  console.log(
    `  floor: list /proc, read each stat          ${ms(median(floors.map((f) => f.ms)))}   (${floors.at(-1).read} read; whole process ${ms(median(floors.map((f) => f.wallMs))).trim()})`,
  );
  console.log(
    `  process table (stat, cmdline, status)      ${ms(median(readers.map((r) => r.tableMs)))}   (${last.processes} processes)`,
  );
  console.log(
    `  process table + every /proc/<pid>/maps     ${ms(pam)}   (${last.maps} maps read, ${last.deleted} deleted files, ${last.unreadable} unreadable)`,
  );
  console.log(`  readHost('/') as a whole (after the above)${ms(median(readers.map((r) => r.readHostMs)))}`);
  console.log(`  whole driver process (node start, both)    ${ms(median(readers.map((r) => r.wallMs)))}`);
  console.log(`  target: process table + maps < ${TARGET_MS} ms: ${pam < TARGET_MS ? 'met' : 'NOT MET'}`);
  process.exitCode = pam < TARGET_MS ? 0 : 1;
} finally {
  killSleepers();
}
