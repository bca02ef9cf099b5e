import { describe, expect, it } from 'vitest';
import { parseMountFlag, splitCsvRecord } from './mount-flag.js';

describe('splitCsvRecord', () => {
  it('splits at commas outside double quotes', () => {
    expect(splitCsvRecord('a,b')).toEqual(['a', 'b']);
    expect(splitCsvRecord('type=volume,"volume-opt=o=addr=1,vers=4",dst=/d')).toEqual([
      'type=volume',
      'volume-opt=o=addr=1,vers=4',
      'dst=/d',
    ]);
    expect(splitCsvRecord('"a""b",')).toEqual(['a"b', '']);
  });
});

describe('parseMountFlag', () => {
  it.each([
    [
      'type=bind,source=/etc,target=/host/etc,readonly',
      { type: 'bind', source: '/etc', target: '/host/etc', readOnly: true },
    ],
    ['type=bind,src=/a,dst=/b,ro=true', { type: 'bind', source: '/a', target: '/b', readOnly: true }],
    [
      'type=bind,src=/a,destination=/b,readonly=false',
      { type: 'bind', source: '/a', target: '/b', readOnly: false },
    ],
    ['type=bind,src=/a,dst=/b,readonly=1', { type: 'bind', source: '/a', target: '/b', readOnly: true }],
    [
      'type=bind,src=/a,dst=/b,bind-propagation=rshared',
      { type: 'bind', source: '/a', target: '/b', readOnly: false, propagation: 'rshared' },
    ],
    ['src=data,dst=/data', { type: 'volume', source: 'data', target: '/data', readOnly: false }],
    ['type=volume,dst=/anon', { type: 'volume', target: '/anon', readOnly: false }],
    ['type=tmpfs,dst=/run,tmpfs-size=64m', { type: 'tmpfs', target: '/run', readOnly: false }],
    ['Type=BIND,Source=/x,Target=/y', { type: 'bind', source: '/x', target: '/y', readOnly: false }],
    [
      'type=npipe,src=\\\\.\\pipe\\docker_engine,dst=\\\\.\\pipe\\docker_engine',
      {
        type: 'other',
        source: '\\\\.\\pipe\\docker_engine',
        target: '\\\\.\\pipe\\docker_engine',
        readOnly: false,
      },
    ],
  ])('%s', (text, expected) => {
    expect(parseMountFlag(text)).toEqual(expected);
  });

  it('refuses a mount without a target', () => {
    expect(parseMountFlag('type=bind,source=/a')).toBeUndefined();
    expect(parseMountFlag('')).toBeUndefined();
    expect(parseMountFlag('target=')).toBeUndefined();
  });
});
