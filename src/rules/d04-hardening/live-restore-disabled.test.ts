import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './live-restore-disabled.js';

testRule(rule, {
  daemon: {
    accept: ['{\n  "live-restore": true\n}\n'],
    reject: [
      {
        name: 'not set',
        code: '{\n  "icc": false\n}\n',
        lines: [1],
        messageIncludes: 'live-restore is not set, so the default false applies',
      },
      {
        name: 'explicitly off',
        code: '{\n  "icc": false,\n  "live-restore": false\n}\n',
        lines: [3],
        messageIncludes: 'live-restore is false',
      },
    ],
  },
});

describe('D04.live-restore-disabled on dockerd flags', () => {
  it('rejects --live-restore=false', async () => {
    expect(linesOf(await flagFindings(rule, dockerdUnit('--live-restore=false')))).toEqual([3]);
  });
  it('accepts --live-restore, and leaves a unit without it to daemon.json', async () => {
    expect(await flagFindings(rule, dockerdUnit('--live-restore'))).toEqual([]);
    expect(await flagFindings(rule, dockerdUnit('--icc=false'))).toEqual([]);
  });
});
