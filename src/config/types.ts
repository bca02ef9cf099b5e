// What a loaded `.dt10.yaml` holds, ready to use: lists default to empty, settings carry the names of
// RuleSettings, dates are `YYYY-MM-DD` strings.
import type { Category } from '../core/category.js';
import type { SourceLocation } from '../core/location.js';
import type { RuleSettings } from '../core/settings.js';
import type { Severity } from '../core/severity.js';
import type { FixValues } from '../fix/types.js';

export interface Dt10Config {
  /** Absolute path of the config file. */
  path: string;
  /** Its directory: `exclude` and `ignore[].path` globs are relative to it. */
  directory: string;
  failOn?: Severity | 'none';
  rules: {
    disable: string[];
    enable: string[];
    /** Rule id → the severity every finding of that rule gets. */
    severity: Record<string, Severity>;
  };
  categories: { disable: Category[] };
  /** Only the settings the file sets; `applyConfig` lays them over the defaults. */
  settings: Partial<RuleSettings>;
  exclude: string[];
  ignore: ConfigIgnore[];
  /** The values `dt10 fix` writes, as far as the file sets them. */
  fix: Partial<FixValues>;
  /**
   * Where each value is written, by key path (`failOn`, `rules.enable[0]`, `rules.severity.D08.no-digest`),
   * so that problems found after loading (a rule enabled without the setting it needs) name the line.
   */
  locations: ReadonlyMap<string, SourceLocation>;
}

export interface ConfigIgnore {
  rule: string;
  /** A gitignore-syntax glob relative to the config file's directory; absent: everywhere. */
  path?: string;
  reason: string;
  /** `YYYY-MM-DD`: the last day the entry applies. */
  until?: string;
  /** Where the entry is written in the config file. */
  at: SourceLocation;
}
