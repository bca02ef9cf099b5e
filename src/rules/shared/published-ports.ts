// Published ports as numbers: `8080`, a range `8000-8010`, or nothing (an ephemeral host port).
import type { PublishedPort } from '../../subjects/workload.js';

export interface PortRange {
  from: number;
  to: number;
}

/** `8080` → 8080–8080, `8000-8010` → 8000–8010; undefined for text that is not a port or range. */
export function portRange(text: string | undefined): PortRange | undefined {
  const match = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(text ?? '');
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return { from, to };
}

export function inRange(range: PortRange | undefined, port: number): boolean {
  return range !== undefined && range.from <= port && port <= range.to;
}

/** `0.0.0.0:8080 → 80/tcp`, `*:(any) → 80/tcp`: the publication as a user would write it, for evidence. */
export function formatPort(port: PublishedPort): string {
  const host =
    port.hostIp === undefined ? '' : port.hostIp.includes(':') ? `[${port.hostIp}]:` : `${port.hostIp}:`;
  return `${host}${port.hostPort ?? ''}${port.hostPort === undefined && host === '' ? '' : ':'}${port.containerPort}/${port.protocol}`;
}
