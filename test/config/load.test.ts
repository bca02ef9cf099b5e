// Loading `.dt10.yaml`: a valid file becomes a Dt10Config; every kind of mistake is one ConfigError naming
// the line, the column, the key and the valid choices.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load.js';
import { tempTree } from './temp.js';

const FULL = `# .dt10.yaml
failOn: medium
rules:
  disable: [D04.no-healthcheck]
  enable: [D05.untrusted-registry, D10.no-remote-logging]
  severity: { D08.no-digest: medium, D04.privileged: critical }
categories:
  disable: [D10]
settings:
  allowedRegistries: [registry.example.com, ghcr.io/acme]
  environmentLabels: [env, environment, stage]
  productionValues: [prod, live]
  tierLabels: [tier, layer]
  tiers: [frontend, backend, db, cache]
  digestSeverity: medium
  eolWarningDays: 30
  maxImageAgeDays: 180
  setuidAllowList: [/usr/bin/passwd, "/opt/app/bin/*"]
exclude: ["vendor/**", "**/testdata/**"]
ignore:
  - rule: D04.privileged
    path: "deploy/legacy/**"
    reason: "legacy host agent, tracked in SEC-123"
    until: 2027-01-31
  - rule: D08.latest-tag
    reason: quoted day
    until: "2026-12-01"
`;

function configError(text: string): ConfigError {
  try {
    parseConfig(text, '/project/.dt10.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('loads every key of a full config, settings under the names rules read', async () => {
    const dir = await tempTree({ '.dt10.yaml': FULL });
    const path = join(dir, '.dt10.yaml');
    const config = await loadConfig(path);
    expect(config.path).toBe(path);
    expect(config.directory).toBe(dir);
    expect(config.failOn).toBe('medium');
    expect(config.rules).toEqual({
      disable: ['D04.no-healthcheck'],
      enable: ['D05.untrusted-registry', 'D10.no-remote-logging'],
      severity: { 'D08.no-digest': 'medium', 'D04.privileged': 'critical' },
    });
    expect(config.categories).toEqual({ disable: ['D10'] });
    expect(config.settings).toEqual({
      allowedRegistries: ['registry.example.com', 'ghcr.io/acme'],
      environmentLabelKeys: ['env', 'environment', 'stage'],
      productionValues: ['prod', 'live'],
      tierLabelKeys: ['tier', 'layer'],
      tierValues: ['frontend', 'backend', 'db', 'cache'],
      noDigestSeverity: 'medium',
      eolWarningDays: 30,
      maxImageAgeDays: 180,
      setuidAllowList: ['/usr/bin/passwd', '/opt/app/bin/*'],
    });
    expect(config.exclude).toEqual(['vendor/**', '**/testdata/**']);
    expect(config.ignore).toEqual([
      {
        rule: 'D04.privileged',
        path: 'deploy/legacy/**',
        reason: 'legacy host agent, tracked in SEC-123',
        until: '2027-01-31',
        at: { path, line: 21, column: 5 },
      },
      {
        rule: 'D08.latest-tag',
        reason: 'quoted day',
        until: '2026-12-01',
        at: { path, line: 25, column: 5 },
      },
    ]);
    expect(config.locations.get('rules.enable[1]')).toEqual({ path, line: 5, column: 36 });
    expect(config.locations.get('rules.severity.D04.privileged')).toEqual({ path, line: 6, column: 54 });
  });

  it('reads an empty file, or one with comments only, as a config that changes nothing', () => {
    for (const text of ['', '# nothing yet\n', '\n\n']) {
      const config = parseConfig(text, '/project/.dt10.yaml');
      expect(config.failOn).toBeUndefined();
      expect(config.rules).toEqual({ disable: [], enable: [], severity: {} });
      expect(config.categories).toEqual({ disable: [] });
      expect(config.settings).toEqual({});
      expect(config.exclude).toEqual([]);
      expect(config.ignore).toEqual([]);
      expect(config.fix).toEqual({});
    }
  });

  it('reads the values dt10 fix writes; cpus may be a number or a string', () => {
    const config = parseConfig(
      'fix:\n  memory: 1g\n  cpus: 0.5\n  pids: 64\n  uid: 20000\n  logMaxSize: 20m\n  logMaxFile: 5\n',
      '/project/.dt10.yaml',
    );
    expect(config.fix).toEqual({
      memory: '1g',
      cpus: '0.5',
      pids: 64,
      uid: 20000,
      logMaxSize: '20m',
      logMaxFile: 5,
    });
    expect(parseConfig('fix:\n  cpus: "2"\n', '/project/.dt10.yaml').fix).toEqual({ cpus: '2' });
  });

  it('makes a relative path absolute', async () => {
    const config = parseConfig('failOn: none\n', 'some/dir/.dt10.yaml');
    expect(config.path).toBe(join(process.cwd(), 'some/dir/.dt10.yaml'));
    expect(config.directory).toBe(join(process.cwd(), 'some/dir'));
  });

  it('names the file when it cannot be read', async () => {
    const dir = await tempTree();
    const path = join(dir, '.dt10.yaml');
    await expect(loadConfig(path)).rejects.toThrow(`${path}: cannot be read (ENOENT)`);
  });

  it('prints file:line:column, the path relative to the working directory when below it', () => {
    const error = configError('failOn: sometimes\n');
    expect(error.message).toBe(
      '/project/.dt10.yaml:1:9: failOn must be one of critical, high, medium, low, info, none; got "sometimes"',
    );
    try {
      parseConfig('failOn: sometimes\n', join(process.cwd(), 'sub', '.dt10.yaml'));
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/^sub\/\.dt10\.yaml:1:9: failOn must be one of/);
    }
  });
});

describe('config errors', () => {
  const cases: {
    name: string;
    text: string;
    line: number;
    column: number;
    keyPath: string;
    detail: string;
  }[] = [
    {
      name: 'unknown top-level key',
      text: 'failOn: high\n\nrulez:\n  disable: []\n',
      line: 3,
      column: 1,
      keyPath: 'rulez',
      detail: 'unknown key "rulez"; valid keys: failOn, rules, categories, settings, exclude, fix, ignore',
    },
    {
      name: 'a fix memory size that is not one',
      text: 'fix:\n  memory: lots\n',
      line: 2,
      column: 11,
      keyPath: 'fix.memory',
      detail: `fix.memory must be a memory size in Docker's notation, such as 512m or 1g; got "lots"`,
    },
    {
      name: 'a root uid for fixes',
      text: 'fix:\n  uid: 0\n',
      line: 2,
      column: 8,
      keyPath: 'fix.uid',
      detail: 'fix.uid must be 1 or more; got 0',
    },
    {
      name: 'unknown nested key',
      text: 'rules:\n  disabled: [D04.privileged]\n',
      line: 2,
      column: 3,
      keyPath: 'rules.disabled',
      detail: 'unknown key "disabled" in rules; valid keys: disable, enable, severity',
    },
    {
      name: 'unknown key in an ignore entry',
      text: 'ignore:\n  - rule: D04.privileged\n    reason: ok\n    paths: [a]\n',
      line: 4,
      column: 5,
      keyPath: 'ignore[0].paths',
      detail: 'unknown key "paths" in ignore[0]; valid keys: rule, path, reason, until',
    },
    {
      name: 'unknown setting',
      text: 'settings:\n  tierValues: [a]\n',
      line: 2,
      column: 3,
      keyPath: 'settings.tierValues',
      detail:
        'unknown key "tierValues" in settings; valid keys: allowedRegistries, environmentLabels, productionValues, tierLabels, tiers, digestSeverity, eolWarningDays, maxImageAgeDays, setuidAllowList',
    },
    {
      name: 'wrong type: a string for a list',
      text: 'settings:\n  tiers: frontend\n',
      line: 2,
      column: 10,
      keyPath: 'settings.tiers',
      detail: 'settings.tiers must be a list; got "frontend"',
    },
    {
      name: 'wrong type: a number in a list of strings',
      text: 'exclude:\n  - vendor/**\n  - 42\n',
      line: 3,
      column: 5,
      keyPath: 'exclude[1]',
      detail: 'exclude[1] must be a string; got 42',
    },
    {
      name: 'wrong type: a fraction of days',
      text: 'settings:\n  maxImageAgeDays: 1.5\n',
      line: 2,
      column: 20,
      keyPath: 'settings.maxImageAgeDays',
      detail: 'settings.maxImageAgeDays must be a whole number; got 1.5',
    },
    {
      name: 'a relative path in the setuid allow-list',
      text: 'settings:\n  setuidAllowList:\n    - /usr/bin/su\n    - usr/bin/passwd\n',
      line: 4,
      column: 7,
      keyPath: 'settings.setuidAllowList[1]',
      detail:
        'settings.setuidAllowList[1] must be an absolute path or glob, such as /usr/bin/passwd or /opt/app/bin/*; got "usr/bin/passwd"',
    },
    {
      name: 'a negative number of days',
      text: 'settings:\n  eolWarningDays: -1\n',
      line: 2,
      column: 19,
      keyPath: 'settings.eolWarningDays',
      detail: 'settings.eolWarningDays must be 0 or more; got -1',
    },
    {
      name: 'the file is a list',
      text: '# config\n- failOn: high\n',
      line: 2,
      column: 3,
      keyPath: '',
      detail: 'the config must be a mapping; got a list',
    },
    {
      name: 'bad severity in settings',
      text: 'failOn: high\nsettings:\n    digestSeverity: urgent\n',
      line: 3,
      column: 21,
      keyPath: 'settings.digestSeverity',
      detail: 'settings.digestSeverity must be one of critical, high, medium, low, info; got "urgent"',
    },
    {
      name: 'bad severity override',
      text: 'rules:\n  severity:\n    D08.no-digest: urgent\n',
      line: 3,
      column: 20,
      keyPath: 'rules.severity.D08.no-digest',
      detail: 'rules.severity.D08.no-digest must be one of critical, high, medium, low, info; got "urgent"',
    },
    {
      name: 'bad failOn',
      text: 'failOn: HIGH\n',
      line: 1,
      column: 9,
      keyPath: 'failOn',
      detail: 'failOn must be one of critical, high, medium, low, info, none; got "HIGH"',
    },
    {
      name: 'empty failOn',
      text: 'failOn:\n',
      line: 1,
      column: 1,
      keyPath: 'failOn',
      detail: 'failOn must be one of critical, high, medium, low, info, none; got nothing',
    },
    {
      name: 'unknown rule id in disable, with the id that was meant',
      text: 'rules:\n  disable:\n    - D04.privileged\n    - D04.healthcheck-missing\n',
      line: 4,
      column: 7,
      keyPath: 'rules.disable[1]',
      detail:
        'rules.disable[1]: unknown rule id "D04.healthcheck-missing"; did you mean D04.no-healthcheck? `dt10 rules` lists every id',
    },
    {
      name: 'unknown rule id in enable: right slug, wrong category',
      text: 'rules:\n  enable: [D04.latest-tag]\n',
      line: 2,
      column: 12,
      keyPath: 'rules.enable[0]',
      detail:
        'rules.enable[0]: unknown rule id "D04.latest-tag"; did you mean D08.latest-tag? `dt10 rules` lists every id',
    },
    {
      name: 'unknown rule id as a severity key, pointed at the key',
      text: 'rules:\n  severity:\n    D04.privilegd: low\n',
      line: 3,
      column: 5,
      keyPath: 'rules.severity.D04.privilegd',
      detail:
        'rules.severity.D04.privilegd: unknown rule id "D04.privilegd"; did you mean D04.privileged? `dt10 rules` lists every id',
    },
    {
      name: 'unknown rule id in an ignore entry, nothing close',
      text: 'ignore:\n  - rule: X99.zzz\n    reason: because\n',
      line: 2,
      column: 11,
      keyPath: 'ignore[0].rule',
      detail: 'ignore[0].rule: unknown rule id "X99.zzz"; `dt10 rules` lists every id',
    },
    {
      name: 'a rule both disabled and enabled',
      text: 'rules:\n  disable: [D04.privileged]\n  enable: [D04.privileged]\n',
      line: 3,
      column: 12,
      keyPath: 'rules.enable[0]',
      detail: 'rules.enable[0]: "D04.privileged" is also in rules.disable; keep it in one of them',
    },
    {
      name: 'unknown category',
      text: 'categories:\n  disable: [D01, D11]\n',
      line: 2,
      column: 18,
      keyPath: 'categories.disable[1]',
      detail:
        'categories.disable[1] must be one of D01, D02, D03, D04, D05, D06, D07, D08, D09, D10; got "D11"',
    },
    {
      name: 'missing reason',
      text: 'ignore:\n  - rule: D04.privileged\n    path: deploy/**\n',
      line: 2,
      column: 5,
      keyPath: 'ignore[0].reason',
      detail: 'ignore[0] needs "reason": a non-empty reason why the finding is accepted',
    },
    {
      name: 'missing rule',
      text: 'ignore:\n  - reason: nobody knows\n',
      line: 2,
      column: 5,
      keyPath: 'ignore[0].rule',
      detail: 'ignore[0] needs "rule": the rule id whose findings are accepted',
    },
    {
      name: 'empty reason',
      text: 'ignore:\n  - rule: D04.privileged\n    reason: ""\n',
      line: 3,
      column: 13,
      keyPath: 'ignore[0].reason',
      detail: 'ignore[0].reason must be a non-empty reason why the finding is accepted; got ""',
    },
    {
      name: 'blank reason',
      text: 'ignore:\n  - {rule: D04.privileged, reason: "   "}\n',
      line: 2,
      column: 36,
      keyPath: 'ignore[0].reason',
      detail: 'ignore[0].reason must be a non-empty reason why the finding is accepted; got "   "',
    },
    {
      name: 'until: a day that does not exist (js-yaml would roll it over to March)',
      text: 'ignore:\n  - rule: D04.privileged\n    reason: ok\n    until: 2027-02-30\n',
      line: 4,
      column: 12,
      keyPath: 'ignore[0].until',
      detail: 'ignore[0].until must be a day that exists, written YYYY-MM-DD; got "2027-02-30"',
    },
    {
      name: 'until: quoted, a day that does not exist',
      text: 'ignore:\n  - rule: D04.privileged\n    reason: ok\n    until: "2027-13-01"\n',
      line: 4,
      column: 12,
      keyPath: 'ignore[0].until',
      detail: 'ignore[0].until must be a day that exists, written YYYY-MM-DD; got "2027-13-01"',
    },
    {
      name: 'until: a timestamp, not a day',
      text: 'ignore:\n  - rule: D04.privileged\n    reason: ok\n    until: 2027-01-31T10:00:00Z # noon-ish\n',
      line: 4,
      column: 12,
      keyPath: 'ignore[0].until',
      detail:
        'ignore[0].until must be a day written YYYY-MM-DD, such as 2027-01-31; got "2027-01-31T10:00:00Z"',
    },
    {
      name: 'until: not a date at all',
      text: 'ignore:\n  - {rule: D04.privileged, reason: ok, until: next year}\n',
      line: 2,
      column: 47,
      keyPath: 'ignore[0].until',
      detail: 'ignore[0].until must be a day written YYYY-MM-DD, such as 2027-01-31; got "next year"',
    },
    {
      name: 'an ignore entry with nothing in it',
      text: 'ignore:\n  -\n',
      line: 1,
      column: 1,
      keyPath: 'ignore[0]',
      detail: 'ignore[0] must be a mapping; got nothing',
    },
    {
      name: 'a glob reaching out of the config directory',
      text: 'exclude: ["../shared/**"]\n',
      line: 1,
      column: 11,
      keyPath: 'exclude[0]',
      detail: 'exclude[0] must be a glob inside the config file\'s directory (no ".."); got "../shared/**"',
    },
    {
      name: 'YAML syntax error',
      text: 'rules:\n  disable: [D04.privileged\nfailOn: high\n',
      line: 3,
      column: 1,
      keyPath: '',
      detail: 'YAML syntax error: missed comma between flow collection entries',
    },
    {
      name: 'a key written twice',
      text: 'failOn: high\nfailOn: low\n',
      line: 2,
      column: 1,
      keyPath: '',
      detail: 'YAML syntax error: duplicated mapping key',
    },
    {
      name: 'two YAML documents',
      text: 'failOn: high\n---\nfailOn: low\n',
      line: 3,
      column: 1,
      keyPath: '',
      detail: 'holds 2 YAML documents; a config file is one mapping',
    },
  ];

  for (const c of cases)
    it(c.name, () => {
      const error = configError(c.text);
      expect({
        line: error.line,
        column: error.column,
        keyPath: error.keyPath,
        detail: error.detail,
      }).toEqual({
        line: c.line,
        column: c.column,
        keyPath: c.keyPath,
        detail: c.detail,
      });
      expect(error.path).toBe('/project/.dt10.yaml');
      expect(error.message).toBe(`/project/.dt10.yaml:${c.line}:${c.column}: ${c.detail}`);
      expect(error.message).not.toContain('\n');
    });

  it('reports the first problem in the file when there are several', () => {
    const error = configError('settings:\n  tiers: db\nfailOn: never\nrules:\n  disable: [D99.nope]\n');
    expect([error.line, error.keyPath]).toEqual([2, 'settings.tiers']);
  });
});
