// Compose `extends` within one file: a service takes over the configuration of another, merged as
// docker compose merges it (compose-spec merge rules), keeping the positions of what it inherits so that a
// finding about an inherited field points at the line that wrote it.
import { asMapping, asScalarString, isMapping, type Mapping } from '../shared/values.js';
import { parseVolumeSpec } from '../shared/volume-spec.js';
import type { EntryOrigin, YamlPositions } from '../yaml/positions.js';

/** Sequences whose items add up: the extending service's come after the base's. */
const CONCATENATED = new Set([
  'ports',
  'expose',
  'cap_add',
  'cap_drop',
  'security_opt',
  'devices',
  'dns',
  'dns_search',
  'tmpfs',
  'external_links',
  'group_add',
]);

/** `KEY=VALUE` lists or mappings, merged by key whichever form each side uses. */
const KEY_VALUES = new Set(['environment', 'labels', 'annotations']);

/** Mappings merged key by key, recursively (`deploy.resources.limits` of both sides combine). */
const MERGED_MAPPINGS = new Set([
  'deploy',
  'logging',
  'healthcheck',
  'sysctls',
  'ulimits',
  'build',
  'networks',
]);

/** Longer chains of `extends` than this are cut, rather than overflow the stack; real ones are short. */
const MAX_CHAIN = 64;

export class ServiceResolver {
  private readonly resolved = new Map<string, Mapping>();
  private readonly resolving = new Set<string>();

  constructor(
    private readonly services: Mapping,
    private readonly positions: YamlPositions,
  ) {}

  /** The service with everything it extends merged in; a cycle of `extends` stops where it closes. */
  resolve(name: string): Mapping | undefined {
    const cached = this.resolved.get(name);
    if (cached) return cached;
    // Only the file's own services: `extends: constructor` must not reach Object.prototype.
    const service = Object.hasOwn(this.services, name) ? asMapping(this.services[name]) : undefined;
    if (!service) return undefined;
    const extendsValue = service.extends;
    const extendsMapping = asMapping(extendsValue);
    // `extends: { file: … }` names a service of another file, which is not read.
    const baseName =
      typeof extendsValue === 'string'
        ? extendsValue
        : extendsMapping?.file === undefined
          ? asScalarString(extendsMapping?.service)
          : undefined;
    if (baseName === undefined || this.resolving.has(name) || this.resolving.size >= MAX_CHAIN) {
      this.resolved.set(name, service);
      return service;
    }
    this.resolving.add(name);
    const base = this.resolve(baseName);
    this.resolving.delete(name);
    const merged = base ? this.merge(base, service) : service;
    this.resolved.set(name, merged);
    return merged;
  }

  private merge(base: Mapping, own: Mapping): Mapping {
    const merged: Mapping = { ...base };
    for (const [key, value] of Object.entries(own)) {
      const inherited = base[key];
      if (inherited === undefined || inherited === null) merged[key] = value;
      else if (CONCATENATED.has(key) && Array.isArray(inherited) && Array.isArray(value))
        merged[key] = this.concat(inherited, value);
      else if (key === 'volumes' && Array.isArray(inherited) && Array.isArray(value))
        merged[key] = this.mergeVolumes(inherited, value);
      else if (KEY_VALUES.has(key) && isKeyValues(inherited) && isKeyValues(value))
        merged[key] = this.mergeKeyValues(inherited, value);
      else if (MERGED_MAPPINGS.has(key) && isMapping(inherited) && isMapping(value))
        merged[key] = this.mergeMappings(inherited, value);
      else merged[key] = value;
    }
    delete merged.extends;
    this.positions.inherit(merged, [base, own]);
    return merged;
  }

  private concat(base: unknown[], own: unknown[]): unknown[] {
    const merged = [...base, ...own];
    this.positions.inheritItems(merged, [
      ...base.map((_, index) => ({ sequence: base, index })),
      ...own.map((_, index) => ({ sequence: own, index })),
    ]);
    return merged;
  }

  /** Volumes are merged by their target: the extending service's mount of a path replaces the base's. */
  private mergeVolumes(base: unknown[], own: unknown[]): unknown[] {
    const ownTargets = new Set(own.map(volumeTarget).filter((t) => t !== undefined));
    const origins: { sequence: unknown; index: number }[] = [];
    const merged: unknown[] = [];
    base.forEach((entry, index) => {
      const target = volumeTarget(entry);
      if (target !== undefined && ownTargets.has(target)) return;
      merged.push(entry);
      origins.push({ sequence: base, index });
    });
    own.forEach((entry, index) => {
      merged.push(entry);
      origins.push({ sequence: own, index });
    });
    this.positions.inheritItems(merged, origins);
    return merged;
  }

  /** The result is a mapping (`KEY: value`, null for a bare `KEY`), whatever form the two sides use. */
  private mergeKeyValues(base: unknown, own: unknown): Mapping {
    const merged: Mapping = {};
    const origins = new Map<string, EntryOrigin>();
    for (const side of [base, own]) {
      if (Array.isArray(side)) {
        side.forEach((entry, index) => {
          const text = asScalarString(entry);
          if (text === undefined) return;
          const equals = text.indexOf('=');
          const name = equals === -1 ? text : text.slice(0, equals);
          merged[name] = equals === -1 ? null : text.slice(equals + 1);
          origins.set(name, { sequence: side, index });
        });
      } else if (isMapping(side)) {
        for (const [name, value] of Object.entries(side)) {
          merged[name] = value;
          origins.set(name, { mapping: side, key: name });
        }
      }
    }
    this.positions.inheritEntries(merged, origins);
    return merged;
  }

  private mergeMappings(base: Mapping, own: Mapping, active: [Mapping, Mapping][] = []): Mapping {
    // Anchors can make a mapping contain itself: a pair already being merged stops the recursion.
    if (base === own || active.some(([b, o]) => b === base && o === own)) return own;
    active.push([base, own]);
    const merged: Mapping = { ...base };
    for (const [key, value] of Object.entries(own)) {
      const inherited = base[key];
      merged[key] =
        isMapping(inherited) && isMapping(value) ? this.mergeMappings(inherited, value, active) : value;
    }
    active.pop();
    this.positions.inherit(merged, [base, own]);
    return merged;
  }
}

function isKeyValues(value: unknown): boolean {
  return Array.isArray(value) || isMapping(value);
}

function volumeTarget(entry: unknown): string | undefined {
  const short = asScalarString(entry);
  if (short !== undefined) return parseVolumeSpec(short)?.target;
  return asScalarString(asMapping(entry)?.target);
}
