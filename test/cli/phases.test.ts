// The benchmarks' breakdown of a scan: the built CLI marks where each phase ends, and bench/rss-hook.mjs
// prints the marks at exit for bench/phases.mjs to read.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script of the benchmarks, without types
import { phasesOf } from '../../bench/phases.mjs';
import { CLI, ROOT } from '../run-cli.js';

describe('scan phases', () => {
  it('are marked in order, from start-up to the written report', () => {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        join(ROOT, 'bench', 'rss-hook.mjs'),
        CLI,
        'scan',
        'examples/insecure',
        '--format',
        'json',
        '--fail-on',
        'none',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.status, child.stderr).toBe(0);
    const phases = phasesOf(child.stderr) as Record<string, number>;
    const order = [
      'scan-start',
      'inputs-judged',
      'findings-sorted',
      'fingerprinted',
      'report-rendered',
      'report-written',
    ];
    expect(Object.keys(phases).sort()).toEqual([...order].sort());
    const times = order.map((name) => phases[name]!);
    expect(times.every((ms, i) => ms > 0 && (i === 0 || ms >= times[i - 1]!))).toBe(true);
  });
});
