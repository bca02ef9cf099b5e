import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './icc-enabled.js';

testRule(rule, {
  daemon: {
    accept: ['{\n  "icc": false\n}\n', { name: 'no default bridge', code: '{\n  "bridge": "none"\n}\n' }],
    reject: [
      {
        name: 'not set',
        code: '{\n  "live-restore": true\n}\n',
        lines: [1],
        messageIncludes: 'icc is not set, so the default true applies',
      },
      {
        name: 'explicitly on',
        code: '{\n  "live-restore": true,\n  "icc": true\n}\n',
        lines: [3],
        messageIncludes: 'icc is true',
      },
    ],
  },
});

describe('D03.icc-enabled on dockerd flags', () => {
  it('rejects --icc and --icc=true, at the flag', async () => {
    expect(linesOf(await flagFindings(rule, dockerdUnit('--icc')))).toEqual([3]);
    expect(linesOf(await flagFindings(rule, dockerdUnit('--live-restore --icc=true')))).toEqual([3]);
  });
  it('accepts --icc=false, and leaves a unit without --icc to daemon.json', async () => {
    expect(await flagFindings(rule, dockerdUnit('--icc=false'))).toEqual([]);
    expect(await flagFindings(rule, dockerdUnit('--live-restore'))).toEqual([]);
  });
});
