// /info and /version → EngineConfig, read from answers recorded from a real dockerd (test/fixtures/engine).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEST_NOW, TEST_SETTINGS } from '../../../test/rule-tester.js';
import usernsRemapDisabled from '../../rules/d01-user/userns-remap-disabled.js';
import daemonTcpWithoutTls from '../../rules/d03-network/daemon-tcp-without-tls.js';
import type { ApiInfo, ApiVersion } from './api-types.js';
import { engineConfigFromInfo } from './info.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/engine/${name}`, import.meta.url), 'utf8')) as T;
const info = fixture<ApiInfo>('info.json');
const version = fixture<ApiVersion>('version.json');

describe('engineConfigFromInfo', () => {
  const config = engineConfigFromInfo(info, version, { engine: 'unix:///run/e.sock', plainTcp: false });

  it('reads security options, logging, live-restore and versions, each placed at its API field', () => {
    expect(config.origin).toBe('engine');
    expect(config.unsetMeansDefault).toBe(false);
    expect(config.usernsRemap).toEqual({
      value: '',
      at: { engine: 'unix:///run/e.sock', object: 'engine', field: 'Info.SecurityOptions' },
    });
    expect(config.seccompProfile?.value).toBe('default');
    expect(config.rootless?.value).toBe(false);
    expect(config.logDriver?.value).toBe('json-file');
    expect(config.liveRestore?.value).toBe(false);
    expect(config.versions?.engine?.value).toMatch(/^20\.10\./);
    expect(config.versions?.runc?.value).toMatch(/^1\.1\./);
    expect(config.versions?.containerd?.value).toMatch(/^1\.6\./);
    // Docker always trusts 127.0.0.0/8 as insecure: not the registry the rule means.
    expect(config.insecureRegistries).toEqual([]);
    // /info says nothing of these: unknown, not the default.
    expect(config.userlandProxy).toBeUndefined();
    expect(config.logOpts).toEqual({});
  });

  it('reads userns and rootless from the security options', () => {
    const rootless = engineConfigFromInfo(
      { SecurityOptions: ['name=seccomp,profile=builtin', 'name=rootless'] },
      {},
      { engine: 'e', plainTcp: false },
    );
    expect(rootless.usernsRemap?.value).toBe('rootless');
    expect(usernsRemapDisabled.check(rootless, { now: TEST_NOW, settings: TEST_SETTINGS })).toEqual([]);
    const remapped = engineConfigFromInfo(
      { SecurityOptions: ['name=seccomp,profile=builtin', 'name=rootless', 'name=userns'] },
      {},
      { engine: 'e', plainTcp: false },
    );
    expect(remapped.usernsRemap?.value).toBe('default');
    expect(remapped.rootless?.value).toBe(true);
    expect(remapped.seccompProfile?.value).toBe('builtin');
    const unconfined = engineConfigFromInfo({ SecurityOptions: [] }, {}, { engine: 'e', plainTcp: false });
    expect(unconfined.seccompProfile?.value).toBe('unconfined');
  });

  it('makes reaching an engine over plain TCP from elsewhere a critical D03 finding', () => {
    const judge = (engine: string, plainTcp: boolean) =>
      daemonTcpWithoutTls.check(engineConfigFromInfo(info, version, { engine, plainTcp }), {
        now: TEST_NOW,
        settings: TEST_SETTINGS,
      });
    const remote = judge('tcp://10.0.0.5:2375', true);
    expect(remote.map((v) => v.severity ?? daemonTcpWithoutTls.severity)).toEqual(['critical']);
    expect(remote[0]!.location).toEqual({
      engine: 'tcp://10.0.0.5:2375',
      object: 'engine',
      field: 'connection',
    });
    expect(judge('tcp://10.0.0.5:2376', false)).toEqual([]);
    expect(judge('unix:///run/e.sock', false)).toEqual([]);
  });
});
