// Settings that tune what rules judge, with the defaults the catalogue describes. Rules read them from the
// evaluation context, never from files or the environment.
import type { Severity } from './severity.js';

export interface RuleSettings {
  /** Label keys that say which environment (stage) a workload belongs to. */
  environmentLabelKeys: string[];
  /** Values of those labels that mean production; any other value is non-production. */
  productionValues: string[];
  /** Label keys that say which tier a workload belongs to. */
  tierLabelKeys: string[];
  /** Tier values that must not share a network: each is its own tier. */
  tierValues: string[];
  /** Registries images may come from; undefined turns the allow-list check off. */
  allowedRegistries?: string[];
  /** Severity of an image reference without a digest. */
  noDigestSeverity: Severity;
  /** D02: days before a base image's end of life to start warning; 0 reports only images already past it. */
  eolWarningDays: number;
  /** D02: an image built longer ago than this many days is stale (image tarballs and live engines). */
  maxImageAgeDays: number;
  /**
   * D04: setuid/setgid files an image may keep (`D04.setuid-files` does not report them): absolute paths or
   * globs (`*` within a name, `**` across directories); a path without a wildcard also covers what is below it.
   */
  setuidAllowList: string[];
}

export const DEFAULT_SETTINGS: RuleSettings = {
  environmentLabelKeys: ['env', 'environment', 'stage'],
  productionValues: ['prod', 'production'],
  tierLabelKeys: ['tier'],
  tierValues: ['frontend', 'backend', 'db'],
  noDigestSeverity: 'low',
  eolWarningDays: 0,
  maxImageAgeDays: 90,
  setuidAllowList: [],
};
