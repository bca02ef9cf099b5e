import { describe, expect, it } from 'vitest';
import { isHostPath, parseVolumeSpec } from './volume-spec.js';

describe('parseVolumeSpec', () => {
  it.each([
    ['/data', { type: 'volume', target: '/data', readOnly: false }],
    ['data:/var/lib/data', { type: 'volume', source: 'data', target: '/var/lib/data', readOnly: false }],
    ['data:/var/lib/data:ro', { type: 'volume', source: 'data', target: '/var/lib/data', readOnly: true }],
    ['./src:/app', { type: 'bind', source: './src', target: '/app', readOnly: false }],
    ['../shared:/shared:rw', { type: 'bind', source: '../shared', target: '/shared', readOnly: false }],
    ['.:/app:ro', { type: 'bind', source: '.', target: '/app', readOnly: true }],
    [
      '/var/run/docker.sock:/var/run/docker.sock',
      {
        type: 'bind',
        source: '/var/run/docker.sock',
        target: '/var/run/docker.sock',
        readOnly: false,
      },
    ],
    ['~/.ssh:/root/.ssh:ro', { type: 'bind', source: '~/.ssh', target: '/root/.ssh', readOnly: true }],
    ['${HOME}/x:/x', { type: 'bind', source: '${HOME}/x', target: '/x', readOnly: false }],
    ['/src:/dst:ro,z', { type: 'bind', source: '/src', target: '/dst', readOnly: true }],
    ['/src:/dst:readonly', { type: 'bind', source: '/src', target: '/dst', readOnly: true }],
    ['/src:/dst:RO', { type: 'bind', source: '/src', target: '/dst', readOnly: true }],
    [
      '/src:/dst:rslave',
      { type: 'bind', source: '/src', target: '/dst', readOnly: false, propagation: 'rslave' },
    ],
    [
      '/src:/dst:ro,shared',
      { type: 'bind', source: '/src', target: '/dst', readOnly: true, propagation: 'shared' },
    ],
    ['C:\\data:/data', { type: 'bind', source: 'C:\\data', target: '/data', readOnly: false }],
    ['c:/data:/data:ro', { type: 'bind', source: 'c:/data', target: '/data', readOnly: true }],
  ])('%s', (text, expected) => {
    expect(parseVolumeSpec(text)).toEqual(expected);
  });

  it('rejects empty text', () => {
    expect(parseVolumeSpec('')).toBeUndefined();
    expect(parseVolumeSpec('  ')).toBeUndefined();
  });
});

describe('isHostPath', () => {
  it('tells host paths from volume names', () => {
    for (const path of ['/', '/etc', './x', '.', '..', '~', '~/x', '$HOME', 'C:\\x', 'd:/x'])
      expect(isHostPath(path)).toBe(true);
    for (const name of ['data', 'my-volume', 'db_data', 'C', 'c:']) expect(isHostPath(name)).toBe(false);
  });
});
