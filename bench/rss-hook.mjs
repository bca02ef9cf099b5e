// Loaded with `node --import` by the benchmark: reports the process's peak RSS when it exits.
process.on('exit', () => {
  process.stderr.write(`\nDT10_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
