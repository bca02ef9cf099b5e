// `dt10 rules` (the catalogue, filtered) and `dt10 explain <rule-id>` (one rule in full).
import { CATEGORY_IDS } from '../core/category.js';
import type { AnyRule } from '../core/rule.js';
import { isSeverity, severityRank } from '../core/severity.js';
import { ALL_RULES } from '../rules/index.js';
import { catalogue, ruleMarkdown, rulesJson, rulesMarkdown, rulesTable, ruleText } from '../report/rules.js';
import { ExitCode, UsageError } from './exit.js';

export interface RulesOptions {
  format: string;
  category?: string;
  severity?: string;
}

/** Rules of the given categories (`D04` or `D03,D04`) at or above the given severity. */
export function selectRules(options: Pick<RulesOptions, 'category' | 'severity'>): AnyRule[] {
  let rules = [...ALL_RULES];
  if (options.category !== undefined) {
    const wanted = options.category.split(',').map((c) => c.trim().toUpperCase());
    const unknown = wanted.filter((c) => !(CATEGORY_IDS as string[]).includes(c));
    if (unknown.length > 0) throw new UsageError(`unknown category ${unknown.join(', ')}: use D01 … D10`);
    rules = rules.filter((rule) => wanted.includes(rule.category));
  }
  if (options.severity !== undefined) {
    const severity = options.severity.toLowerCase();
    if (!isSeverity(severity)) throw new UsageError(`unknown severity "${options.severity}"`);
    rules = rules.filter((rule) => severityRank(rule.severity) >= severityRank(severity));
  }
  return rules;
}

export function runRules(options: RulesOptions, write: (text: string) => void): ExitCode {
  const rules = selectRules(options);
  switch (options.format) {
    case 'json':
      write(rulesJson(rules));
      break;
    case 'markdown':
      write(rulesMarkdown(rules));
      break;
    case 'text':
      write(rulesTable(rules));
      break;
    default:
      throw new UsageError(`--format must be text, json or markdown; got "${options.format}"`);
  }
  return ExitCode.Clean;
}

export function runExplain(id: string, format: string, write: (text: string) => void): ExitCode {
  const wanted = id.toLowerCase();
  const rule = catalogue(ALL_RULES).find((r) => r.id.toLowerCase() === wanted);
  if (!rule) {
    const close = ALL_RULES.filter((r) =>
      r.id.toLowerCase().includes(id.toLowerCase().replace(/^d\d\d\./, '')),
    );
    throw new UsageError(
      `no rule "${id}"${close.length > 0 ? `; did you mean ${close.map((r) => r.id).join(', ')}?` : ''} (dt10 rules lists them)`,
    );
  }
  if (format === 'json') write(`${JSON.stringify(JSON.parse(rulesJson([rule]))[0], null, 2)}\n`);
  else if (format === 'markdown') write(ruleMarkdown(rule, '#'));
  else if (format === 'text') write(ruleText(rule));
  else throw new UsageError(`--format must be text, json or markdown; got "${format}"`);
  return ExitCode.Clean;
}
