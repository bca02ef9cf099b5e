// The Markdown report for pull-request comments, read back: the heading's counts, the category row and
// the findings table must say what the JSON report says, whatever characters a message holds.
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '../../src/core/category.js';
import { toFinding } from '../../src/core/evaluator.js';
import type { Finding } from '../../src/core/finding.js';
import { MAX_ROWS, renderMarkdown } from '../../src/report/markdown.js';
import { ruleDocUrl } from '../../src/report/rules.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { runCli } from '../run-cli.js';
import { insecureJson, scanResult } from './fixtures.js';

const FINDINGS_HEADER = '| Severity | Rule | Location | Message |';

/** The cells of a table row, split at the pipes that are not escaped, still escaped. */
function cells(row: string): string[] {
  expect(row.startsWith('| ') && row.endsWith(' |')).toBe(true);
  const found: string[] = [];
  let cell = '';
  for (let i = 1; i < row.length; i++) {
    const char = row[i]!;
    if (char === '\\') {
      cell += char + row[i + 1]!;
      i++;
    } else if (char === '|') {
      found.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  return found;
}

/** Undoes the report's cell escaping: backslash escapes and `<br>` for a line break. */
function unescapeCell(cell: string): string {
  return cell.replace(/\\(.)|<br>/g, (match, escaped: string | undefined) => escaped ?? '\n');
}

interface Row {
  severity: string;
  ruleId: string;
  link: string;
  location: string;
  message: string;
}

function findingRows(markdown: string): Row[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(FINDINGS_HEADER);
  if (start === -1) return [];
  expect(lines[start + 1]).toBe('| --- | --- | --- | --- |');
  const rows: Row[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [severity, rule, location, message] = cells(line);
    const link = /^\[(.+)\]\((\S+)\)$/.exec(rule!);
    expect(link, rule).not.toBeNull();
    rows.push({
      severity: severity!,
      ruleId: unescapeCell(link![1]!),
      link: link![2]!,
      location: unescapeCell(location!),
      message: unescapeCell(message!),
    });
  }
  return rows;
}

const privileged = ALL_RULES.find((r) => r.id === 'D04.privileged')!;

function privilegedAt(line: number, message = `service "web${line}" runs privileged`): Finding {
  return toFinding(privileged, { message, location: { path: 'compose.yaml', line, column: 5 } });
}

describe('examples/insecure through the CLI', () => {
  const run = runCli(['scan', 'examples/insecure', '--format', 'markdown', '--now', '2026-11-01']);
  const markdown = run.stdout;
  const json = insecureJson().report;

  it('heads the comment with the total and the count per severity', () => {
    expect(run.status).toBe(1);
    const heading = markdown.split('\n')[0]!;
    const bySeverity = Object.entries(json.summary.bySeverity)
      .filter(([, count]) => count > 0)
      .map(([severity, count]) => `${count} ${severity}`)
      .join(', ');
    expect(heading).toBe(
      `### dt10: ${json.findings.length} findings (${bySeverity}) in ${json.summary.filesScanned} files`,
    );
  });

  it('counts findings per category D01–D10 in one table row', () => {
    const lines = markdown.split('\n');
    const header = lines.indexOf(`| ${CATEGORY_IDS.join(' | ')} |`);
    expect(header).toBeGreaterThan(0);
    const counts = cells(lines[header + 2]!).map(Number);
    expect(counts).toEqual(CATEGORY_IDS.map((category) => json.summary.byCategory[category]));
  });

  it('has one row per finding of the JSON report, in order, each rule linked to its documentation', () => {
    expect(json.findings.length).toBeLessThanOrEqual(MAX_ROWS);
    const rows = findingRows(markdown);
    expect(rows).toEqual(
      json.findings.map((finding) => ({
        severity: finding.severity,
        ruleId: finding.ruleId,
        link: ruleDocUrl({ id: finding.ruleId, title: finding.title }),
        location: `${finding.location.path}:${finding.location.line}`,
        message: finding.message,
      })),
    );
    expect(markdown).not.toContain('more;');
  });
});

describe('examples/hardened through the CLI', () => {
  it('says there is nothing to report, with no table', () => {
    const run = runCli(['scan', 'examples/hardened', '--format', 'markdown', '--now', '2026-11-01']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^### dt10: no findings in \d+ files\n$/);
  });
});

describe('cells', () => {
  it('hold any message on one line and read back the same', () => {
    const messages = [
      'a | b \\| c ending in a backslash \\',
      'uses `code` and ``double`` ticks',
      '*star* _under_ ~~strike~~ [link](https://example.com) ![img](x.png)',
      '<img src=x onerror=alert(1)> &amp; &copy; <br> literal',
      'two\nlines\r\nand a CR\rend',
    ];
    const findings = messages.map((message, index) => privilegedAt(index + 1, message));
    const markdown = renderMarkdown(scanResult({ findings }));
    const rows = findingRows(markdown);
    expect(rows.map((row) => row.message)).toEqual(messages.map((m) => m.replace(/\r\n?/g, '\n')));
    // Nothing a message holds can open HTML or a new line in the table.
    const table = markdown.slice(markdown.indexOf(FINDINGS_HEADER));
    expect(table.split('\n').filter((line) => line.startsWith('|'))).toHaveLength(2 + messages.length);
    expect(table).not.toMatch(/(?<!\\)<(?!br>)/);
  });

  it('show an engine object as its location', () => {
    const engineRule = ALL_RULES.find((r) => r.id === 'D04.live-restore-disabled')!;
    const finding = toFinding(engineRule, {
      message: 'live-restore is off',
      location: { engine: 'unix:///run/docker.sock', object: 'daemon' },
    });
    expect(findingRows(renderMarkdown(scanResult({ findings: [finding] })))[0]!.location).toBe(
      'unix:///run/docker.sock daemon',
    );
  });
});

describe('long reports', () => {
  it(`stop the table at ${MAX_ROWS} rows and say how many more there are`, () => {
    const findings = Array.from({ length: MAX_ROWS + 50 }, (_, index) => privilegedAt(index + 1));
    const markdown = renderMarkdown(scanResult({ findings }));
    const rows = findingRows(markdown);
    expect(rows).toHaveLength(MAX_ROWS);
    expect(rows.at(-1)!.location).toBe(`compose.yaml:${MAX_ROWS}`);
    expect(markdown).toContain(`\n… and 50 more; the full list is in`);
    expect(markdown.split('\n')[0]).toBe(
      `### dt10: ${MAX_ROWS + 50} findings (${MAX_ROWS + 50} critical) in 1 file`,
    );
  });
});

describe('what the table does not show', () => {
  it('counts suppressed findings, stale suppressions, the baseline and errors, and lists the errors', () => {
    const accepted = {
      ...privilegedAt(9),
      suppression: {
        kind: 'config' as const,
        justification: 'VPN sidecar',
        at: { path: '.dt10.yaml', line: 3, column: 5 },
      },
    };
    const result = scanResult({
      findings: [privilegedAt(4)],
      suppressed: [accepted, { ...accepted }],
      staleSuppressions: [
        { kind: 'inline', ruleIds: ['D04.privileged'], justification: 'old', at: accepted.suppression.at },
      ],
      baseline: { path: 'dt10-baseline.json', unchanged: 7, fixed: 2 },
      errors: [{ path: 'broken.yaml', line: 4, column: 1, message: 'YAML: bad | indentation' }],
    });
    const lines = renderMarkdown(result).split('\n');
    expect(lines).toContain(
      '2 suppressed · 1 stale suppression · 7 unchanged and 2 fixed since the baseline dt10-baseline.json · 1 error',
    );
    expect(lines).toContain('- broken.yaml:4: YAML: bad \\| indentation');
    expect(findingRows(lines.join('\n'))).toHaveLength(1);
  });
});
