import { describe, expect, it } from 'vitest';
import { RequestPositions } from '../../src/serve/admission/positions.js';

describe('RequestPositions: places for an object that came without text', () => {
  const object = { metadata: { name: 'web' }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } };

  it('gives every slot of a node a place of its own, and the same slot the same place', () => {
    const positions = new RequestPositions();
    const places = [
      positions.of(object),
      positions.key(object, 'metadata'),
      positions.value(object, 'metadata'),
      positions.key(object, 'spec'),
      positions.item(object.spec.containers, 0),
      positions.item(object.spec.containers, 1),
      positions.of(object.spec.containers),
      positions.key(object.metadata, 'name'),
    ];
    const texts = places.map((place) => `${place?.path}:${place?.line}:${place?.column}`);
    expect(new Set(texts).size).toBe(places.length);
    expect(positions.key(object, 'metadata')).toEqual(places[1]);
    expect(positions.value(object, 'metadata')).toEqual(places[2]);
    expect(positions.item(object.spec.containers, 1)).toEqual(places[5]);
    expect(positions.of(object)).toEqual(places[0]);
    expect(places[0]).toMatchObject({ path: 'the admission request', line: 1, column: 1 });
  });

  it('keeps one line per node: slots of a node differ by column', () => {
    const positions = new RequestPositions();
    const key = positions.key(object, 'metadata');
    const value = positions.value(object, 'spec');
    const other = positions.key(object.metadata, 'name');
    expect(value?.line).toBe(key?.line);
    expect(value?.column).not.toBe(key?.column);
    expect(other?.line).not.toBe(key?.line);
  });

  it('has no place for what the object does not hold', () => {
    const positions = new RequestPositions();
    expect(positions.key(object, 'status')).toBeUndefined();
    expect(positions.value(object, 'status')).toBeUndefined();
    expect(positions.item(object.spec.containers, 2)).toBeUndefined();
    expect(positions.item(object.spec.containers, -1)).toBeUndefined();
    expect(positions.item(object, 0)).toBeUndefined();
    expect(positions.key(object.spec.containers, '0')).toBeUndefined();
    expect(positions.of('a string')).toBeUndefined();
    expect(positions.of(null)).toBeUndefined();
  });
});
