import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './experimental-enabled.js';

testRule(rule, {
  daemon: {
    accept: [{ name: 'the default', code: '{}' }, '{\n  "experimental": false\n}\n'],
    reject: [
      {
        code: '{\n  "icc": false,\n  "experimental": true\n}\n',
        lines: [3],
        messageIncludes: 'experimental is true',
      },
    ],
  },
});

describe('D04.experimental-enabled on dockerd flags', () => {
  it('rejects --experimental', async () => {
    expect(linesOf(await flagFindings(rule, dockerdUnit('--experimental')))).toEqual([3]);
  });
  it('accepts --experimental=false and no flag', async () => {
    expect(await flagFindings(rule, dockerdUnit('--experimental=false'))).toEqual([]);
    expect(await flagFindings(rule, dockerdUnit('--icc=false'))).toEqual([]);
  });
});
