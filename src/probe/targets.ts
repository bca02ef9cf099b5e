// `dt10 probe HOST[:PORTS]…`: which ports of which hosts to probe, and which protocol to speak on each.
import { UsageError } from '../cli/exit.js';

/** The management interfaces the probe can talk to; also the `object` of its findings' locations. */
export const SERVICES = ['docker-api', 'etcd', 'kubernetes-api', 'kubelet', 'redis', 'registry'] as const;
export type Service = (typeof SERVICES)[number];

/** The ports probed when a target names none. */
export const DEFAULT_PORTS: readonly number[] = [2375, 2376, 2379, 2380, 6443, 10250, 10255, 6379, 5000];

/** The service a well-known port belongs to; other ports are tried with every service in turn. */
export const PORT_SERVICES: Readonly<Record<number, Service>> = {
  2375: 'docker-api',
  2376: 'docker-api',
  2379: 'etcd',
  2380: 'etcd',
  6443: 'kubernetes-api',
  10250: 'kubelet',
  10255: 'kubelet',
  6379: 'redis',
  5000: 'registry',
};

export interface ProbeTarget {
  /** The host as the user wrote it, without brackets: `10.0.0.5`, `node-1`, `::1`. */
  host: string;
  port: number;
  /** Set by `PORT/service`, or by a well-known port; undefined: try every service. */
  service?: Service;
}

function isService(value: string): value is Service {
  return (SERVICES as readonly string[]).includes(value);
}

function parsePort(text: string, spec: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new UsageError(`"${spec}": "${text}" is not a port (1–65535)`);
  return port;
}

/**
 * Parses `HOST`, `HOST:PORT[,PORT…]`, `[IPv6]:PORTS` or a bare IPv6 address; each port may name its service
 * (`6380/redis`). Without ports the default ones are probed.
 */
export function parseTarget(spec: string): ProbeTarget[] {
  let host: string;
  let ports: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(spec);
  if (bracketed) {
    host = bracketed[1]!;
    ports = bracketed[2];
  } else if ((spec.match(/:/g) ?? []).length > 1) {
    host = spec; // a bare IPv6 address: its ports need brackets
  } else {
    const colon = spec.indexOf(':');
    host = colon < 0 ? spec : spec.slice(0, colon);
    ports = colon < 0 ? undefined : spec.slice(colon + 1);
  }
  if (host === '' || /[\s/]/.test(host))
    throw new UsageError(`"${spec}" names no host: write HOST, HOST:PORT[,PORT…] or [IPv6]:PORT`);
  if (ports === undefined)
    return DEFAULT_PORTS.map((port) => ({ host, port, service: PORT_SERVICES[port]! }));
  if (ports === '') throw new UsageError(`"${spec}": no port after ":"`);
  return ports.split(',').map((item) => {
    const [portText = '', service] = item.split('/');
    const port = parsePort(portText, spec);
    if (service !== undefined) {
      if (!isService(service))
        throw new UsageError(`"${spec}": unknown service "${service}"; one of ${SERVICES.join(', ')}`);
      return { host, port, service };
    }
    const known = PORT_SERVICES[port];
    return known !== undefined ? { host, port, service: known } : { host, port };
  });
}

/** Every target of every spec, each host and port once (the first spec naming it decides the service). */
export function parseTargets(specs: readonly string[]): ProbeTarget[] {
  if (specs.length === 0) throw new UsageError('name at least one host to probe: dt10 probe HOST[:PORTS]');
  const seen = new Set<string>();
  const targets: ProbeTarget[] = [];
  for (const target of specs.flatMap(parseTarget)) {
    const key = `${target.host}\u0000${target.port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push(target);
  }
  return targets;
}

/** `tcp://host:port`, IPv6 in brackets. */
export function targetUrl(host: string, port: number): string {
  return `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
