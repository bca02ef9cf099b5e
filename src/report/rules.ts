// Renders the rule catalogue (`dt10 rules`, `dt10 explain`, docs/rules.md) from the rules' own metadata.
import { FIX_FORMATS, OPT_IN_FIXES } from '../fix/catalogue.js';
import { CATEGORIES } from '../core/category.js';
import { THREATS } from '../core/category.js';
import type { AnyRule, RuleExample, RuleMeta } from '../core/rule.js';
import { RULES_DOC_URL } from '../version.js';

const FENCE_LANGUAGE: Record<string, string> = {
  dockerfile: 'dockerfile',
  compose: 'yaml',
  kubernetes: 'yaml',
  'docker-run': 'sh',
  daemon: 'json',
  engine: 'json',
  image: 'yaml',
  host: 'yaml',
};

/** How an example's format is introduced: engines and images are shown as descriptions, not files. */
function exampleTarget(target: string): string {
  if (target === 'engine') return 'live engine (what its API answers)';
  if (target === 'image') return 'image (its config, and the files each layer adds, bottom first)';
  if (target === 'host') return 'host (its files, path: content)';
  return target;
}

/**
 * One entry per rule id. An id can have one rule object per subject (`D08.latest-tag` judges a Dockerfile's
 * FROM and a workload's image); users see one rule: formats and examples joined, the other fields shared.
 */
export function catalogue(rules: readonly AnyRule[]): AnyRule[] {
  const byId = new Map<string, AnyRule>();
  for (const rule of rules) {
    const seen = byId.get(rule.id);
    if (!seen) {
      byId.set(rule.id, rule);
      continue;
    }
    byId.set(rule.id, {
      ...seen,
      targets: [...new Set([...seen.targets, ...rule.targets])],
      threats: [...new Set([...seen.threats, ...rule.threats])].sort((a, b) => a - b),
      cis: [...new Set([...seen.cis, ...rule.cis])],
      references: [...new Set([...seen.references, ...rule.references])],
      remediation:
        seen.remediation === rule.remediation ? seen.remediation : `${seen.remediation}\n${rule.remediation}`,
      examples: [...(seen.examples ?? []), ...(rule.examples ?? [])],
    } as AnyRule);
  }
  return [...byId.values()];
}

export function rulesJson(rules: readonly AnyRule[]): string {
  const list = catalogue(rules).map((rule) => ({
    id: rule.id,
    title: rule.title,
    category: rule.category,
    severity: rule.severity,
    subject: rule.subject,
    targets: rule.targets,
    threats: rule.threats,
    cis: rule.cis,
    related: rule.related,
    rationale: rule.rationale,
    remediation: rule.remediation,
    references: rule.references,
    examples: rule.examples ?? [],
    fix: FIX_FORMATS[rule.id] ?? [],
  }));
  return `${JSON.stringify(list, null, 2)}\n`;
}

export function rulesTable(all: readonly AnyRule[]): string {
  const rules = catalogue(all);
  const idWidth = Math.max(2, ...rules.map((r) => r.id.length));
  const cisWidth = Math.max(3, ...rules.map((r) => (r.cis.join(',') || '-').length));
  const targetWidth = Math.max(7, ...rules.map((r) => r.targets.join(',').length));
  const row = (id: string, severity: string, cis: string, targets: string, title: string): string =>
    `${id.padEnd(idWidth)}  ${severity.padEnd(8)}  ${cis.padEnd(cisWidth)}  ${targets.padEnd(targetWidth)}  ${title}`;
  const lines = [row('ID', 'SEVERITY', 'CIS', 'TARGETS', 'TITLE')];
  for (const rule of rules)
    lines.push(row(rule.id, rule.severity, rule.cis.join(',') || '-', rule.targets.join(','), rule.title));
  lines.push('', `${rules.length} rule${rules.length === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

/** The formats `dt10 fix` fixes the rule in, or `-`. */
function fixText(rule: AnyRule): string {
  const formats = FIX_FORMATS[rule.id];
  if (formats === undefined) return '-';
  return `${formats.join(', ')}${OPT_IN_FIXES.includes(rule.id) ? ` (opt-in: --opt-in ${rule.id})` : ''}`;
}

function relatedText(rule: AnyRule): string {
  const entries = Object.entries(rule.related);
  return entries.length === 0 ? '-' : entries.map(([tool, ids]) => `${tool} ${ids.join(', ')}`).join('; ');
}

function exampleMarkdown(example: RuleExample): string {
  const language = FENCE_LANGUAGE[example.target] ?? '';
  return [
    `**${exampleTarget(example.target)}**, reported:`,
    '',
    `\`\`\`${language}`,
    example.bad.trimEnd(),
    '```',
    '',
    'not reported:',
    '',
    `\`\`\`${language}`,
    example.good.trimEnd(),
    '```',
  ].join('\n');
}

/** One rule in full, as Markdown (`dt10 explain --format markdown`, docs/rules.md). */
export function ruleMarkdown(rule: AnyRule, heading = '###'): string {
  const parts = [
    `${heading} ${rule.id}: ${rule.title}`,
    '',
    `| | |`,
    `| --- | --- |`,
    `| category | ${rule.category} ${CATEGORIES[rule.category]} |`,
    `| severity | ${rule.severity} |`,
    `| formats | ${rule.targets.join(', ')} |`,
    `| threats | ${rule.threats.map((t) => `${t} ${THREATS[t]}`).join('; ') || '-'} |`,
    `| CIS Docker Benchmark | ${rule.cis.join(', ') || '-'} |`,
    `| same check elsewhere | ${relatedText(rule)} |`,
    `| dt10 fix | ${fixText(rule)} |`,
    '',
    rule.rationale,
    '',
    '**Fix.** ' + rule.remediation.replace(/\n/g, '\n\n'),
  ];
  for (const example of rule.examples ?? []) parts.push('', exampleMarkdown(example));
  if (rule.references.length > 0) parts.push('', rule.references.map((r) => `- <${r}>`).join('\n'));
  return `${parts.join('\n')}\n`;
}

/** The anchor GitHub gives the rule's heading in docs/rules.md (`### D04.privileged: Privileged container`). */
export function ruleAnchor(rule: Pick<RuleMeta, 'id' | 'title'>): string {
  const title = rule.title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
  return `${rule.id.toLowerCase().replace(/[^a-z0-9-]/g, '')}-${title}`;
}

/** The rule's documentation on the web, for reports read outside a checkout (SARIF helpUri, HTML links). */
export function ruleDocUrl(rule: Pick<RuleMeta, 'id' | 'title'>): string {
  return `${RULES_DOC_URL}#${ruleAnchor(rule)}`;
}

/** docs/rules.md: the whole catalogue, grouped by category. Generated, never written by hand. */
export function rulesMarkdown(all: readonly AnyRule[]): string {
  const rules = catalogue(all);
  const parts = [
    '# dt10 rules',
    '',
    "<!-- Generated by `npm run docs` from the rules' metadata; do not edit. A test fails when it is out of date. -->",
    '',
    `${rules.length} rules over the OWASP Docker Top 10.`,
    '',
    '| id | severity | formats | CIS | title |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map(
      (rule) =>
        `| [${rule.id}](#${ruleAnchor(rule)}) | ${rule.severity} | ${rule.targets.join(', ')} | ${rule.cis.join(', ') || '-'} | ${rule.title} |`,
    ),
  ];
  for (const [category, title] of Object.entries(CATEGORIES)) {
    const inCategory = rules.filter((rule) => rule.category === category);
    parts.push('', `## ${category} ${title}`, '');
    if (inCategory.length === 0) parts.push('No rule yet.');
    for (const rule of inCategory) parts.push(ruleMarkdown(rule));
  }
  return `${parts
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** One rule in full, as plain text for a terminal (`dt10 explain`). */
export function ruleText(rule: AnyRule): string {
  const parts = [
    `${rule.id}  ${rule.title}`,
    '',
    `category   ${rule.category} ${CATEGORIES[rule.category]}`,
    `severity   ${rule.severity}`,
    `formats    ${rule.targets.join(', ')}`,
    `threats    ${rule.threats.map((t) => `${t} ${THREATS[t]}`).join('; ') || '-'}`,
    `CIS        ${rule.cis.join(', ') || '-'}`,
    `elsewhere  ${relatedText(rule)}`,
    `dt10 fix   ${fixText(rule)}`,
    '',
    'Why',
    indent(rule.rationale),
    '',
    'Fix',
    indent(rule.remediation),
  ];
  for (const example of rule.examples ?? []) {
    parts.push(
      '',
      `Example (${example.target}), reported:`,
      indent(example.bad.trimEnd()),
      'not reported:',
      indent(example.good.trimEnd()),
    );
  }
  if (rule.references.length > 0) parts.push('', 'References', ...rule.references.map((r) => `  ${r}`));
  return `${parts.join('\n')}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
}
