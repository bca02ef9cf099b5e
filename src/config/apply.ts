// Turns a loaded config into what a scan runs with: the rule list (disabled rules and categories left
// out, severity overrides applied) and the settings over the defaults. ALL_RULES is shared by every
// caller, so rules are never changed in place: an override makes a copy.
import type { SubjectKind } from '../subjects/index.js';
import { type AnyRule, type Rule, withSeverity } from '../core/rule.js';
import type { RuleSettings } from '../core/settings.js';
import type { Severity } from '../core/severity.js';
import { ConfigError } from './error.js';
import type { Dt10Config } from './types.js';

export interface AppliedConfig {
  rules: AnyRule[];
  settings: RuleSettings;
  failOn?: Severity | 'none';
}

/**
 * Rules that judge nothing until a setting gives them something to judge against. They are switched on
 * by that setting, not by `rules.enable` (as `--allowed-registries` does on the command line), so that a
 * config and a flag mean the same. Listing one in `rules.enable` without its setting is an error rather
 * than a rule that silently reports nothing.
 */
const NEEDS_SETTING: Readonly<
  Record<string, { setting: keyof RuleSettings; configKey: string; flag: string }>
> = {
  'D05.untrusted-registry': {
    setting: 'allowedRegistries',
    configKey: 'settings.allowedRegistries',
    flag: '--allowed-registries',
  },
};

/** Layers settings over a base: later layers win, and a key a layer leaves undefined keeps the value below. */
export function mergeSettings(base: RuleSettings, ...layers: Partial<RuleSettings>[]): RuleSettings {
  const merged: RuleSettings = { ...base };
  for (const layer of layers)
    for (const [key, value] of Object.entries(layer))
      if (value !== undefined) Object.assign(merged, { [key]: value });
  return merged;
}

/**
 * The rules and settings a scan uses under `config`. `overrides` are settings that win over the file
 * (command-line flags); they are taken here, not laid on afterwards, because whether an enabled rule has
 * the setting it needs depends on them.
 */
export function applyConfig(
  config: Dt10Config,
  allRules: readonly AnyRule[],
  baseSettings: RuleSettings,
  overrides: Partial<RuleSettings> = {},
): AppliedConfig {
  const settings = mergeSettings(baseSettings, config.settings, overrides);
  const disabledRules = new Set(config.rules.disable);
  const enabledRules = new Set(config.rules.enable);
  const disabledCategories = new Set<string>(config.categories.disable);

  config.rules.enable.forEach((id, index) => {
    const needs = NEEDS_SETTING[id];
    if (!needs || settings[needs.setting] !== undefined) return;
    const keyPath = `rules.enable[${index}]`;
    const at = config.locations.get(keyPath);
    throw new ConfigError(
      config.path,
      at?.line,
      at?.column,
      keyPath,
      `${id} judges images against ${needs.configKey}, which is not set; set it (or ${needs.flag}) or remove ${id} from rules.enable`,
    );
  });

  const rules: AnyRule[] = [];
  for (const rule of allRules) {
    if (disabledRules.has(rule.id)) continue;
    // `rules.enable` names rules to run although their category is disabled.
    if (disabledCategories.has(rule.category) && !enabledRules.has(rule.id)) continue;
    const severity = config.rules.severity[rule.id];
    // The evaluator runs each rule on subjects of its own kind; the copy keeps that kind.
    rules.push(
      severity === undefined ? rule : (withSeverity(rule as Rule<SubjectKind>, severity) as AnyRule),
    );
  }
  const applied: AppliedConfig = { rules, settings };
  if (config.failOn !== undefined) applied.failOn = config.failOn;
  return applied;
}
