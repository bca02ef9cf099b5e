// Marks on Node's performance timeline where a scan's phases end, so a benchmark can say where the time
// goes (bench/rss-hook.mjs prints them at exit). Each mark replaces the previous scan's of the same name, so
// a process that scans many times (tests, dt10 fix) holds six at most.

export type Phase =
  'scan-start' | 'inputs-judged' | 'findings-sorted' | 'fingerprinted' | 'report-rendered' | 'report-written';

export function markPhase(phase: Phase): void {
  const name = `dt10:${phase}`;
  performance.clearMarks(name);
  performance.mark(name);
}
