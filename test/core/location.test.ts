import { describe, expect, it } from 'vitest';
import {
  compareLocations,
  placeOf,
  type EngineLocation,
  type Location,
  type SourceLocation,
} from '../../src/core/location.js';
import { fileAt } from '../rule-tester.js';

const file = (path: string, line: number, column = 1): SourceLocation => ({ path, line, column });
const engine = (name: string, object: string, field?: string): EngineLocation =>
  field === undefined ? { engine: name, object } : { engine: name, object, field };

describe('placeOf', () => {
  it('is the path of a file location, line and column left out', () => {
    expect(placeOf(file('deploy/compose.yaml', 12, 5))).toBe('deploy/compose.yaml');
  });

  it('is the engine and the object of an engine location, the field left out', () => {
    expect(placeOf(engine('unix:///var/run/docker.sock', 'container/web'))).toBe(
      'unix:///var/run/docker.sock container/web',
    );
    expect(placeOf(engine('tcp://10.0.0.5:2376', 'engine', 'SecurityOptions'))).toBe(
      'tcp://10.0.0.5:2376 engine',
    );
  });
});

describe('compareLocations', () => {
  it('orders file locations by path, then line, then column', () => {
    expect(compareLocations(file('a.yaml', 9), file('b.yaml', 1))).toBeLessThan(0);
    expect(compareLocations(file('a.yaml', 2), file('a.yaml', 10))).toBeLessThan(0);
    expect(compareLocations(file('a.yaml', 3, 7), file('a.yaml', 3, 2))).toBeGreaterThan(0);
    expect(compareLocations(file('a.yaml', 3, 7), file('a.yaml', 3, 7))).toBe(0);
  });

  it('puts engine locations after file locations', () => {
    expect(compareLocations(file('z.yaml', 99), engine('a', 'container/a'))).toBeLessThan(0);
    expect(compareLocations(engine('a', 'container/a'), file('z.yaml', 99))).toBeGreaterThan(0);
  });

  it('orders engine locations by engine, then object, then field', () => {
    expect(compareLocations(engine('a', 'network/z'), engine('b', 'container/a'))).toBeLessThan(0);
    expect(compareLocations(engine('a', 'container/web'), engine('a', 'container/api'))).toBeGreaterThan(0);
    expect(compareLocations(engine('a', 'container/web'), engine('a', 'container/web', 'Env'))).toBeLessThan(
      0,
    );
    expect(compareLocations(engine('a', 'container/web', 'Env'), engine('a', 'container/web', 'Env'))).toBe(
      0,
    );
  });

  it('sorts a mixed list the same whatever its order', () => {
    const sorted: Location[] = [
      file('a.yaml', 1, 1),
      file('a.yaml', 1, 4),
      file('a.yaml', 2, 1),
      file('b.yaml', 1, 1),
      engine('tcp://h:2376', 'container/api'),
      engine('tcp://h:2376', 'container/web'),
      engine('unix:///var/run/docker.sock', 'engine'),
    ];
    expect([...sorted].reverse().sort(compareLocations)).toEqual(sorted);
  });
});

describe('fileAt (test helper)', () => {
  it('gives a file location back and throws for an engine location', () => {
    const at = file('compose.yaml', 4, 5);
    expect(fileAt(at)).toBe(at);
    expect(() => fileAt(engine('unix:///var/run/docker.sock', 'container/web'))).toThrow(
      /expected a file location/,
    );
  });
});
