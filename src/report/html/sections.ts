// The parts of the page written on the server: they are small whatever the scan's size (counts, the
// chart, errors, stale suppressions), so they read without the script. The two finding lists are filled
// by the page's script from the embedded data (see client.ts).
import { CATEGORIES, CATEGORY_IDS, THREATS, type Threat } from '../../core/category.js';
import type { Finding, ScanError, StaleSuppression } from '../../core/finding.js';
import { originOf } from '../../core/location.js';
import { SEVERITIES, type Severity } from '../../core/severity.js';
import type { ScanResult } from '../../scan/pipeline.js';
import type { Summary } from '../summary.js';
import { type CategoryCounts, categoryChart, total } from './chart.js';
import { escapeHtml } from './escape.js';
import { type Score, SEVERITY_WEIGHTS } from './score.js';

const THREAT_IDS = Object.keys(THREATS).map(Number) as Threat[];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function card(stat: string, value: number | string, name: string, className = ''): string {
  return `<div class="card ${className}" data-stat="${stat}"><span class="value">${value}</span><span class="name">${escapeHtml(name)}</span></div>`;
}

export interface HeaderFacts {
  tool: { name: string; version: string };
  rules: number;
  summary: Summary;
  score: Score;
  result: ScanResult;
}

export function header({ tool, rules, summary, score, result }: HeaderFacts): string {
  const weights = SEVERITIES.filter((s) => SEVERITY_WEIGHTS[s] > 0)
    .map((s) => `${s} ${SEVERITY_WEIGHTS[s]}`)
    .join(', ');
  const baseline = result.baseline
    ? `<p class="note" id="baseline">Compared with the baseline <code>${escapeHtml(result.baseline.path)}</code>: ${plural(result.baseline.unchanged, 'finding')} already in it (not listed), ${result.baseline.fixed} fixed since.</p>`
    : '';
  const errors =
    summary.errors > 0
      ? `<p class="note warn">${plural(summary.errors, 'error')}: some input was not read or some rule did not run, so the counts and the score cover less than was asked (see <a href="#errors">Errors</a>).</p>`
      : '';
  return `<header>
<h1>${escapeHtml(tool.name)} <span class="version">${escapeHtml(tool.version)}</span> <small>OWASP Docker Top 10 report</small></h1>
<div class="cards">
${card('score', score.overall, 'score / 100', `score ${score.overall >= 90 ? 'good' : score.overall >= 60 ? 'fair' : 'poor'}`)}
${card('files', summary.filesScanned, 'files scanned')}
${card('subjects', summary.subjects, 'subjects')}
${card('rules', rules, 'rules')}
${card('findings', summary.findings, 'findings')}
${SEVERITIES.map((s) => card(s, summary.bySeverity[s], s, `sev sev-${s}`)).join('\n')}
${card('suppressed', result.suppressed.length, 'suppressed')}
${card('errors', summary.errors, 'errors', summary.errors > 0 ? 'error' : '')}
</div>
<p class="note">Score: each category starts at 100 and loses ${weights} per finding (at least 0); the score is the mean of the ten categories, rounded down. Suppressed findings do not count. A category passes when it has no critical or high finding.</p>
${baseline}${errors}
</header>`;
}

export function categorySection(counts: CategoryCounts, score: Score): string {
  const rows = CATEGORY_IDS.map((c) => {
    const detail = SEVERITIES.filter((s) => counts[c][s] > 0)
      .map((s) => `<span class="chip sev-${s}">${counts[c][s]} ${s}</span>`)
      .join(' ');
    const { score: points, passed } = score.byCategory[c];
    return `<tr data-category="${c}"><th scope="row">${c}</th><td>${escapeHtml(CATEGORIES[c])}</td><td class="num">${total(counts[c])}</td><td>${detail || '—'}</td><td class="num">${points}</td><td class="${passed ? 'pass' : 'fail'}">${passed ? 'pass' : 'fail'}</td></tr>`;
  });
  return `<section id="categories">
<h2>Findings per category</h2>
${categoryChart(counts)}
<table class="grid">
<thead><tr><th scope="col">Category</th><th scope="col">Control</th><th scope="col" class="num">Findings</th><th scope="col">By severity</th><th scope="col" class="num">Score</th><th scope="col">Result</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

interface ThreatGroup {
  count: number;
  bySeverity: Record<Severity, number>;
  byRule: Map<string, number>;
}

function threatGroups(findings: readonly Finding[]): { groups: Map<Threat, ThreatGroup>; none: number } {
  const groups = new Map<Threat, ThreatGroup>(
    THREAT_IDS.map((t) => [
      t,
      {
        count: 0,
        bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
        byRule: new Map(),
      },
    ]),
  );
  let none = 0;
  for (const finding of findings) {
    if (finding.threats.length === 0) none++;
    for (const threat of new Set(finding.threats)) {
      const group = groups.get(threat);
      if (!group) continue;
      group.count++;
      group.bySeverity[finding.severity]++;
      group.byRule.set(finding.ruleId, (group.byRule.get(finding.ruleId) ?? 0) + 1);
    }
  }
  return { groups, none };
}

export function threatSection(findings: readonly Finding[]): string {
  const { groups, none } = threatGroups(findings);
  const rows = THREAT_IDS.map((t) => {
    const group = groups.get(t)!;
    const detail = SEVERITIES.filter((s) => group.bySeverity[s] > 0)
      .map((s) => `<span class="chip sev-${s}">${group.bySeverity[s]} ${s}</span>`)
      .join(' ');
    const rules = [...group.byRule]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([id, n]) => `<code>${escapeHtml(id)}</code>&nbsp;${n}`)
      .join(', ');
    const show =
      group.count > 0 ? `<button type="button" class="link" data-threat-filter="${t}">show</button>` : '';
    return `<tr data-threat="${t}"><th scope="row">${t}</th><td>${escapeHtml(THREATS[t])}</td><td class="num count">${group.count}</td><td>${detail || '—'}</td><td class="rules">${rules || '—'}</td><td>${show}</td></tr>`;
  });
  return `<section id="threats">
<h2>Threats</h2>
<p class="note">The threat model of the OWASP Docker Top 10 guide. A finding counts under every threat its rule names, so the counts add up to more than the findings${none > 0 ? `; ${plural(none, 'finding')} name${none === 1 ? 's' : ''} no threat` : ''}.</p>
<table class="grid">
<thead><tr><th scope="col">#</th><th scope="col">Threat</th><th scope="col" class="num">Findings</th><th scope="col">By severity</th><th scope="col">Rules</th><th scope="col"></th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

const ROWS_HEAD =
  '<div class="rows-head" aria-hidden="true"><span></span><span>Severity</span><span>Rule</span><span>Location</span><span>Message</span></div>';

function optionList(values: readonly { value: string; label: string }[]): string {
  return values.map((o) => `<option value="${escapeHtml(o.value)}">${escapeHtml(o.label)}</option>`).join('');
}

/** The filters and the (script-filled) list of findings that count. */
export function findingsSection(findings: readonly Finding[], places: readonly string[]): string {
  const bySeverity = new Map<Severity, number>();
  const byCategory = new Map<string, number>();
  const byThreat = new Map<Threat, number>();
  const byPlace = new Map<string, number>();
  for (const f of findings) {
    bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
    byCategory.set(f.category, (byCategory.get(f.category) ?? 0) + 1);
    for (const t of new Set(f.threats)) byThreat.set(t, (byThreat.get(t) ?? 0) + 1);
    const place = originOf(f.location);
    byPlace.set(place, (byPlace.get(place) ?? 0) + 1);
  }
  const severities = SEVERITIES.map(
    (s) =>
      `<label class="check"><input type="checkbox" name="severity" value="${s}" checked> <span class="badge sev-${s}">${s}</span> ${bySeverity.get(s) ?? 0}</label>`,
  ).join('\n');
  const categories = optionList([
    { value: '', label: 'All categories' },
    ...CATEGORY_IDS.map((c) => ({ value: c, label: `${c} ${CATEGORIES[c]} (${byCategory.get(c) ?? 0})` })),
  ]);
  const threats = optionList([
    { value: '', label: 'All threats' },
    ...THREAT_IDS.map((t) => ({ value: String(t), label: `${t} ${THREATS[t]} (${byThreat.get(t) ?? 0})` })),
  ]);
  // Option values are indexes into the embedded `places` table, which lists places of suppressed findings too.
  const files = optionList([
    { value: '', label: 'All files' },
    ...places
      .map((p, i) => ({ p, i, n: byPlace.get(p) ?? 0 }))
      .filter(({ n }) => n > 0)
      .sort((a, b) => (a.p < b.p ? -1 : a.p > b.p ? 1 : 0))
      .map(({ p, i, n }) => ({ value: String(i), label: `${p} (${n})` })),
  ]);
  return `<section id="findings">
<h2>Findings</h2>
<form id="filters" role="search">
<fieldset><legend>Severity</legend>
${severities}
</fieldset>
<label>Category <select id="filter-category" name="category">${categories}</select></label>
<label>Threat <select id="filter-threat" name="threat">${threats}</select></label>
<label>File <select id="filter-file" name="file">${files}</select></label>
<label>Search <input type="search" id="filter-text" name="text" placeholder="rule, message, path, evidence" autocomplete="off"></label>
<button type="reset">Clear filters</button>
</form>
<p id="findings-status" class="status" aria-live="polite">${plural(findings.length, 'finding')}</p>
${ROWS_HEAD}
<div id="findings-list" class="rows"></div>
<button type="button" id="findings-more" class="more" hidden></button>
<noscript><p class="note warn">The findings list is drawn by the page's script; run <code>dt10 scan --format text</code> or <code>--format json</code> to read it without one.</p></noscript>
</section>`;
}

export function suppressedSection(count: number): string {
  return `<section id="suppressed">
<h2>Suppressed findings <span class="count">${count}</span></h2>
<p class="note">Findings a user accepted with a written reason. They are listed here and do not count in the totals, the score or the exit code.</p>
${count === 0 ? '<p class="empty">None.</p>' : ROWS_HEAD}
<div id="suppressed-list" class="rows"></div>
<button type="button" id="suppressed-more" class="more" hidden></button>
</section>`;
}

function at(location: { path: string; line?: number | undefined; column?: number | undefined }): string {
  let text = location.path;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return escapeHtml(text);
}

export function staleSection(stale: readonly StaleSuppression[]): string {
  const rows = stale.map(
    (s) =>
      `<tr><td><code>${at(s.at)}</code></td><td>${escapeHtml(s.kind)}</td><td>${s.ruleIds.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}</td><td>${escapeHtml(s.justification)}</td><td>${s.expired ? `expired ${escapeHtml(s.expired)}` : 'matched nothing'}</td></tr>`,
  );
  return `<section id="stale">
<h2>Stale suppressions <span class="count">${stale.length}</span></h2>
<p class="note">Suppressions that no longer hide anything: they matched no finding (the risk they accepted is gone, or they name the wrong rule or place), or their day has passed and their findings are listed again. Remove or correct them.</p>
${
  stale.length === 0
    ? '<p class="empty">None.</p>'
    : `<table class="grid"><thead><tr><th scope="col">Where</th><th scope="col">Kind</th><th scope="col">Rules</th><th scope="col">Justification</th><th scope="col">Why stale</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
}
</section>`;
}

export function errorSection(errors: readonly ScanError[]): string {
  const rows = errors.map(
    (e) =>
      `<tr><td><code>${at(e)}</code></td><td>${e.ruleId ? `<code>${escapeHtml(e.ruleId)}</code>` : '—'}</td><td>${escapeHtml(e.message)}</td></tr>`,
  );
  return `<section id="errors">
<h2>Errors <span class="count">${errors.length}</span></h2>
${
  errors.length === 0
    ? '<p class="empty">None: every file was read and every rule ran.</p>'
    : `<table class="grid"><thead><tr><th scope="col">Where</th><th scope="col">Rule</th><th scope="col">Message</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
}
</section>`;
}
