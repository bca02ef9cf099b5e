// The page's stylesheet, inline so the report is one file that loads nothing. Severity colours follow
// the text report's (critical magenta, high red, medium yellow, low cyan, info grey).
export const STYLE = `
:root {
  --fg: #1d2330; --muted: #5c6475; --bg: #f6f7f9; --panel: #fff; --line: #dde1e7; --accent: #2454c5;
  --critical: #8e1b8e; --high: #c62828; --medium: #d08b00; --low: #1b7fae; --info: #7d8591;
  --good: #2e7d32; --fair: #b26a00; --poor: #c62828;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e3e6eb; --muted: #9aa2b1; --bg: #15181d; --panel: #1d2128; --line: #333945; --accent: #7ea2ff;
    --critical: #d25fd2; --high: #ef5350; --medium: #f0b429; --low: #4fb3e0; --info: #9aa2b1;
    --good: #66bb6a; --fair: #f0b429; --poor: #ef5350;
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 24px clamp(12px, 3vw, 40px) 48px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 22px; margin: 0 0 16px; }
h1 .version { color: var(--muted); font-weight: 400; }
h1 small { color: var(--muted); font-size: 14px; font-weight: 400; margin-left: 8px; }
h2 { font-size: 17px; margin: 0 0 12px; }
h2 .count { color: var(--muted); font-weight: 400; }
section, header { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px;
  margin-bottom: 20px; }
code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
a { color: var(--accent); }
.note { color: var(--muted); margin: 8px 0 0; }
.note.warn { color: var(--poor); }
.empty { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; flex: 1 1 80px; display: flex;
  flex-direction: column; }
.card .value { font-size: 22px; font-weight: 600; }
.card .name { color: var(--muted); font-size: 12px; }
.card.score .value { font-size: 28px; }
.card.score.good .value { color: var(--good); }
.card.score.fair .value { color: var(--fair); }
.card.score.poor .value { color: var(--poor); }
.card.sev { border-top: 4px solid var(--info); }
.card.sev-critical { border-top-color: var(--critical); }
.card.sev-high { border-top-color: var(--high); }
.card.sev-medium { border-top-color: var(--medium); }
.card.sev-low { border-top-color: var(--low); }
.card.error .value { color: var(--poor); }
#category-chart { width: 100%; max-width: 900px; height: auto; display: block; margin-bottom: 12px; }
#category-chart .axis { stroke: var(--line); }
#category-chart .bar { cursor: pointer; outline: none; }
#category-chart .hit { fill: transparent; }
#category-chart .bar:hover .hit, #category-chart .bar:focus .hit { fill: var(--line); fill-opacity: .45; }
#category-chart text { fill: var(--fg); font-size: 13px; text-anchor: middle; }
#category-chart .label { font-weight: 600; }
#category-chart .legend { text-anchor: start; fill: var(--muted); font-size: 12px; }
rect.sev-critical { fill: var(--critical); } rect.sev-high { fill: var(--high); }
rect.sev-medium { fill: var(--medium); } rect.sev-low { fill: var(--low); } rect.sev-info { fill: var(--info); }
table.grid { border-collapse: collapse; width: 100%; }
table.grid th, table.grid td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
table.grid thead th { color: var(--muted); font-weight: 600; font-size: 12px; }
table.grid .num { text-align: right; font-variant-numeric: tabular-nums; }
table.grid .rules code { font-size: 12px; }
.pass { color: var(--good); font-weight: 600; }
.fail { color: var(--poor); font-weight: 600; }
.badge, .chip { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: 12px; line-height: 18px;
  color: #fff; background: var(--info); white-space: nowrap; }
.chip { margin: 1px 0; }
.sev-critical.badge, .sev-critical.chip { background: var(--critical); }
.sev-high.badge, .sev-high.chip { background: var(--high); }
.sev-medium.badge, .sev-medium.chip { background: var(--medium); color: #1d1d1d; }
.sev-low.badge, .sev-low.chip { background: var(--low); }
button { font: inherit; cursor: pointer; }
button.link { border: 0; background: none; color: var(--accent); padding: 0; text-decoration: underline; }
form#filters { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: end; margin-bottom: 10px; }
form#filters fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px 6px; margin: 0; }
form#filters legend { color: var(--muted); font-size: 12px; padding: 0 4px; }
form#filters label { display: inline-flex; flex-direction: column; gap: 2px; color: var(--muted); font-size: 12px; }
form#filters label.check { flex-direction: row; align-items: center; gap: 4px; margin-right: 8px; color: var(--fg); }
form#filters select, form#filters input[type=search] { font: inherit; color: var(--fg); background: var(--panel);
  border: 1px solid var(--line); border-radius: 4px; padding: 4px 6px; max-width: 340px; }
form#filters input[type=search] { width: 260px; }
.status { color: var(--muted); margin: 0 0 6px; }
.rows-head, .rows summary { display: grid;
  grid-template-columns: 12px 84px minmax(150px, 220px) minmax(180px, 320px) 1fr; gap: 10px; align-items: baseline; }
.rows-head { color: var(--muted); font-size: 12px; font-weight: 600; padding: 4px 8px;
  border-bottom: 1px solid var(--line); }
.rows details { border-bottom: 1px solid var(--line); }
.rows summary { padding: 5px 8px; cursor: pointer; list-style: none; }
.rows summary::-webkit-details-marker { display: none; }
/* A grid summary loses its marker: this one is the first column instead. */
.rows summary::before { content: "\\25B8"; color: var(--muted); }
.rows details[open] > summary::before { content: "\\25BE"; }
.rows summary:hover { background: var(--bg); }
.rows summary .rule { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.rows summary .where { color: var(--muted); font-size: 12.5px; overflow-wrap: anywhere; }
.rows summary .text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.rows details[open] summary .text { white-space: normal; }
.rows summary .why { grid-column: 3 / -1; color: var(--muted); font-style: italic; }
.rows summary > * { min-width: 0; }
.rows summary .badge { justify-self: start; }
dl.detail { display: grid; grid-template-columns: 170px 1fr; gap: 6px 14px; margin: 4px 0 12px 26px; padding: 10px 12px;
  background: var(--bg); border-radius: 6px; }
dl.detail dt { color: var(--muted); font-weight: 600; }
dl.detail dd { margin: 0; min-width: 0; }
dl.detail p { margin: 0; }
dl.detail pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
dl.detail .evidence { overflow-wrap: anywhere; }
dl.detail ul { margin: 0; padding-left: 18px; }
.more { margin-top: 10px; border: 1px solid var(--line); background: var(--panel); color: var(--fg); border-radius: 4px;
  padding: 6px 12px; }
@media (max-width: 760px) {
  .rows-head { display: none; }
  .rows summary { grid-template-columns: 12px 84px 1fr; }
  .rows summary .why { grid-column: 2 / -1; }
  dl.detail { grid-template-columns: 1fr; }
}
`;
