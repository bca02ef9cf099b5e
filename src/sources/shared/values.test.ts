import { describe, expect, it } from 'vitest';
import {
  asArray,
  asBoolean,
  asMapping,
  asNumber,
  asScalarString,
  isMapping,
  normalizeCapability,
} from './values.js';

describe('values', () => {
  it('tells mappings from arrays, null and scalars', () => {
    expect(isMapping({})).toBe(true);
    expect(isMapping([])).toBe(false);
    expect(isMapping(null)).toBe(false);
    expect(isMapping('x')).toBe(false);
    expect(asMapping([1])).toBeUndefined();
    expect(asArray('x')).toEqual([]);
    expect(asArray([1])).toEqual([1]);
  });

  it('reads scalars as strings, not objects', () => {
    expect(asScalarString('a')).toBe('a');
    expect(asScalarString(80)).toBe('80');
    expect(asScalarString(true)).toBe('true');
    expect(asScalarString(null)).toBeUndefined();
    expect(asScalarString({})).toBeUndefined();
  });

  it('reads YAML and interpolated booleans', () => {
    for (const t of [true, 'true', 'True', 'yes', 'on', '1', ' TRUE ']) expect(asBoolean(t)).toBe(true);
    for (const f of [false, 'false', 'no', 'off', '0']) expect(asBoolean(f)).toBe(false);
    for (const u of ['maybe', '', 1, null, undefined]) expect(asBoolean(u)).toBeUndefined();
  });

  it('reads numbers, and numeric strings', () => {
    expect(asNumber(5)).toBe(5);
    expect(asNumber('100')).toBe(100);
    expect(asNumber('-1')).toBe(-1);
    expect(asNumber('')).toBeUndefined();
    expect(asNumber('1g')).toBeUndefined();
    expect(asNumber(Number.NaN)).toBeUndefined();
  });

  it('normalizes capability names', () => {
    expect(normalizeCapability('CAP_SYS_ADMIN')).toBe('SYS_ADMIN');
    expect(normalizeCapability(' net_admin ')).toBe('NET_ADMIN');
    expect(normalizeCapability('ALL')).toBe('ALL');
  });
});
