// The page's script: plain ES2020, no framework, kept as a string so the report stays one file. It reads
// the embedded data (data.ts) and draws finding rows a page at a time: a browser handed 30,000 rows at
// once stalls for seconds, and nobody reads past the first few hundred before filtering. Rows are built
// with textContent only, never innerHTML, so nothing from a scanned file is parsed as markup.
// No backquotes or dollar-brace in here: this is a template literal.
export const CLIENT_SCRIPT = `
(() => {
  'use strict';
  const PAGE = 500;
  const data = JSON.parse(document.getElementById('dt10-data').textContent);
  const rules = data.rules;
  const places = data.places;
  const severities = data.severities;

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };

  const where = (f) => (f[3] === null ? places[f[2]] + ' ' + f[5] : places[f[2]] + ':' + f[3] + ':' + f[4]);

  const body = (f) => {
    const rule = rules[f[0]];
    const dl = el('dl', 'detail');
    const add = (name, value) => {
      dl.append(el('dt', '', name));
      const dd = el('dd');
      dd.append(value);
      dl.append(dd);
    };
    add('Message', el('p', 'message', f[6]));
    add('Location', el('code', 'location', where(f)));
    if (f[7] !== null) add('Evidence', el('code', 'evidence', f[7]));
    const suppression = f.length > 8 ? f[8] : undefined;
    if (suppression) {
      add('Suppressed', el('span', 'kind', suppression[0] + ' suppression at ' + suppression[2] + ':' + suppression[3] + ':' + suppression[4] + (suppression[5] ? ', until ' + suppression[5] : '')));
      add('Justification', el('p', 'justification', suppression[1]));
    }
    add('Remediation', el('pre', 'remediation', rule.remediation));
    add('CIS Docker Benchmark', el('span', 'cis', rule.cis.length > 0 ? rule.cis.join(', ') : '\\u2014'));
    const threats = el('ul', 'threats');
    for (const t of rule.threats) threats.append(el('li', '', t + ' ' + data.threats[t]));
    add('Threats', rule.threats.length > 0 ? threats : el('span', '', '\\u2014'));
    const link = el('a', 'doc', rule.id + ': ' + rule.title);
    link.href = rule.doc;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    add('Rule', link);
    return dl;
  };

  const row = (f) => {
    const rule = rules[f[0]];
    const severity = severities[f[1]];
    const details = el('details', 'finding');
    details.dataset.severity = severity;
    details.dataset.category = rule.category;
    const summary = el('summary');
    summary.append(
      el('span', 'badge sev-' + severity, severity),
      el('span', 'rule', rule.id),
      el('span', 'where', where(f)),
      el('span', 'text', f[6]),
    );
    if (f.length > 8 && f[8]) summary.append(el('span', 'why', f[8][1]));
    details.append(summary);
    // The body is built on first opening: most rows are never opened, and each body is a dozen nodes.
    details.addEventListener('toggle', () => {
      if (details.open && details.childElementCount === 1) details.append(body(f));
    });
    return details;
  };

  const pager = (list, more) => {
    let items = [];
    let shown = 0;
    const next = () => {
      const end = Math.min(items.length, shown + PAGE);
      const fragment = document.createDocumentFragment();
      for (let i = shown; i < end; i++) fragment.append(row(items[i]));
      list.append(fragment);
      shown = end;
      list.dataset.shown = String(shown);
      const left = items.length - shown;
      more.hidden = left === 0;
      more.textContent = 'Show ' + Math.min(PAGE, left) + ' more (' + left + ' not shown)';
    };
    more.addEventListener('click', next);
    return (matching) => {
      items = matching;
      shown = 0;
      list.replaceChildren();
      list.dataset.matching = String(items.length);
      next();
    };
  };

  const form = document.getElementById('filters');
  const category = document.getElementById('filter-category');
  const threat = document.getElementById('filter-threat');
  const file = document.getElementById('filter-file');
  const text = document.getElementById('filter-text');
  const status = document.getElementById('findings-status');
  const showFindings = pager(document.getElementById('findings-list'), document.getElementById('findings-more'));

  // Lower-cased search text per finding, made on the first search only.
  let haystacks = null;
  const haystack = (i) => {
    if (haystacks === null) haystacks = new Array(data.findings.length);
    let h = haystacks[i];
    if (h === undefined) {
      const f = data.findings[i];
      const rule = rules[f[0]];
      h = [rule.id, rule.title, where(f), f[6], f[7] || ''].join('\\n').toLowerCase();
      haystacks[i] = h;
    }
    return h;
  };

  const apply = () => {
    const wanted = new Set();
    for (const box of form.querySelectorAll('input[name=severity]')) if (box.checked) wanted.add(severities.indexOf(box.value));
    const cat = category.value;
    const t = threat.value === '' ? null : Number(threat.value);
    const place = file.value === '' ? null : Number(file.value);
    const needle = text.value.trim().toLowerCase();
    const matching = [];
    const all = data.findings;
    for (let i = 0; i < all.length; i++) {
      const f = all[i];
      if (!wanted.has(f[1])) continue;
      const rule = rules[f[0]];
      if (cat !== '' && rule.category !== cat) continue;
      if (t !== null && !rule.threats.includes(t)) continue;
      if (place !== null && f[2] !== place) continue;
      if (needle !== '' && !haystack(i).includes(needle)) continue;
      matching.push(f);
    }
    showFindings(matching);
    status.textContent = matching.length === all.length
      ? all.length + ' finding' + (all.length === 1 ? '' : 's')
      : matching.length + ' of ' + all.length + ' findings match the filters';
  };

  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => event.preventDefault());
  // Reset changes the controls after the event: filter once they hold their defaults.
  form.addEventListener('reset', () => setTimeout(apply, 0));

  const focusFindings = () => document.getElementById('findings').scrollIntoView({ block: 'start' });
  for (const bar of document.querySelectorAll('#category-chart .bar')) {
    const pick = () => {
      category.value = bar.dataset.category;
      apply();
      focusFindings();
    };
    bar.addEventListener('click', pick);
    bar.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        pick();
      }
    });
  }
  for (const button of document.querySelectorAll('[data-threat-filter]')) {
    button.addEventListener('click', () => {
      threat.value = button.dataset.threatFilter;
      apply();
      focusFindings();
    });
  }

  apply();
  pager(document.getElementById('suppressed-list'), document.getElementById('suppressed-more'))(data.suppressed);
  document.body.dataset.ready = 'true';
})();
`;
