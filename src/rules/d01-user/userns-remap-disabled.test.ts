import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './userns-remap-disabled.js';

testRule(rule, {
  daemon: {
    accept: ['{\n  "userns-remap": "default"\n}\n', '{"userns-remap": "dockremap:dockremap"}'],
    reject: [
      {
        name: 'not set',
        code: '{\n  "icc": false\n}\n',
        lines: [1],
        messageIncludes: 'userns-remap is not set, so the default (no remapping) applies',
      },
      {
        name: 'empty',
        code: '{\n  "icc": false,\n  "userns-remap": ""\n}\n',
        lines: [3],
        messageIncludes: 'is empty',
      },
      { name: 'an empty file', code: '', lines: [1] },
    ],
  },
});

describe('D01.userns-remap-disabled on dockerd flags', () => {
  it('accepts --userns-remap, and leaves a unit without it to daemon.json', async () => {
    expect(await flagFindings(rule, dockerdUnit('--userns-remap=default'))).toEqual([]);
    expect(await flagFindings(rule, dockerdUnit('--icc=false'))).toEqual([]);
  });
  it('rejects an empty --userns-remap', async () => {
    expect(linesOf(await flagFindings(rule, dockerdUnit('--userns-remap ""')))).toEqual([3]);
  });
});
