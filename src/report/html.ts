// `--format html`: one self-contained page (inline style, script and SVG; it loads nothing) with the
// totals and score, a chart per category, the threats, a filterable list of findings, and what a
// reader must not miss: suppressed findings, stale suppressions and errors.
import { createHash } from 'node:crypto';
import type { ScanResult } from '../scan/pipeline.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { categoryCounts } from './html/chart.js';
import { CLIENT_SCRIPT } from './html/client.js';
import { clientData } from './html/data.js';
import { escapeHtml, jsonForScript } from './html/escape.js';
import { scoreFindings } from './html/score.js';
import {
  categorySection,
  errorSection,
  findingsSection,
  header,
  staleSection,
  suppressedSection,
  threatSection,
} from './html/sections.js';
import { STYLE } from './html/style.js';
import type { RenderOptions } from './index.js';
import { catalogue } from './rules.js';
import { summarize } from './summary.js';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Nothing may be fetched: a report mailed around or opened from a CI artifact must not call home or pull
 * in anything that could change what it shows. The one style and one script are allowed by their hashes,
 * so even markup that slipped past escaping could not run. The data block is JSON, which CSP never runs.
 */
const CSP = [
  "default-src 'none'",
  `script-src ${sha256(CLIENT_SCRIPT)}`,
  `style-src ${sha256(STYLE)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function renderHtml(result: ScanResult, options: RenderOptions): string {
  const summary = summarize(result);
  const score = scoreFindings(result.findings);
  const data = clientData(result);
  const counts = categoryCounts(result.findings);
  const title = `${TOOL_NAME} report: ${summary.findings} finding${summary.findings === 1 ? '' : 's'}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(`${TOOL_NAME} ${TOOL_VERSION}`)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${header({
  tool: { name: TOOL_NAME, version: TOOL_VERSION },
  rules: catalogue(options.rules).length,
  summary,
  score,
  result,
})}
${categorySection(counts, score)}
${threatSection(result.findings)}
${findingsSection(result.findings, data.places)}
${suppressedSection(data.suppressed.length)}
${staleSection(result.staleSuppressions)}
${errorSection(result.errors)}
<script type="application/json" id="dt10-data">${jsonForScript(data)}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
