import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './iptables-disabled.js';

testRule(rule, {
  daemon: {
    accept: [{ name: 'the default', code: '{}' }, '{\n  "iptables": true\n}\n'],
    reject: [
      {
        code: '{\n  "icc": false,\n  "iptables": false\n}\n',
        lines: [3],
        messageIncludes: 'iptables is false',
      },
    ],
  },
});

describe('D03.iptables-disabled on dockerd flags', () => {
  it('rejects --iptables=false', async () => {
    expect(linesOf(await flagFindings(rule, dockerdUnit('--icc=false --iptables=false')))).toEqual([3]);
  });
  it('accepts --iptables=true and no flag', async () => {
    expect(await flagFindings(rule, dockerdUnit('--iptables=true'))).toEqual([]);
    expect(await flagFindings(rule, dockerdUnit('--icc=false'))).toEqual([]);
  });
});
