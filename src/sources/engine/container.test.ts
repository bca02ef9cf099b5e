// A container's inspect (recorded from a real dockerd, test/fixtures/engine) → Workload.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ApiContainer } from './api-types.js';
import { containerWorkload } from './container.js';

const fixture = (name: string): ApiContainer =>
  JSON.parse(
    readFileSync(new URL(`../../../test/fixtures/engine/${name}`, import.meta.url), 'utf8'),
  ) as ApiContainer;

describe('containerWorkload', () => {
  it('reads the risky settings, each placed at its Engine API field', () => {
    const workload = containerWorkload(fixture('container-risky.json'), 'unix:///e.sock');
    expect(workload.origin).toBe('engine');
    expect(workload.label).toBe(`container "${workload.name}"`);
    expect(workload.privileged).toEqual({
      value: true,
      at: { engine: 'unix:///e.sock', object: `container/${workload.name}`, field: 'HostConfig.Privileged' },
    });
    expect(workload.capAdd.map((c) => c.value)).toContain('SYS_ADMIN');
    expect(workload.capDrop.map((c) => c.value)).toContain('ALL');
    expect(workload.mounts.some((m) => m.type === 'bind' && m.source === '/var/run/docker.sock')).toBe(true);
    expect(workload.resources.memorySwap?.value).toBe('-1');
    expect(workload.logging?.driver?.value).toBe('none');
  });

  it('reads a plain container without inventing settings', () => {
    const workload = containerWorkload(fixture('container-plain.json'), 'unix:///e.sock');
    expect(workload.privileged?.value).toBe(false);
    expect(workload.pidMode).toBeUndefined();
    expect(workload.resources.memory).toBeUndefined();
    expect(workload.capAdd).toEqual([]);
  });

  it("joins no shared network on host, none or another container's network", () => {
    const base = fixture('container-plain.json');
    const on = (mode: string, networks: string[]) =>
      containerWorkload(
        {
          ...base,
          HostConfig: { ...base.HostConfig, NetworkMode: mode },
          NetworkSettings: { Networks: Object.fromEntries(networks.map((n) => [n, {}])) },
        },
        'e',
      ).networks.map((n) => n.value);
    expect(on('none', ['none'])).toEqual([]);
    expect(on('host', ['host'])).toEqual([]);
    expect(on('container:abc', [])).toEqual([]);
    expect(on('backend', ['backend'])).toEqual(['backend']);
    expect(on('default', ['bridge'])).toEqual(['bridge']);
  });
});
