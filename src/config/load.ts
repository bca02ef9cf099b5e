// Reads `.dt10.yaml` into a Dt10Config, or throws a ConfigError naming the line, the key and the choices.
// The file is parsed by the same js-yaml loader the scan uses, for the positions it records.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { RuleSettings } from '../core/settings.js';
import type { FixValues } from '../fix/types.js';
import { ALL_RULES } from '../rules/index.js';
import { loadYaml, type YamlFile, YamlSyntaxError } from '../sources/yaml/load.js';
import { ConfigError } from './error.js';
import { ConfigLocator } from './locate.js';
import type { RawConfig, RawFixValues, RawSettings } from './schema.js';
import type { ConfigIgnore, Dt10Config } from './types.js';
import { validateConfig } from './validate.js';

export { ConfigError } from './error.js';
export { CONFIG_FILE_NAMES, findConfig } from './find.js';

/** Config names are the CLI flags' names; RuleSettings keeps the names rules read. */
function toSettings(raw: RawSettings | undefined): Partial<RuleSettings> {
  const settings: Partial<RuleSettings> = {};
  if (!raw) return settings;
  if (raw.allowedRegistries !== undefined) settings.allowedRegistries = raw.allowedRegistries;
  if (raw.environmentLabels !== undefined) settings.environmentLabelKeys = raw.environmentLabels;
  if (raw.productionValues !== undefined) settings.productionValues = raw.productionValues;
  if (raw.tierLabels !== undefined) settings.tierLabelKeys = raw.tierLabels;
  if (raw.tiers !== undefined) settings.tierValues = raw.tiers;
  if (raw.digestSeverity !== undefined) settings.noDigestSeverity = raw.digestSeverity;
  if (raw.eolWarningDays !== undefined) settings.eolWarningDays = raw.eolWarningDays;
  if (raw.maxImageAgeDays !== undefined) settings.maxImageAgeDays = raw.maxImageAgeDays;
  if (raw.setuidAllowList !== undefined) settings.setuidAllowList = raw.setuidAllowList;
  return settings;
}

function toConfig(path: string, raw: RawConfig, locator: ConfigLocator): Dt10Config {
  const ignore = (raw.ignore ?? []).map((entry, index): ConfigIgnore => {
    const item: ConfigIgnore = {
      rule: entry.rule,
      reason: entry.reason,
      at: locator.value(['ignore', index]),
    };
    if (entry.path !== undefined) item.path = entry.path;
    if (entry.until !== undefined) item.until = entry.until;
    return item;
  });
  const config: Dt10Config = {
    path,
    directory: dirname(path),
    rules: {
      disable: raw.rules?.disable ?? [],
      enable: raw.rules?.enable ?? [],
      severity: raw.rules?.severity ?? {},
    },
    categories: { disable: raw.categories?.disable ?? [] },
    settings: toSettings(raw.settings),
    exclude: raw.exclude ?? [],
    ignore,
    fix: toFixValues(raw.fix),
    locations: locator.all(),
  };
  if (raw.failOn !== undefined) config.failOn = raw.failOn;
  return config;
}

function toFixValues(raw: RawFixValues | undefined): Partial<FixValues> {
  const values: Partial<FixValues> = {};
  if (raw?.memory !== undefined) values.memory = raw.memory;
  if (raw?.cpus !== undefined) values.cpus = String(raw.cpus);
  if (raw?.pids !== undefined) values.pids = raw.pids;
  if (raw?.uid !== undefined) values.uid = raw.uid;
  if (raw?.logMaxSize !== undefined) values.logMaxSize = raw.logMaxSize;
  if (raw?.logMaxFile !== undefined) values.logMaxFile = raw.logMaxFile;
  return values;
}

const RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((rule) => rule.id));

function parseYaml(text: string, absolute: string): YamlFile {
  try {
    return loadYaml(text, absolute);
  } catch (error) {
    if (error instanceof YamlSyntaxError)
      throw new ConfigError(absolute, error.line, error.column, '', `YAML syntax error: ${error.message}`);
    throw error;
  }
}

/** Parses and validates config text; `path` is where it was read from (made absolute). */
export function parseConfig(text: string, path: string, ruleIds: ReadonlySet<string> = RULE_IDS): Dt10Config {
  const absolute = resolve(path);
  const { documents, positions } = parseYaml(text, absolute);
  if (documents.length > 1) {
    const at = positions.of(documents[1]);
    throw new ConfigError(
      absolute,
      at?.line,
      at?.column,
      '',
      `holds ${documents.length} YAML documents; a config file is one mapping`,
    );
  }
  // An empty file (or one with comments only) is an empty config: every default applies.
  const root = documents[0] ?? {};
  const locator = new ConfigLocator(root, positions);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const validation = validateConfig(root, locator, lines, ruleIds);
  if (!validation.ok) {
    const first = validation.problems[0]!;
    throw new ConfigError(absolute, first.at.line, first.at.column, first.keyPath, first.detail);
  }
  return toConfig(absolute, validation.config, locator);
}

/** Reads, parses and validates a config file. */
export async function loadConfig(path: string): Promise<Dt10Config> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new ConfigError(absolute, undefined, undefined, '', `cannot be read (${reason})`);
  }
  return parseConfig(text, absolute);
}
