// `--format html` in a real browser (Debian's chromium, driven by playwright-core): the page loads
// nothing, logs no error, shows what the JSON report says, its filters and views agree with the JSON, and
// hostile text from a scanned file stays text. A missing browser fails the test: it is never skipped.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_IDS, type Threat } from '../../src/core/category.js';
import { SEVERITIES, type Severity } from '../../src/core/severity.js';
import { renderHtml } from '../../src/report/html.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { RULES_DOC_URL } from '../../src/version.js';
import { ROOT, runCli } from '../run-cli.js';
import { finding, insecureJson, type JsonReport, scanResult, tempTree } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(ROOT, 'test-results', 'html-report.png');
const BROWSER_TIMEOUT = 60_000;

/** A page and everything it did that a self-contained report must not do. */
interface Opened {
  page: Page;
  url: string;
  requests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
}

let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no browser at ${CHROMIUM}: the HTML report is tested in a real browser; install Debian's chromium: apt-get install chromium`,
    );
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  } catch (error) {
    throw new Error(
      `${CHROMIUM} does not start (install Debian's chromium: apt-get install chromium): ${String(error)}`,
      { cause: error },
    );
  }
}, BROWSER_TIMEOUT);

afterAll(async () => {
  await browser?.close();
});

async function open(file: string): Promise<Opened> {
  if (!browser) throw new Error('chromium did not start (see the error of beforeAll)');
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(file).href;
  const opened: Opened = { page, url, requests: [], consoleErrors: [], pageErrors: [], dialogs: [] };
  page.on('request', (request) => opened.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') opened.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => opened.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return opened;
}

function expectQuiet(opened: Opened): void {
  expect(opened.pageErrors).toEqual([]);
  expect(opened.consoleErrors).toEqual([]);
  expect(opened.dialogs).toEqual([]);
  expect(opened.requests).toEqual([opened.url]);
}

/** Lets the page finish what an event queued (the form's reset filters on the next task). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

async function rows(page: Page, list = '#findings-list'): Promise<number> {
  await settle(page);
  return page.locator(`${list} > details`).count();
}

async function onlySeverity(page: Page, keep: Severity): Promise<void> {
  for (const severity of SEVERITIES) {
    const box = page.locator(`input[name=severity][value=${severity}]`);
    if (severity === keep) await box.check();
    else await box.uncheck();
  }
}

async function resetFilters(page: Page): Promise<void> {
  await page.click('#filters button[type=reset]');
  await settle(page);
}

describe('the insecure example, in chromium', { timeout: BROWSER_TIMEOUT }, () => {
  let report: JsonReport;
  let opened: Opened;
  let page: Page;

  beforeAll(async () => {
    const output = join(tempTree({}), 'report.html');
    const args = ['scan', 'examples/insecure', '--now', '2026-11-01'];
    const html = runCli([...args, '--format', 'html', '--output', output]);
    expect(html.stderr, 'is dist/dt10.js built with the html format? (npm run build)').toBe('');
    expect(html.status).toBe(1);
    const json = insecureJson();
    expect(json.status).toBe(1);
    report = json.report;
    expect(report.findings.length).toBeGreaterThan(100);
    opened = await open(output);
    page = opened.page;
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await page?.close();
  });

  it('loads nothing but the file, and logs no error', () => {
    expectQuiet(opened);
  });

  it('states the totals of the JSON report in its header', async () => {
    const stat = (name: string): Promise<string> => page.locator(`[data-stat="${name}"] .value`).innerText();
    expect(await stat('findings')).toBe(String(report.findings.length));
    expect(await stat('files')).toBe(String(report.summary.filesScanned));
    expect(await stat('errors')).toBe(String(report.summary.errors));
    for (const severity of SEVERITIES)
      expect(await stat(severity)).toBe(String(report.summary.bySeverity[severity]));
    expect(Number(await stat('score'))).toBeGreaterThanOrEqual(0);
    expect(Number(await stat('score'))).toBeLessThan(100);
  });

  it('draws one bar per category, D01 to D10, with the JSON counts', async () => {
    const bars = page.locator('#category-chart .bar');
    expect(await bars.count()).toBe(10);
    expect(await page.locator('#category-chart .bar .label').allTextContents()).toEqual(CATEGORY_IDS);
    for (const category of CATEGORY_IDS) {
      const bar = page.locator(`#category-chart .bar[data-category="${category}"]`);
      expect(await bar.getAttribute('data-count')).toBe(String(report.summary.byCategory[category]));
      expect(await bar.locator('.count').textContent()).toBe(String(report.summary.byCategory[category]));
    }
  });

  it('lists one row per finding', async () => {
    expect(await rows(page)).toBe(report.findings.length);
    expect(await page.locator('#findings-more').isHidden()).toBe(true);
  });

  it('filters by severity', async () => {
    await onlySeverity(page, 'critical');
    expect(report.summary.bySeverity.critical).toBeGreaterThan(0);
    expect(await rows(page)).toBe(report.summary.bySeverity.critical);
    const shown = await page
      .locator('#findings-list > details')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-severity')));
    expect(new Set(shown)).toEqual(new Set(['critical']));
    await resetFilters(page);
    expect(await rows(page)).toBe(report.findings.length);
  });

  it('filters by category, from the select and from a bar of the chart', async () => {
    await page.selectOption('#filter-category', 'D04');
    expect(await rows(page)).toBe(report.summary.byCategory.D04);
    await page.click('#category-chart .bar[data-category="D06"]');
    expect(await page.inputValue('#filter-category')).toBe('D06');
    expect(await rows(page)).toBe(report.summary.byCategory.D06);
    await resetFilters(page);
  });

  it('filters by file, and combines filters', async () => {
    const path = 'examples/insecure/run.sh';
    const inFile = report.findings.filter((f) => f.location.path === path);
    expect(inFile.length).toBeGreaterThan(0);
    const options = await page
      .locator('#filter-file option')
      .evaluateAll((nodes) => nodes.map((n) => ({ value: n.getAttribute('value'), text: n.textContent })));
    const option = options.find((o) => o.text?.startsWith(`${path} (`))?.value;
    expect(option, JSON.stringify(options)).toBeTruthy();
    await page.selectOption('#filter-file', option!);
    expect(await rows(page)).toBe(inFile.length);
    const places = await page.locator('#findings-list .where').allTextContents();
    expect(places.every((p) => p.startsWith(`${path}:`))).toBe(true);
    await page.selectOption('#filter-category', 'D07');
    expect(await rows(page)).toBe(inFile.filter((f) => f.category === 'D07').length);
    await resetFilters(page);
  });

  it('searches rule, title, location, message and evidence', async () => {
    const needle = 'privileged';
    const expected = report.findings.filter((f) =>
      [f.ruleId, f.title, `${f.location.path}:${f.location.line}:${f.location.column}`, f.message, f.evidence]
        .join('\n')
        .toLowerCase()
        .includes(needle),
    ).length;
    expect(expected).toBeGreaterThan(0);
    await page.fill('#filter-text', 'PRIVILEGED');
    expect(await rows(page)).toBe(expected);
    await page.fill('#filter-text', 'no such text anywhere');
    expect(await rows(page)).toBe(0);
    await resetFilters(page);
  });

  it('expands a finding to its message, location, evidence, remediation, threats and rule page', async () => {
    const first = report.findings.find((f) => f.evidence !== null)!;
    const index = report.findings.indexOf(first);
    const row = page.locator('#findings-list > details').nth(index);
    expect(await row.locator('.remediation').count()).toBe(0);
    await row.locator('summary').click();
    await row.locator('.remediation').waitFor({ state: 'visible' });
    expect(await row.locator('.remediation').textContent()).toBe(first.remediation);
    expect(await row.locator('.message').textContent()).toBe(first.message);
    expect(await row.locator('.evidence').textContent()).toBe(first.evidence);
    expect(await row.locator('.location').textContent()).toBe(
      `${first.location.path}:${first.location.line}:${first.location.column}`,
    );
    expect(await row.locator('.threats li').count()).toBe(first.threats.length);
    const href = await row.locator('a.doc').getAttribute('href');
    expect(href?.startsWith(`${RULES_DOC_URL}#${first.ruleId.toLowerCase().replace('.', '')}-`)).toBe(true);
    await row.locator('summary').click();
  });

  it('groups findings by the guide’s threats 1–8, with the JSON counts', async () => {
    for (let threat = 1; threat <= 8; threat++) {
      const expected = report.findings.filter((f) => f.threats.includes(threat as Threat)).length;
      const cell = page.locator(`#threats tr[data-threat="${threat}"] .count`);
      expect(await cell.textContent(), `threat ${threat}`).toBe(String(expected));
    }
    const busiest = page.locator('#threats [data-threat-filter]').first();
    const threat = Number(await busiest.getAttribute('data-threat-filter'));
    await busiest.click();
    expect(await rows(page)).toBe(report.findings.filter((f) => f.threats.includes(threat as Threat)).length);
    await resetFilters(page);
  });

  it('after all that, still loaded nothing and logged no error; screenshot', async () => {
    await resetFilters(page);
    expect(await rows(page)).toBe(report.findings.length);
    await page.locator('#findings-list > details summary').first().click();
    expectQuiet(opened);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`HTML report screenshot: ${SCREENSHOT}`);
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});

function writeReport(html: string): string {
  return join(tempTree({ 'report.html': html }), 'report.html');
}

describe('hostile text from a scanned file', { timeout: BROWSER_TIMEOUT }, () => {
  const SCRIPT = '<script>alert(1)</script>';
  const CLOSE = '</script><script>alert(2)</script><!--';
  const PATH = 'x/<img src=x onerror=alert(3)>/Dockerfile';
  const hostile = scanResult({
    findings: [
      finding({
        message: `image runs ${SCRIPT}`,
        evidence: CLOSE,
        location: { path: PATH, line: 2, column: 1 },
      }),
      finding({
        ruleId: 'D10.no-log-driver',
        category: 'D10',
        severity: 'low',
        title: 'No <b>log</b> driver',
        message: 'line\u2028separator and paragraph\u2029separator',
        location: { engine: 'docker <host>', object: 'container "<svg onload=alert(4)>"' },
        remediation: 'Set <code>log-driver</code> & friends.',
        cis: [],
        threats: [],
      }),
    ],
    suppressed: [
      finding({
        severity: 'high',
        message: 'service "db" runs privileged',
        suppression: {
          kind: 'inline',
          justification: 'vendor image <i>needs</i> it, ticket SEC-12',
          at: { path: 'compose.yaml', line: 11, column: 7 },
          until: '2027-01-31',
        },
      }),
    ],
    staleSuppressions: [
      {
        kind: 'config',
        ruleIds: ['D04.privileged'],
        justification: `gone ${SCRIPT}`,
        at: { path: '.dt10.yaml', line: 3, column: 5 },
      },
    ],
    errors: [{ path: 'broken.yaml', line: 4, column: 1, message: `YAML: bad ${SCRIPT}` }],
  });
  const html = renderHtml(hostile, { color: false, rules: ALL_RULES });

  it('writes no markup of its own into the page', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('<b>log');
    expect(html).not.toContain('<i>needs');
    // The data block and the page's script are the only scripts, and each is closed once.
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script/g)).toHaveLength(2);
    expect(html).not.toMatch(/\u2028|\u2029/);
  });

  it('keeps the text exact in the embedded data', () => {
    const block = /<script type="application\/json" id="dt10-data">([^]*?)<\/script>/.exec(html);
    const data = JSON.parse(block![1]!) as { findings: unknown[][]; places: string[] };
    expect(data.findings[0]![6]).toBe(`image runs ${SCRIPT}`);
    expect(data.findings[0]![7]).toBe(CLOSE);
    expect(data.places).toContain(PATH);
    expect(data.findings[1]![6]).toBe('line\u2028separator and paragraph\u2029separator');
  });

  it('shows it as text in chromium, with suppressed findings, stale suppressions and errors', async () => {
    const opened = await open(writeReport(html));
    const { page } = opened;
    try {
      expect(await rows(page)).toBe(2);
      const first = page.locator('#findings-list > details').first();
      expect(await first.locator('.text').textContent()).toBe(`image runs ${SCRIPT}`);
      expect(await first.locator('.where').textContent()).toBe(`${PATH}:2:1`);
      await first.locator('summary').click();
      await first.locator('.evidence').waitFor();
      expect(await first.locator('.evidence').textContent()).toBe(CLOSE);
      const engine = page.locator('#findings-list > details').nth(1);
      expect(await engine.locator('.where').textContent()).toBe(
        'docker <host> container "<svg onload=alert(4)>"',
      );
      await engine.locator('summary').click();
      expect(await engine.locator('.remediation').textContent()).toBe(
        'Set <code>log-driver</code> & friends.',
      );
      expect(await page.locator('script').count()).toBe(2);
      expect(await page.locator('img, b, i, section svg:not(#category-chart)').count()).toBe(0);

      expect(await page.locator('[data-stat="suppressed"] .value').textContent()).toBe('1');
      expect(await page.locator('[data-stat="findings"] .value').textContent()).toBe('2');
      expect(await rows(page, '#suppressed-list')).toBe(1);
      const suppressed = page.locator('#suppressed-list > details').first();
      expect(await suppressed.locator('.why').textContent()).toBe(
        'vendor image <i>needs</i> it, ticket SEC-12',
      );
      await suppressed.locator('summary').click();
      expect(await suppressed.locator('.justification').textContent()).toBe(
        'vendor image <i>needs</i> it, ticket SEC-12',
      );
      expect(await suppressed.locator('.kind').textContent()).toBe(
        'inline suppression at compose.yaml:11:7, until 2027-01-31',
      );

      expect(await page.locator('#stale tbody tr').count()).toBe(1);
      expect(await page.locator('#stale tbody').innerText()).toContain(`gone ${SCRIPT}`);
      expect(await page.locator('#stale tbody').innerText()).toContain('.dt10.yaml:3:5');
      expect(await page.locator('#errors tbody tr').count()).toBe(1);
      expect(await page.locator('#errors tbody').innerText()).toContain(`YAML: bad ${SCRIPT}`);
      expect(await page.locator('#errors tbody').innerText()).toContain('broken.yaml:4:1');
      expect(await page.locator('[data-stat="errors"] .value').textContent()).toBe('1');
      expectQuiet(opened);
    } finally {
      await page.close();
    }
  });
});

describe('30,000 findings', { timeout: BROWSER_TIMEOUT }, () => {
  const COUNT = 30_000;
  const files = Array.from({ length: 300 }, (_, i) => `services/app-${i}/compose.yaml`);
  const findings = Array.from({ length: COUNT }, (_, i) =>
    finding({
      ruleId: `${CATEGORY_IDS[i % 10]}.rule-${i % 7}`,
      category: CATEGORY_IDS[i % 10]!,
      severity: SEVERITIES[i % 5]!,
      message: `finding number ${i}`,
      location: { path: files[i % files.length]!, line: (i % 90) + 1, column: 3 },
      evidence: `value-${i}`,
    }),
  );

  it('renders quickly and draws only a page of rows until asked for more', async () => {
    const started = performance.now();
    const html = renderHtml(scanResult({ findings, filesScanned: files.length }), {
      color: false,
      rules: ALL_RULES,
    });
    const renderMs = performance.now() - started;
    // Generous for a shared machine: the point is no quadratic step, which would take minutes.
    expect(renderMs).toBeLessThan(5_000);
    const opened = await open(writeReport(html));
    const { page } = opened;
    try {
      const list = page.locator('#findings-list');
      expect(await list.getAttribute('data-matching')).toBe(String(COUNT));
      const page1 = await rows(page);
      expect(page1).toBeGreaterThan(0);
      expect(page1).toBeLessThanOrEqual(1_000);
      await page.click('#findings-more');
      expect(await rows(page)).toBe(Math.min(COUNT, 2 * page1));
      await onlySeverity(page, 'critical');
      expect(await list.getAttribute('data-matching')).toBe(String(COUNT / 5));
      await page.fill('#filter-text', 'finding number 29995');
      expect(await rows(page)).toBe(1);
      expectQuiet(opened);
    } finally {
      await page.close();
    }
  });
});
