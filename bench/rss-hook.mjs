// Loaded with `node --import` by the benchmarks: reports the process's peak RSS when it exits — rusage maxRSS,
// and on Linux VmHWM, the process's own high-water mark (maxRSS of a child also counts pages of its parent at
// fork time).
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  let hwm = '';
  try {
    hwm = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '';
  } catch {
    // not Linux
  }
  process.stderr.write(
    `\nDT10_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n${hwm ? `DT10_BENCH_HWM_KB=${hwm}\n` : ''}`,
  );
});
