import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './daemon-log-level.js';

testRule(rule, {
  daemon: {
    accept: [{ name: 'the default', code: '{}' }, '{\n  "log-level": "info",\n  "debug": false\n}\n'],
    reject: [
      {
        name: 'debug',
        code: '{\n  "log-level": "debug"\n}\n',
        lines: [2],
        messageIncludes: 'every API request',
      },
      {
        name: 'warn',
        code: '{\n  "icc": false,\n  "log-level": "warn"\n}\n',
        lines: [3],
        messageIncludes: 'not logged',
      },
      { name: 'debug: true', code: '{\n  "debug": true\n}\n', lines: [2], messageIncludes: 'debug is true' },
    ],
  },
});

describe('D10.daemon-log-level on dockerd flags', () => {
  it('rejects -l debug and -D', async () => {
    expect(linesOf(await flagFindings(rule, dockerdUnit('-l debug')))).toEqual([3]);
    expect(linesOf(await flagFindings(rule, dockerdUnit('-D')))).toEqual([3]);
  });
  it('accepts --log-level=info', async () => {
    expect(await flagFindings(rule, dockerdUnit('--log-level=info'))).toEqual([]);
  });
});
