// A config file that turns every rule off, for the benchmarks' "every rule disabled" line: the same scan
// (or webhook) with no rule to run and no finding to report measures what reading and modelling the input
// costs on its own, so the figures show how the time beyond the floor divides between dt10's own plumbing
// and its rules.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `no-rules.yaml` in `dir` (every rule `dt10 rules` lists, disabled) and returns its path. */
export function writeNoRulesConfig(cli, dir) {
  const rules = JSON.parse(
    execFileSync(process.execPath, [cli, 'rules', '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  if (!Array.isArray(rules) || rules.length === 0) throw new Error('dt10 rules listed no rule');
  const path = join(dir, 'no-rules.yaml');
  writeFileSync(path, `rules:\n  disable:\n${rules.map((rule) => `    - ${rule.id}\n`).join('')}`);
  return { path, count: rules.length };
}
