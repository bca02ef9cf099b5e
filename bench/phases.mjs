// Where a scan's time goes: the dt10:* marks bench/rss-hook.mjs prints at exit (src/scan/phases.ts), as the
// median duration of each phase over several runs.
import { median } from './median.mjs';

const PHASES = [
  ['scan-start', 'start-up (node, modules, options)'],
  ['inputs-judged', 'inputs read and judged'],
  ['findings-sorted', 'findings sorted'],
  ['fingerprinted', 'fingerprints'],
  ['report-rendered', 'suppressions and report rendered'],
  ['report-written', 'report written'],
];

/** The marks of one run's standard error: phase name → ms since the process started. */
export function phasesOf(stderr) {
  const line = /DT10_BENCH_PHASES=([^\n]*)/.exec(stderr ?? '')?.[1] ?? '';
  return Object.fromEntries(
    line
      .split(',')
      .filter(Boolean)
      .map((entry) => {
        const [name, ms] = entry.split('=');
        return [name, Number(ms)];
      }),
  );
}

/** Prints each phase's median duration, and what is left of the whole process's (exit) time. */
export function printPhases(runs, print) {
  const marked = runs.filter((run) => run.phases['report-written'] !== undefined);
  if (marked.length === 0) return;
  let previous = () => 0;
  for (const [name, label] of PHASES) {
    const before = previous;
    print(`  ${label}`, `${median(marked.map((run) => run.phases[name] - before(run))).toFixed(0)} ms`);
    previous = (run) => run.phases[name];
  }
  print('  exit', `${median(marked.map((run) => run.ms - run.phases['report-written'])).toFixed(0)} ms`);
}
