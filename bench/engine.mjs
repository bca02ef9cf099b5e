// `npm run bench:engine`: starts a private dockerd (Debian's docker.io, as the tests do), creates 1,000
// containers (created, not started) from a local busybox image, and times `dt10 scan --engine` over them
// (whole process) beside the floor — the same list + 1,000 inspect calls with 16 in flight — and dt10's
// peak RSS. Targets (issue 5): within 1.5x the floor, under 10 s, RSS under 200 MB.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeNoRulesConfig } from './no-rules.mjs';
import { phasesOf, printPhases } from './phases.mjs';
import { median } from './median.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'dist', 'dt10.js');
const count = Number(process.env.BENCH_CONTAINERS ?? 1000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'dt10-bench-engine-'));
const socketPath = join(dir, 'docker.sock');

function request(method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method, path, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function waitForPing() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await request('GET', '/_ping')).text === 'OK') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`dockerd did not answer on ${socketPath}`);
}

function timeProcess(args) {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (child.status !== 0 && child.status !== 1)
    throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  const rss = /DT10_BENCH_MAXRSS_KB=(\d+)/.exec(child.stderr ?? '');
  return {
    ms,
    rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
    stdout: child.stdout,
    phases: phasesOf(child.stderr),
  };
}

const dockerd = spawn(
  'dockerd',
  [
    '--storage-driver=overlay2',
    '-H',
    `unix://${socketPath}`,
    '--data-root',
    join(dir, 'data'),
    '--exec-root',
    join(dir, 'exec'),
    '--pidfile',
    join(dir, 'dockerd.pid'),
    '--bridge=none',
    '--iptables=false',
    '--containerd-namespace',
    'dt10-bench',
    '--containerd-plugins-namespace',
    'dt10-bench-plugins',
  ],
  { stdio: 'ignore', env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` } },
);
try {
  await waitForPing();
  // A busybox root filesystem as the image: no registry is needed.
  const root = join(dir, 'rootfs');
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
  symlinkSync('busybox', join(root, 'bin', 'sleep'));
  const tar = execFileSync('tar', ['-C', root, '-cf', '-', '.'], { maxBuffer: 64 * 1024 * 1024 });
  const imported = await request('POST', '/images/create?fromSrc=-&repo=dt10-bench&tag=1', tar, {
    'content-type': 'application/x-tar',
  });
  if (imported.status !== 200) throw new Error(`image import failed: ${imported.text}`);
  const created = performance.now();
  let next = 0;
  const body = (i) =>
    JSON.stringify({
      Image: 'dt10-bench:1',
      Cmd: ['sleep', '3600'],
      User: i % 2 === 0 ? '10001' : '',
      Env: [`INDEX=${i}`],
      Labels: { tier: i % 3 === 0 ? 'frontend' : 'backend' },
      HostConfig:
        i % 2 === 0
          ? { CapDrop: ['ALL'], ReadonlyRootfs: true, Memory: 64 << 20, PidsLimit: 100 }
          : { CapAdd: ['NET_ADMIN'], PortBindings: { '80/tcp': [{ HostPort: String(10000 + i) }] } },
    });
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const i = next++;
        const response = await request('POST', `/containers/create?name=bench-${i}`, body(i), {
          'content-type': 'application/json',
        });
        if (response.status !== 201) throw new Error(`create failed: ${response.text}`);
      }
    }),
  );
  console.log(`created ${count} containers in ${((performance.now() - created) / 1000).toFixed(1)} s`);
  const scanArgs = [
    '--import',
    join(here, 'rss-hook.mjs'),
    cli,
    'scan',
    '--engine',
    `unix://${socketPath}`,
    '--format',
    'json',
    '--output',
    join(dir, 'report.json'),
    '--fail-on',
    'none',
  ];
  const noRules = writeNoRulesConfig(cli, dir);
  const bareArgs = [...scanArgs, '--config', noRules.path];
  timeProcess(scanArgs); // warm caches once
  // Interleaved, so that a machine whose speed drifts during the benchmark weighs on all alike.
  const scans = [];
  const bareScans = [];
  const floors = [];
  for (let i = 0; i < runs; i++) {
    scans.push(timeProcess(scanArgs));
    bareScans.push(timeProcess(bareArgs));
    floors.push(timeProcess([join(here, 'engine-floor.mjs'), socketPath]));
  }
  const scanMs = median(scans.map((s) => s.ms));
  const bareMs = median(bareScans.map((s) => s.ms));
  const floorMs = median(floors.map((f) => f.ms));
  const rssMb = Math.max(...scans.map((s) => s.rssMb));
  const ratio = scanMs / floorMs;
  const line = (label, value, target) => console.log(`${label.padEnd(34)} ${value.padStart(12)}   ${target}`);
  console.log(
    `dt10 bench:engine: ${count} containers (created, not started) on a private dockerd, median of ${runs} runs`,
  );
  line(
    'dt10 scan --engine (whole process)',
    `${scanMs.toFixed(0)} ms`,
    `target < 10000 ms ${scanMs < 10000 ? 'OK' : 'MISSED'}`,
  );
  printPhases(scans, (label, value) => line(label, value, ''));
  line('dt10 scan peak RSS', `${rssMb.toFixed(0)} MB`, `target < 200 MB ${rssMb < 200 ? 'OK' : 'MISSED'}`);
  line('API floor (whole process)', `${floorMs.toFixed(0)} ms`, `(list + ${count} inspects, 16 in flight)`);
  line('  the API calls alone', `${median(floors.map((f) => JSON.parse(f.stdout).ms)).toFixed(0)} ms`, '');
  line(
    `dt10 scan, all ${noRules.count} rules disabled`,
    `${bareMs.toFixed(0)} ms`,
    `${(bareMs / floorMs).toFixed(2)}x the floor: reading the engine alone; the rules and their report add ${(scanMs - bareMs).toFixed(0)} ms`,
  );
  line('scan / floor', `${ratio.toFixed(2)}x`, `target <= 1.50x ${ratio <= 1.5 ? 'OK' : 'MISSED'}`);
} finally {
  const containers = JSON.parse(
    (await request('GET', '/containers/json?all=1').catch(() => ({ text: '[]' }))).text,
  );
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < containers.length)
        await request('DELETE', `/containers/${containers[next++].Id}?force=true`).catch(() => {});
    }),
  );
  dockerd.kill('SIGTERM');
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      dockerd.kill('SIGKILL');
      resolve();
    }, 15000);
    dockerd.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch (error) {
    console.error(`left ${dir}: ${error.message}`);
  }
  writeFileSync('/dev/null', '');
}
