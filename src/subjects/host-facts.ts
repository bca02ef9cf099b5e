// The host a container engine runs on, as its files say (sources/host reads them): patch state, listening
// sockets, who may reach the engine, audit rules, time synchronisation. Every fact keeps the file it was read
// from; a fact whose file could not be read is absent and listed in `unknown`, never guessed.
import type { Located, SourceLocation } from '../core/location.js';
import type { HostAccess } from './host/access.js';
import type { HostNetwork } from './host/network.js';
import type { HostSystem } from './host/system.js';

export interface HostUnknown {
  /** What could not be found out: `the running kernel`, `listening sockets`. */
  what: string;
  /** The file that would have said, as read (under `root`). */
  path: string;
  /** `EACCES`, `ENOENT`, `not a Linux host`. */
  why: string;
}

export interface HostFacts {
  kind: 'host';
  /** The directory the host's filesystem is read from: `/`, or `--root /host`. */
  root: string;
  /** How messages name the host: `host web-1` (its hostname), else `host /`. */
  label: string;
  /** The host as a whole (its hostname file), for findings about no file in particular. */
  at: SourceLocation;
  /** The evaluation needs "now" from the rule context; this is when the host's files were read. */
  readAt: Located<string>;
  system: HostSystem;
  network: HostNetwork;
  access: HostAccess;
  unknown: HostUnknown[];
}
