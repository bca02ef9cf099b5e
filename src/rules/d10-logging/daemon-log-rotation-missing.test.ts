import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './daemon-log-rotation-missing.js';

testRule(rule, {
  daemon: {
    accept: [
      '{\n  "log-driver": "json-file",\n  "log-opts": { "max-size": "10m", "max-file": "3" }\n}\n',
      { name: 'the default driver with max-size', code: '{\n  "log-opts": { "max-size": "10m" }\n}\n' },
      { name: 'local rotates by default', code: '{\n  "log-driver": "local"\n}\n' },
      { name: 'a remote driver', code: '{\n  "log-driver": "syslog"\n}\n' },
    ],
    reject: [
      {
        name: 'nothing set',
        code: '{}',
        lines: [1],
        messageIncludes:
          'log-driver is not set, so the default json-file applies and log-opts has no max-size',
      },
      {
        name: 'json-file without options',
        code: '{\n  "icc": false,\n  "log-driver": "json-file"\n}\n',
        lines: [3],
      },
      {
        name: 'options without max-size',
        code: '{\n  "log-driver": "json-file",\n  "log-opts": { "max-file": "3" }\n}\n',
        lines: [3],
      },
      {
        name: 'max-size -1 is unlimited',
        code: '{\n  "log-opts": {\n    "max-size": "-1"\n  }\n}\n',
        lines: [3],
        messageIncludes: 'max-size is -1 (unlimited)',
      },
    ],
  },
});

describe('D10.log-rotation-missing on dockerd flags', () => {
  it('rejects an unlimited --log-opt max-size', async () => {
    expect(
      linesOf(await flagFindings(rule, dockerdUnit('--log-driver=json-file --log-opt max-size=-1'))),
    ).toEqual([3]);
  });
  it('accepts --log-opt max-size, and leaves log-opts a unit does not set to daemon.json', async () => {
    expect(await flagFindings(rule, dockerdUnit('--log-driver=json-file --log-opt max-size=10m'))).toEqual(
      [],
    );
    expect(await flagFindings(rule, dockerdUnit('--log-driver=json-file'))).toEqual([]);
  });
});
