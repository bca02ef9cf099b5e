// Host rules are tested over fixture root filesystems: a tree of files (fake /proc-style files are data) written
// to a temporary directory, read by the real host source with `--root`, judged by one rule.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { evaluate, RuleSet } from '../src/core/evaluator.js';
import type { Finding } from '../src/core/finding.js';
import type { AnyRule } from '../src/core/rule.js';
import type { RuleSettings } from '../src/core/settings.js';
import { readHost, type HostRead } from '../src/sources/host/index.js';
import { TEST_NOW, TEST_SETTINGS } from './rule-tester.js';

/** A file's content, or a symlink (`{ link: target }`), or a file with a mode. */
export type HostTree = Record<string, string | { link: string } | { text: string; mode: number }>;

/** Writes `tree` (paths absolute on the host) under a new temporary directory and returns it. */
export async function hostRoot(tree: HostTree): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'dt10-host-'));
  for (const [path, value] of Object.entries(tree)) {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    if (typeof value === 'string') await writeFile(target, value);
    else if ('link' in value) await symlink(value.link, target);
    else await writeFile(target, value.text, { mode: value.mode });
  }
  return root;
}

/** Reads the host at a fixture root built from `tree`, then removes it. */
export async function readFixtureHost(tree: HostTree): Promise<HostRead> {
  const root = await hostRoot({ '/etc/hostname': 'test-host\n', ...tree });
  try {
    return await readHost(root, { now: TEST_NOW });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The findings of `rule` over the host (and the engine configuration it holds) that `tree` describes. */
export async function hostFindingsFor(
  rule: AnyRule,
  tree: HostTree,
  settings: RuleSettings = TEST_SETTINGS,
): Promise<Finding[]> {
  const read = await readFixtureHost(tree);
  const { findings, errors } = evaluate([read.host, ...read.engineConfigs], new RuleSet([rule]), {
    now: TEST_NOW,
    settings,
  });
  expect(errors).toEqual([]);
  return findings.filter((finding) => finding.ruleId === rule.id);
}
