// daemon.json fixes, text in → text out: values replaced in place, members added in the object's own
// layout (indentation, one line, spacing, line breaks), the file still JSON. A re-scan shows the fixed
// findings gone and every other finding unchanged.
import { describe, expect, it } from 'vitest';
import { DAEMON_JSON_FIXES, fixDaemonJson } from '../../src/fix/daemon-json.js';
import { DEFAULT_FIX_VALUES, type FixValues, type TextFixResult } from '../../src/fix/types.js';
import { expectFixed } from './fix-tester.js';
import { makeTempDir } from '../temp-dir.js';

const tempDir = (): string => makeTempDir('dt10-fix-daemon');

/** Fixes the findings of `rules`, checks the text, that it is JSON, and what a re-scan finds. */
async function expectFix(
  before: string,
  after: string,
  rules: readonly string[] = DAEMON_JSON_FIXES,
  values: FixValues = DEFAULT_FIX_VALUES,
): Promise<TextFixResult> {
  const fixed = await expectFixed(
    { fixer: fixDaemonJson, name: 'daemon.json', dir: tempDir(), rules, values },
    before,
    after,
  );
  expect(() => JSON.parse(fixed.text) as unknown).not.toThrow();
  return fixed;
}

const fix = (text: string, ruleIds: readonly string[]): TextFixResult =>
  fixDaemonJson(
    text,
    ruleIds.map((ruleId) => ({ ruleId, line: 1 })),
    { rules: DAEMON_JSON_FIXES, values: DEFAULT_FIX_VALUES },
  );

/** examples/insecure/daemon.json as committed. */
const INSECURE = `{
  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"],
  "icc": true,
  "iptables": false,
  "userland-proxy": true,
  "live-restore": false,
  "experimental": true,
  "storage-driver": "devicemapper",
  "insecure-registries": ["registry.internal:5000"],
  "log-level": "debug",
  "log-driver": "json-file",
  "no-new-privileges": false,
  "authorization-plugins": []
}
`;

describe('daemon.json fixes', () => {
  it('fix every finding of the five rules in examples/insecure/daemon.json, in place and after the last key', async () => {
    const fixed = await expectFix(
      INSECURE,
      `{
  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"],
  "icc": false,
  "iptables": false,
  "userland-proxy": false,
  "live-restore": true,
  "experimental": true,
  "storage-driver": "devicemapper",
  "insecure-registries": ["registry.internal:5000"],
  "log-level": "debug",
  "log-driver": "json-file",
  "no-new-privileges": true,
  "authorization-plugins": [],
  "log-opts": {
    "max-size": "10m",
    "max-file": "3"
  }
}
`,
    );
    expect(fixed.applied).toEqual([
      { ruleId: 'D10.log-rotation-missing', target: 'key "log-opts"' },
      { ruleId: 'D04.live-restore-disabled', target: 'key "live-restore"' },
      { ruleId: 'D03.icc-enabled', target: 'key "icc"' },
      { ruleId: 'D04.daemon-no-new-privileges', target: 'key "no-new-privileges"' },
      { ruleId: 'D03.userland-proxy', target: 'key "userland-proxy"' },
    ]);
  });

  it('add keys at four-space indentation with CRLF line breaks, and no final line break as before', async () => {
    await expectFix(
      '{\r\n    "data-root": "/srv/docker",\r\n    "icc": false\r\n}',
      '{\r\n    "data-root": "/srv/docker",\r\n    "icc": false,\r\n    "log-opts": {\r\n        "max-size": "20m",\r\n        "max-file": "5"\r\n    },\r\n    "live-restore": true\r\n}',
      ['D10.log-rotation-missing', 'D04.live-restore-disabled'],
      { ...DEFAULT_FIX_VALUES, logMaxSize: '20m', logMaxFile: 5 },
    );
  });

  it('add the missing key inside an existing tab-indented log-opts', async () => {
    await expectFix(
      '{\n\t"log-driver": "json-file",\n\t"log-opts": {\n\t\t"max-file": "5"\n\t}\n}\n',
      '{\n\t"log-driver": "json-file",\n\t"log-opts": {\n\t\t"max-file": "5",\n\t\t"max-size": "10m"\n\t}\n}\n',
      ['D10.log-rotation-missing'],
    );
  });

  it('replace an unlimited max-size and keep a one-line object on one line, with its spacing', async () => {
    await expectFix(
      '{ "log-opts": { "max-size": "-1" }, "userland-proxy": true }\n',
      '{ "log-opts": { "max-size": "10m", "max-file": "3" }, "userland-proxy": false }\n',
      ['D10.log-rotation-missing', 'D03.userland-proxy'],
    );
    await expectFix(
      '{"log-driver":"json-file","icc":true}',
      '{"log-driver":"json-file","icc":false,"log-opts":{"max-size":"10m","max-file":"3"}}',
      ['D10.log-rotation-missing', 'D03.icc-enabled'],
    );
  });

  it('fill an empty object and an empty file', async () => {
    await expectFix('{}\n', '{"no-new-privileges": true}\n', ['D04.daemon-no-new-privileges']);
    await expectFix('{\n}\n', '{\n  "live-restore": true\n}\n', ['D04.live-restore-disabled']);
    await expectFix(
      '',
      '{\n  "log-opts": {\n    "max-size": "10m",\n    "max-file": "3"\n  },\n  "icc": false\n}\n',
      ['D10.log-rotation-missing', 'D03.icc-enabled'],
    );
  });

  it('leave a daemon.json that is already fine unchanged', () => {
    const text =
      '{\n  "icc": false,\n  "live-restore": true,\n  "no-new-privileges": true,\n  "userland-proxy": false,\n  "log-opts": {"max-size": "10m"}\n}\n';
    expect(fix(text, DAEMON_JSON_FIXES)).toEqual({ text, applied: [], skipped: [] });
  });

  it('skip log rotation for another log driver, a file that is not JSON, and rules without a fix', () => {
    const syslog = '{"log-driver": "syslog"}\n';
    expect(fix(syslog, ['D10.log-rotation-missing', 'D04.experimental-enabled'])).toEqual({
      text: syslog,
      applied: [],
      skipped: [
        {
          ruleId: 'D04.experimental-enabled',
          line: 1,
          reason: 'no daemon.json fix for D04.experimental-enabled',
        },
        {
          ruleId: 'D10.log-rotation-missing',
          line: 1,
          reason: 'log-driver is not json-file or local: its options differ',
        },
      ],
    });
    const broken = '{"icc": true,}\n';
    expect(fix(broken, ['D03.icc-enabled'])).toEqual({
      text: broken,
      applied: [],
      skipped: [{ ruleId: 'D03.icc-enabled', line: 1, reason: 'the file is not valid JSON' }],
    });
  });
});
