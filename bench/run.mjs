// `npm run bench`: generates the corpus in a temp dir, times `dt10 scan` over it (whole process, as a user
// runs it) and the parse-only floor (also a whole process), and prints both beside the targets.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.mjs';
import { median } from './median.mjs';
import { writeNoRulesConfig } from './no-rules.mjs';
import { phasesOf, printPhases } from './phases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'dist', 'dt10.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);

function timeProcess(args, okStatuses = [0]) {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (!okStatuses.includes(child.status))
    throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  const rss = /DT10_BENCH_MAXRSS_KB=(\d+)/.exec(child.stderr ?? '');
  return {
    ms,
    rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
    stdout: child.stdout,
    phases: phasesOf(child.stderr),
  };
}

const work = await mkdtemp(join(tmpdir(), 'dt10-bench-'));
const corpus = join(work, 'corpus');
try {
  const files = await generateCorpus(corpus, 1000);
  const output = join(work, 'report.json');
  const scanArgs = [
    '--import',
    join(here, 'rss-hook.mjs'),
    cli,
    'scan',
    corpus,
    '--format',
    'json',
    '--output',
    output,
    '--fail-on',
    'none',
  ];
  const noRules = writeNoRulesConfig(cli, work);
  const bareArgs = [...scanArgs, '--config', noRules.path];
  timeProcess(scanArgs, [0, 1]); // warm the file cache once
  // Interleaved, so that a machine whose speed drifts during the benchmark weighs on all alike.
  const scans = [];
  const bareScans = [];
  const floors = [];
  for (let i = 0; i < runs; i++) {
    scans.push(timeProcess(scanArgs, [0, 1]));
    bareScans.push(timeProcess(bareArgs));
    floors.push(timeProcess([join(here, 'parse-floor.mjs'), corpus]));
  }
  const bareMs = median(bareScans.map((s) => s.ms));
  const scanMs = median(scans.map((s) => s.ms));
  const floorMs = median(floors.map((f) => f.ms));
  const floorParseMs = median(floors.map((f) => JSON.parse(f.stdout).ms));
  const rssMb = Math.max(...scans.map((s) => s.rssMb));
  const filesPerSecond = files / (scanMs / 1000);
  const ratio = scanMs / floorMs;
  const line = (label, value, target) => console.log(`${label.padEnd(34)} ${value.padStart(12)}   ${target}`);
  console.log(
    `dt10 bench: ${files} files (1000 Dockerfiles, 1000 compose files x 5 services, 1000 Kubernetes files x 3 documents), median of ${runs} runs`,
  );
  line('dt10 scan (whole process)', `${scanMs.toFixed(0)} ms`, '');
  printPhases(scans, (label, value) => line(label, value, ''));
  line(
    'dt10 scan throughput',
    `${filesPerSecond.toFixed(0)} files/s`,
    `target >= 1500 files/s ${filesPerSecond >= 1500 ? 'OK' : 'MISSED'}`,
  );
  line('dt10 scan peak RSS', `${rssMb.toFixed(0)} MB`, '');
  line(
    'parse-only floor (whole process)',
    `${floorMs.toFixed(0)} ms`,
    `(parsing alone, in-process: ${floorParseMs.toFixed(0)} ms)`,
  );
  line(
    `dt10 scan, all ${noRules.count} rules disabled`,
    `${bareMs.toFixed(0)} ms`,
    `${(bareMs / floorMs).toFixed(2)}x the floor: reading and modelling alone; the rules and their report add ${(scanMs - bareMs).toFixed(0)} ms`,
  );
  line('scan / floor', `${ratio.toFixed(2)}x`, `target <= 2.00x ${ratio <= 2 ? 'OK' : 'MISSED'}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
