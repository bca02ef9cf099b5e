// exclude and ignore: gitignore-syntax globs relative to the config file, ignore entries until their day
// (ignore entries are applied by src/policy/suppress.ts, with the other suppressions).
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { configMatcher } from '../../src/config/paths.js';
import type { Finding } from '../../src/core/finding.js';
import type { Location } from '../../src/core/location.js';
import { applySuppressions } from '../../src/policy/suppress.js';

const CONFIG = parseConfig(
  [
    'exclude: ["vendor/**", "**/testdata/**", "build/", "/root-only.yaml"]',
    'ignore:',
    '  - rule: D04.privileged',
    '    path: "deploy/legacy/**"',
    '    reason: legacy host agent',
    '    until: 2027-01-31',
    '  - rule: D04.privileged',
    '    path: "*.compose.yaml"',
    '    reason: local development only',
    '  - rule: D10.no-remote-logging',
    '    reason: logs are shipped by the node agent',
  ].join('\n'),
  '/project/.dt10.yaml',
);

function finding(ruleId: string, location: Location): Finding {
  return {
    ruleId,
    category: 'D04',
    severity: 'high',
    title: 'title',
    message: 'message',
    location,
    remediation: 'remediation',
    cis: [],
    threats: [],
  };
}

const at = (path: string): Location => ({ path, line: 3, column: 5 });

describe('exclude', () => {
  const matcher = configMatcher(CONFIG, { cwd: '/project/sub' });

  it('matches paths below the config directory by gitignore rules', () => {
    expect(matcher.isExcluded('/project/vendor/lib/Dockerfile')).toBe(true);
    expect(matcher.isExcluded('/project/src/a/testdata/compose.yaml')).toBe(true);
    expect(matcher.isExcluded('/project/build', true)).toBe(true);
    expect(matcher.isExcluded('/project/build/Dockerfile')).toBe(true);
    expect(matcher.isExcluded('/project/root-only.yaml')).toBe(true);
    expect(matcher.isExcluded('/project/sub/root-only.yaml')).toBe(false);
    expect(matcher.isExcluded('/project/src/Dockerfile')).toBe(false);
    expect(matcher.isExcluded('/project/src/vendor/Dockerfile')).toBe(false);
  });

  it('takes a directory-only pattern for directories only', () => {
    expect(matcher.isExcluded('/project/build', false)).toBe(false);
  });

  it('reads relative paths from the working directory, not the config directory', () => {
    expect(matcher.isExcluded('../vendor/x.yaml')).toBe(true);
    expect(matcher.isExcluded('vendor/x.yaml')).toBe(false);
  });

  it('never excludes the config directory itself or anything outside it', () => {
    expect(matcher.isExcluded('/project', true)).toBe(false);
    expect(matcher.isExcluded('/elsewhere/vendor/x.yaml')).toBe(false);
    expect(matcher.isExcluded('/project-two/vendor/x.yaml')).toBe(false);
  });
});

describe('ignore entries, applied by the suppression step', () => {
  const entries = CONFIG.ignore.map((entry) => ({ ...entry, baseDirectory: CONFIG.directory }));
  const accepted = (found: Finding, now = new Date('2027-01-31T23:59:59Z')) =>
    applySuppressions([{ ...found }], {
      directives: [],
      configIgnores: entries,
      ruleIds: new Set(['D04.privileged', 'D04.host-pid', 'D10.no-remote-logging']),
      now,
      cwd: '/project',
    }).suppressed[0]?.suppression;

  it('accept a finding of the named rule under the entry path', () => {
    expect(accepted(finding('D04.privileged', at('deploy/legacy/agent.yaml')))?.justification).toBe(
      'legacy host agent',
    );
    expect(accepted(finding('D04.privileged', at('/project/deploy/legacy/a/b.yaml')))?.justification).toBe(
      'legacy host agent',
    );
  });

  it('match a glob without a slash at any depth, as gitignore does', () => {
    expect(accepted(finding('D04.privileged', at('apps/web/dev.compose.yaml')))?.justification).toBe(
      'local development only',
    );
  });

  it('do not accept another rule or another path', () => {
    expect(accepted(finding('D04.host-pid', at('deploy/legacy/agent.yaml')))).toBeUndefined();
    expect(accepted(finding('D04.privileged', at('deploy/current/agent.yaml')))).toBeUndefined();
    expect(accepted(finding('D04.privileged', at('/other/deploy/legacy/agent.yaml')))).toBeUndefined();
  });

  it('accept a finding anywhere, live engines included, when the entry has no path', () => {
    expect(accepted(finding('D10.no-remote-logging', at('any/where.yaml')))).toBeDefined();
    expect(
      accepted(finding('D10.no-remote-logging', { engine: 'unix:///run/docker.sock', object: 'web' })),
    ).toBeDefined();
    expect(
      accepted(finding('D04.privileged', { engine: 'unix:///run/docker.sock', object: 'web' })),
    ).toBeUndefined();
  });

  it('apply through their until day and not after it', () => {
    const legacy = finding('D04.privileged', at('deploy/legacy/agent.yaml'));
    expect(accepted(legacy, new Date('2027-01-31T23:59:59Z'))).toEqual({
      kind: 'config',
      justification: 'legacy host agent',
      at: { path: '/project/.dt10.yaml', line: 3, column: 5 },
      until: '2027-01-31',
    });
    expect(accepted(legacy, new Date('2027-02-01T00:00:00Z'))).toBeUndefined();
    expect(
      accepted(finding('D10.no-remote-logging', at('a.yaml')), new Date('2099-01-01T00:00:00Z')),
    ).toBeDefined();
  });
});
