// applyConfig: the rules and settings a scan runs with under a config, checked through a real scan.
import { describe, expect, it } from 'vitest';
import { applyConfig, mergeSettings } from '../../src/config/apply.js';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import type { Dt10Config } from '../../src/config/types.js';
import type { Finding } from '../../src/core/finding.js';
import { DEFAULT_SETTINGS, type RuleSettings } from '../../src/core/settings.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { scan } from '../../src/scan/pipeline.js';
import { TEST_NOW } from '../rule-tester.js';
import { tempTree } from './temp.js';

const DOCKERFILE =
  'FROM node:22 AS build\nRUN npm ci\n\nFROM nginx:1.27\nRUN apt-get update\nCOPY --from=build /app /usr/share/nginx/html\n';

function config(text: string): Dt10Config {
  return parseConfig(text, '/project/.dt10.yaml');
}

async function scanWith(path: string, rules: typeof ALL_RULES, settings: RuleSettings): Promise<Finding[]> {
  const result = await scan({ paths: [path], rules, context: { now: TEST_NOW, settings }, environment: {} });
  expect(result.errors).toEqual([]);
  return result.findings;
}

const severities = (findings: Finding[], ruleId: string) =>
  findings.filter((f) => f.ruleId === ruleId).map((f) => f.severity);

describe('applyConfig', () => {
  it('leaves out disabled rules and categories and gives overridden rules their new severity', async () => {
    const dir = await tempTree({ Dockerfile: DOCKERFILE });
    const before = await scanWith(dir, ALL_RULES, DEFAULT_SETTINGS);
    // The baseline has what the config changes, so each assertion below can fail.
    expect(severities(before, 'D08.no-digest')).toEqual(['low', 'low']);
    expect(severities(before, 'D01.image-root-user')).toEqual(['high']);
    expect(severities(before, 'D04.no-healthcheck').length).toBeGreaterThan(0);
    expect(before.some((f) => f.category === 'D02')).toBe(true);

    const applied = applyConfig(
      config(
        [
          'rules:',
          '  disable: [D04.no-healthcheck]',
          '  severity: { D08.no-digest: critical, D01.image-root-user: info }',
          'categories:',
          '  disable: [D02]',
        ].join('\n'),
      ),
      ALL_RULES,
      DEFAULT_SETTINGS,
    );
    const after = await scanWith(dir, applied.rules, applied.settings);
    // D08.no-digest sets every finding's severity itself (from digestSeverity): the override replaces it.
    expect(severities(after, 'D08.no-digest')).toEqual(['critical', 'critical']);
    expect(severities(after, 'D01.image-root-user')).toEqual(['info']);
    expect(severities(after, 'D04.no-healthcheck')).toEqual([]);
    expect(after.filter((f) => f.category === 'D02')).toEqual([]);
    const untouched = (findings: Finding[]) =>
      findings
        .filter((f) => !['D08.no-digest', 'D01.image-root-user', 'D04.no-healthcheck'].includes(f.ruleId))
        .filter((f) => f.category !== 'D02');
    expect(untouched(after)).toEqual(untouched(before));
  });

  it('never changes the shared rule objects', async () => {
    const snapshot = () => ALL_RULES.map((rule) => ({ rule, severity: rule.severity, check: rule.check }));
    const before = snapshot();
    const applied = applyConfig(
      config('rules:\n  severity: { D04.privileged: low, D08.latest-tag: info }\n'),
      ALL_RULES,
      DEFAULT_SETTINGS,
    );
    const dir = await tempTree({
      'compose.yaml': 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n',
    });
    const findings = await scanWith(dir, applied.rules, applied.settings);
    expect(severities(findings, 'D04.privileged')).toEqual(['low']);
    expect(severities(findings, 'D08.latest-tag')).toEqual(['info']);
    expect(snapshot()).toEqual(before);
    expect(ALL_RULES.find((r) => r.id === 'D04.privileged')?.severity).toBe('critical');
    const copies = applied.rules.filter((r) => r.id === 'D08.latest-tag');
    // One copy per rule object of the id (a build one and a workload one), each keeping its subject kind.
    expect(copies.map((r) => r.subject).sort()).toEqual(
      ALL_RULES.filter((r) => r.id === 'D08.latest-tag')
        .map((r) => r.subject)
        .sort(),
    );
    for (const copy of copies) expect(ALL_RULES).not.toContain(copy);
  });

  it('keeps every rule, unchanged and in order, under an empty config', () => {
    const applied = applyConfig(config(''), ALL_RULES, DEFAULT_SETTINGS);
    expect(applied.rules).toEqual([...ALL_RULES]);
    applied.rules.forEach((rule, index) => expect(rule).toBe(ALL_RULES[index]));
    expect(applied.settings).toEqual(DEFAULT_SETTINGS);
    expect(applied.failOn).toBeUndefined();
  });

  it('runs a rule listed in rules.enable although its category is disabled', () => {
    const applied = applyConfig(
      config('categories:\n  disable: [D04, D10]\nrules:\n  enable: [D04.privileged]\n'),
      ALL_RULES,
      DEFAULT_SETTINGS,
    );
    expect(applied.rules.filter((r) => r.category === 'D04').map((r) => r.id)).toEqual(['D04.privileged']);
    expect(applied.rules.filter((r) => r.category === 'D10')).toEqual([]);
    expect(applied.rules.filter((r) => r.category === 'D01').length).toBe(
      ALL_RULES.filter((r) => r.category === 'D01').length,
    );
  });

  it('refuses D05.untrusted-registry in rules.enable without an allow-list, pointing at the entry', () => {
    const text = 'rules:\n  enable:\n    - D04.privileged\n    - D05.untrusted-registry\n';
    try {
      applyConfig(config(text), ALL_RULES, DEFAULT_SETTINGS);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const e = error as ConfigError;
      expect([e.line, e.column, e.keyPath]).toEqual([4, 7, 'rules.enable[1]']);
      expect(e.message).toBe(
        '/project/.dt10.yaml:4:7: D05.untrusted-registry judges images against settings.allowedRegistries, which is not set; set it (or --allowed-registries) or remove D05.untrusted-registry from rules.enable',
      );
    }
    // The allow-list may come from the file or from the command line.
    const fromFile = config(`${text}settings:\n  allowedRegistries: [ghcr.io]\n`);
    expect(applyConfig(fromFile, ALL_RULES, DEFAULT_SETTINGS).settings.allowedRegistries).toEqual([
      'ghcr.io',
    ]);
    const fromFlags = applyConfig(config(text), ALL_RULES, DEFAULT_SETTINGS, {
      allowedRegistries: ['quay.io'],
    });
    expect(fromFlags.settings.allowedRegistries).toEqual(['quay.io']);
  });

  it('judges registries whenever an allow-list is set, enabled or not, as the command-line flag does', async () => {
    const dir = await tempTree({ 'compose.yaml': 'services:\n  web:\n    image: quay.io/someone/web:1.0\n' });
    const applied = applyConfig(
      config('settings:\n  allowedRegistries: [registry.example.com]\n'),
      ALL_RULES,
      DEFAULT_SETTINGS,
    );
    expect(
      severities(await scanWith(dir, applied.rules, applied.settings), 'D05.untrusted-registry'),
    ).toEqual(['medium']);
    const none = applyConfig(config(''), ALL_RULES, DEFAULT_SETTINGS);
    expect(severities(await scanWith(dir, none.rules, none.settings), 'D05.untrusted-registry')).toEqual([]);
  });

  it('lays the file settings over the base and the overrides over both', () => {
    const file = config(
      'failOn: low\nsettings:\n  tiers: [web, data]\n  digestSeverity: high\n  eolWarningDays: 60\n',
    );
    const applied = applyConfig(file, ALL_RULES, DEFAULT_SETTINGS, {
      noDigestSeverity: 'info',
      tierLabelKeys: undefined,
    });
    expect(applied.failOn).toBe('low');
    expect(applied.settings).toEqual({
      ...DEFAULT_SETTINGS,
      tierValues: ['web', 'data'],
      noDigestSeverity: 'info',
      eolWarningDays: 60,
    });
    expect(DEFAULT_SETTINGS.noDigestSeverity).toBe('low');
  });
});

describe('mergeSettings', () => {
  it('lets later layers win and skips undefined values', () => {
    const merged = mergeSettings(
      DEFAULT_SETTINGS,
      { maxImageAgeDays: 30, productionValues: ['live'] },
      { maxImageAgeDays: 7, productionValues: undefined },
    );
    expect(merged).toEqual({ ...DEFAULT_SETTINGS, maxImageAgeDays: 7, productionValues: ['live'] });
  });

  it('has defaults for the D02 settings', () => {
    expect(DEFAULT_SETTINGS.eolWarningDays).toBe(0);
    expect(DEFAULT_SETTINGS.maxImageAgeDays).toBe(90);
  });

  it('allows no setuid file by default', () => {
    expect(DEFAULT_SETTINGS.setuidAllowList).toEqual([]);
  });
});
