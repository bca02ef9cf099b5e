// Loaded with `node --import` by the benchmarks: reports the process's peak RSS when it exits — rusage maxRSS,
// and on Linux VmHWM, the process's own high-water mark (maxRSS of a child also counts pages of its parent at
// fork time) — and when each phase of the scan ended (the dt10:* marks of src/scan/phases.ts), in ms since
// the process started.
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  let hwm = '';
  try {
    hwm = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '';
  } catch {
    // not Linux
  }
  const phases = performance
    .getEntriesByType('mark')
    .filter((mark) => mark.name.startsWith('dt10:'))
    .map((mark) => `${mark.name.slice(5)}=${mark.startTime.toFixed(1)}`)
    .join(',');
  process.stderr.write(
    `\nDT10_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n${hwm ? `DT10_BENCH_HWM_KB=${hwm}\n` : ''}` +
      `DT10_BENCH_PHASES=${phases}\n`,
  );
});
