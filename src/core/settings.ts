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
}

export const DEFAULT_SETTINGS: RuleSettings = {
  environmentLabelKeys: ['env', 'environment', 'stage'],
  productionValues: ['prod', 'production'],
  tierLabelKeys: ['tier'],
  tierValues: ['frontend', 'backend', 'db'],
  noDigestSeverity: 'low',
};
