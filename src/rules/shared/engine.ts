// Judgements about EngineConfig settings that several rules share: what a setting is when the input does
// not write it, and where a finding about it goes.
import type { Location, Placed } from '../../core/location.js';
import type { EngineConfig } from '../../subjects/engine-config.js';

export interface Effective<T> {
  value: T;
  /** The setting, or the configuration's start when the default applies. */
  at: Location;
  /** False when the value is the engine's default because the input does not write the setting. */
  explicit: boolean;
}

/**
 * A setting's value as the engine will run with it: as written, else the engine's default when the
 * input's unset settings take it; undefined when it is unknown (dockerd flags, which daemon.json may
 * complement).
 */
export function effective<T>(
  config: EngineConfig,
  setting: Placed<T> | undefined,
  defaultValue: T,
): Effective<T> | undefined {
  if (setting) return { value: setting.value, at: setting.at, explicit: true };
  if (config.unsetMeansDefault) return { value: defaultValue, at: config.at, explicit: false };
  return undefined;
}

/** `icc is not set, so the default true applies` — how messages name a default. */
export function notSet(name: string, defaultText: string): string {
  return `${name} is not set, so the default ${defaultText} applies`;
}

/** `localhost`, `127.x.x.x`, `::1` (bracketed or not): addresses only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    bare === 'localhost' ||
    /^127(\.\d{1,3}){0,3}$/.test(bare) ||
    bare === '::1' ||
    /^(0{1,4}:){7}0{0,3}1$/.test(bare)
  );
}

/** Splits `host:port` (IPv6 in brackets) into host and port; a missing host is empty. */
export function splitHostPort(address: string): { host: string; port?: string } {
  if (address.startsWith('[')) {
    const close = address.indexOf(']');
    if (close > 0) {
      const rest = address.slice(close + 1);
      return rest.startsWith(':')
        ? { host: address.slice(0, close + 1), port: rest.slice(1) }
        : { host: address };
    }
  }
  const colon = address.lastIndexOf(':');
  if (colon < 0 || address.indexOf(':') !== colon) return { host: address };
  return { host: address.slice(0, colon), port: address.slice(colon + 1) };
}
