// `dt10 rules` and `dt10 explain` through the bundled CLI.
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/report/rules.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { runCli } from '../run-cli.js';

describe('dt10 rules', () => {
  it('lists every rule in a table', () => {
    const run = runCli(['rules']);
    expect(run.status).toBe(0);
    for (const rule of ALL_RULES) expect(run.stdout).toContain(rule.id);
    expect(run.stdout).toContain(`${catalogue(ALL_RULES).length} rules`);
  });

  it('filters by category and severity, and prints JSON', () => {
    const run = runCli(['rules', '--category', 'D04', '--severity', 'critical', '--format', 'json']);
    expect(run.status).toBe(0);
    const rules = JSON.parse(run.stdout) as { id: string; category: string; severity: string }[];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect([rule.category, rule.severity]).toEqual(['D04', 'critical']);
    expect(rules.map((r) => r.id)).toContain('D04.privileged');
  });

  it('prints Markdown, and refuses an unknown category with exit 2', () => {
    expect(runCli(['rules', '--format', 'markdown']).stdout).toMatch(/^# dt10 rules/);
    const bad = runCli(['rules', '--category', 'D11']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown category D11');
  });
});

describe('dt10 explain', () => {
  it('explains one rule: metadata, why, fix and examples', () => {
    const run = runCli(['explain', 'D04.privileged']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('D04.privileged  Privileged container');
    expect(run.stdout).toContain('CIS        5.5');
    expect(run.stdout).toContain('Why');
    expect(run.stdout).toContain('Fix');
    expect(run.stdout).toContain('reported:');
    expect(run.stdout).toContain('not reported:');
  });

  it('matches ids case-insensitively and suggests close ids for an unknown one', () => {
    expect(runCli(['explain', 'd04.PRIVILEGED']).status).toBe(0);
    const unknown = runCli(['explain', 'D04.privilege']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/did you mean .*D04\.privileged/);
  });
});
