import { describe, expect, it } from 'vitest';
import { dockerdUnit, flagFindings, linesOf } from '../../../test/engine-tester.js';
import { testRule } from '../../../test/rule-tester.js';
import rule from './deprecated-storage-driver.js';

testRule(rule, {
  daemon: {
    accept: [
      { name: 'the default', code: '{}' },
      '{\n  "storage-driver": "overlay2"\n}\n',
      '{"storage-driver": "btrfs"}',
    ],
    reject: [
      {
        name: 'aufs',
        code: '{\n  "icc": false,\n  "storage-driver": "aufs"\n}\n',
        lines: [3],
        messageIncludes: 'storage-driver is aufs',
      },
      {
        name: 'devicemapper',
        code: '{\n  "storage-driver": "devicemapper"\n}\n',
        lines: [2],
        messageIncludes: 'removed in 25.0',
      },
      { name: 'legacy overlay', code: '{\n  "storage-driver": "overlay"\n}\n', lines: [2] },
    ],
  },
});

describe('D04.deprecated-storage-driver on dockerd flags', () => {
  it('rejects -s aufs and --storage-driver=devicemapper', async () => {
    expect(linesOf(await flagFindings(rule, dockerdUnit('-s aufs')))).toEqual([3]);
    expect(linesOf(await flagFindings(rule, dockerdUnit('--storage-driver=devicemapper')))).toEqual([3]);
  });
  it('accepts overlay2', async () => {
    expect(await flagFindings(rule, dockerdUnit('--storage-driver overlay2'))).toEqual([]);
  });
});
