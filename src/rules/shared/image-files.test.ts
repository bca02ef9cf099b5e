import { describe, expect, it } from 'vitest';
import { listText, matchesPathGlob, modeText, sizeText } from './image-files.js';

describe('matchesPathGlob', () => {
  it.each([
    ['/usr/bin/passwd', '/usr/bin/passwd', true],
    ['/usr/bin/passwd2', '/usr/bin/passwd', false],
    ['/usr/lib/dbus/helper', '/usr/lib/dbus', true],
    ['/usr/lib/dbus/helper', '/usr/lib/dbus/', true],
    ['/usr/lib/dbus-1/helper', '/usr/lib/dbus', false],
    ['/opt/app/bin/tool', '/opt/app/bin/*', true],
    ['/opt/app/bin/sub/tool', '/opt/app/bin/*', false],
    ['/opt/app/bin/sub/tool', '/opt/app/**', true],
    ['/opt/app/bin/tool', '/opt/**/tool', true],
    ['/opt/tool', '/opt/**/tool', true],
    ['/usr/bin/ping6', '/usr/bin/ping?', true],
    ['/usr/bin/pingx', '/usr/bin/ping.', false],
    ['/usr/bin/su', '/', true],
  ])('%s against %s: %s', (path, pattern, expected) => {
    expect(matchesPathGlob(path, pattern)).toBe(expected);
  });
});

describe('texts', () => {
  it('writes modes, sizes and capped lists', () => {
    expect(modeText(0o4755)).toBe('4755');
    expect(modeText(0o644)).toBe('0644');
    expect(sizeText(512)).toBe('512 B');
    expect(sizeText(2048)).toBe('2.0 KiB');
    expect(sizeText(5 * 1024 * 1024 + 512 * 1024)).toBe('5.5 MiB');
    expect(listText(['a', 'b', 'c'], 2)).toBe('a, b, … and 1 more');
    expect(listText(['a', 'b'], 2)).toBe('a, b');
  });
});
