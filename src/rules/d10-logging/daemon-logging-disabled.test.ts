import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './daemon-logging-disabled.js';

testRule(rule, {
  daemon: {
    accept: [{ name: 'the default', code: '{}' }, '{\n  "log-driver": "json-file"\n}\n'],
    reject: [
      {
        code: '{\n  "icc": false,\n  "log-driver": "none"\n}\n',
        lines: [3],
        messageIncludes: 'log-driver is none',
      },
    ],
  },
});

describe('D10.logging-disabled on dockerd flags', () => {
  it('rejects --log-driver=none', async () => {
    expect(linesOf(await flagFindings(rule, dockerdUnit('--log-driver=none')))).toEqual([3]);
  });
  it('accepts another driver', async () => {
    expect(await flagFindings(rule, dockerdUnit('--log-driver journald'))).toEqual([]);
  });
});
