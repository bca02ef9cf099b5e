import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './daemon-no-new-privileges.js';

testRule(rule, {
  daemon: {
    accept: ['{\n  "no-new-privileges": true\n}\n'],
    reject: [
      {
        name: 'not set',
        code: '{\n  "icc": false\n}\n',
        lines: [1],
        messageIncludes: 'no-new-privileges is not set, so the default false applies',
      },
      { name: 'explicitly off', code: '{\n  "icc": false,\n  "no-new-privileges": false\n}\n', lines: [3] },
    ],
  },
});

describe('D04.daemon-no-new-privileges on dockerd flags', () => {
  it('rejects --no-new-privileges=false', async () => {
    expect(linesOf(await flagFindings(rule, dockerdUnit('--no-new-privileges=false')))).toEqual([3]);
  });
  it('accepts --no-new-privileges, and leaves a unit without it to daemon.json', async () => {
    expect(await flagFindings(rule, dockerdUnit('--no-new-privileges'))).toEqual([]);
    expect(await flagFindings(rule, dockerdUnit('--icc=false'))).toEqual([]);
  });
});
