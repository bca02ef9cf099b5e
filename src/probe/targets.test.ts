import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, parseTarget, parseTargets, targetUrl } from './targets.js';

describe('probe targets', () => {
  it('probes the default ports of a bare host, each with its service', () => {
    const targets = parseTarget('10.0.0.5');
    expect(targets.map((t) => t.port)).toEqual([...DEFAULT_PORTS]);
    expect(targets.find((t) => t.port === 10255)).toEqual({
      host: '10.0.0.5',
      port: 10255,
      service: 'kubelet',
    });
    expect(targets.find((t) => t.port === 6379)?.service).toBe('redis');
  });

  it('reads port lists, named services, bracketed and bare IPv6', () => {
    expect(parseTarget('node-1:2375,16379/redis,8080')).toEqual([
      { host: 'node-1', port: 2375, service: 'docker-api' },
      { host: 'node-1', port: 16379, service: 'redis' },
      { host: 'node-1', port: 8080 },
    ]);
    expect(parseTarget('[::1]:2379')).toEqual([{ host: '::1', port: 2379, service: 'etcd' }]);
    expect(parseTarget('fe80::1')).toHaveLength(DEFAULT_PORTS.length);
    expect(targetUrl('::1', 2379)).toBe('tcp://[::1]:2379');
  });

  it('keeps each host and port once', () => {
    expect(parseTargets(['h:6379', 'h:6379/redis', 'h:1'])).toEqual([
      { host: 'h', port: 6379, service: 'redis' },
      { host: 'h', port: 1 },
    ]);
  });

  it('rejects malformed targets with a usage error', () => {
    expect(() => parseTarget('h:70000')).toThrow(/not a port/);
    expect(() => parseTarget('h:')).toThrow(/no port/);
    expect(() => parseTarget(':2375')).toThrow(/names no host/);
    expect(() => parseTarget('h:2375/ftp')).toThrow(/unknown service "ftp"/);
    expect(() => parseTargets([])).toThrow(/at least one host/);
  });
});
