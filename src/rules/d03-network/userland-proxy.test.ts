import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './userland-proxy.js';

testRule(rule, {
  daemon: {
    accept: ['{\n  "userland-proxy": false\n}\n'],
    reject: [
      {
        name: 'not set',
        code: '{}',
        lines: [1],
        messageIncludes: 'userland-proxy is not set, so the default true applies',
        severity: 'low',
      },
      { name: 'explicitly on', code: '{\n  "icc": false,\n  "userland-proxy": true\n}\n', lines: [3] },
    ],
  },
});

describe('D03.userland-proxy on dockerd flags', () => {
  it('rejects --userland-proxy=true', async () => {
    expect(linesOf(await flagFindings(rule, dockerdUnit('--userland-proxy=true')))).toEqual([3]);
  });
  it('accepts --userland-proxy=false, and leaves a unit without it to daemon.json', async () => {
    expect(await flagFindings(rule, dockerdUnit('--userland-proxy=false'))).toEqual([]);
    expect(await flagFindings(rule, dockerdUnit('--icc=false'))).toEqual([]);
  });
});
