import { describe, expect, it } from 'vitest';
import { TEST_NOW, TEST_SETTINGS } from '../../../test/rule-tester.js';
import { engineConfigFromInfo } from '../../sources/engine/info.js';
import rule, { vulnerabilitiesOf } from './runtime-vulnerable.js';
import { compareRuntimeVersions, isDistributionBuild, parseRuntimeVersion } from './runtime-version.js';

const ENGINE = 'unix:///run/test.sock';

/** A live engine's EngineConfig whose /version reports these component versions. */
function engineWith(versions: { engine?: string; containerd?: string; runc?: string }) {
  const components = Object.entries({
    Engine: versions.engine,
    containerd: versions.containerd,
    runc: versions.runc,
  })
    .filter(([, version]) => version !== undefined)
    .map(([Name, Version]) => ({ Name, Version }));
  return engineConfigFromInfo({}, { Components: components }, { engine: ENGINE, plainTcp: false });
}

const check = (versions: Parameters<typeof engineWith>[0]) =>
  rule.check(engineWith(versions), { now: TEST_NOW, settings: TEST_SETTINGS });

describe('D02.runtime-vulnerable', () => {
  it('reports runc before 1.1.12 (Leaky Vessels) at the runc version, with every CVE listed', () => {
    const [violation, ...rest] = check({ runc: '1.1.11' });
    expect(rest).toEqual([]);
    expect(violation!.message).toContain('runc 1.1.11 of engine unix:///run/test.sock is affected by');
    expect(violation!.message).toContain('CVE-2024-21626 (high');
    expect(violation!.severity).toBe('high');
    expect(violation!.location).toEqual({
      engine: ENGINE,
      object: 'engine',
      field: 'Version.Components.runc',
    });
    expect(violation!.evidence).toBe('runc 1.1.11');
  });

  it('accepts current releases of every component', () => {
    expect(check({ engine: '29.7.2', containerd: '2.3.4', runc: '1.5.1' })).toEqual([]);
  });

  it('judges each component on its own and takes the worst severity of its CVEs', () => {
    const violations = check({ engine: '20.10.24', containerd: '2.3.4', runc: '1.5.1' });
    expect(violations.map((v) => v.evidence)).toEqual(['Docker Engine 20.10.24']);
    expect(violations[0]!.severity).toBe('critical');
    expect(violations[0]!.message).toContain('CVE-2024-41110 (critical');
  });

  it('is milder for a distribution build, which may carry backported fixes, and says how to check', () => {
    const [violation] = check({ runc: '1.1.5+ds1' });
    expect(violation!.severity).toBe('medium');
    expect(violation!.message).toContain('distribution build');
  });

  it('says nothing of a version it cannot read or an engine that reports none', () => {
    expect(check({ runc: 'unknown' })).toEqual([]);
    expect(check({})).toEqual([]);
  });
});

describe('runtime version comparison', () => {
  const compare = (a: string, b: string) =>
    Math.sign(compareRuntimeVersions(parseRuntimeVersion(a)!, parseRuntimeVersion(b)!));

  it('follows the table note: v prefix, -ce, +build, numeric rcN, pre-releases before releases', () => {
    expect(compare('v1.1.12', '1.1.12')).toBe(0);
    expect(compare('17.06.0-ce', '17.06.0')).toBe(0);
    expect(compare('1.1.5+ds1', '1.1.5')).toBe(0);
    expect(compare('1.0.0-rc10', '1.0.0-rc9')).toBe(1);
    expect(compare('1.0.0-rc95', '1.0.0-rc10')).toBe(1);
    expect(compare('1.4.0-rc.3', '1.4.0')).toBe(-1);
    expect(compare('1.4.0-rc.3', '1.4.0-rc.10')).toBe(-1);
    expect(compare('1.10.0', '1.9.9')).toBe(1);
  });

  it('recognises distribution builds', () => {
    expect(isDistributionBuild('20.10.24+dfsg1')).toBe(true);
    expect(isDistributionBuild('1.6.20~ds1')).toBe(true);
    expect(isDistributionBuild('1.7.27-0ubuntu1~24.04.2')).toBe(true);
    expect(isDistributionBuild('1.7.27')).toBe(false);
  });

  it('matches introduced <= version < fixed on each branch', () => {
    expect(vulnerabilitiesOf('runc', '1.1.11').map((e) => e.id)).toContain('CVE-2024-21626');
    expect(vulnerabilitiesOf('runc', '1.1.12').map((e) => e.id)).not.toContain('CVE-2024-21626');
    expect(vulnerabilitiesOf('runc', '1.0.0-rc6').map((e) => e.id)).toContain('CVE-2019-5736');
    expect(vulnerabilitiesOf('runc', '1.0.0-rc7').map((e) => e.id)).not.toContain('CVE-2019-5736');
  });
});
