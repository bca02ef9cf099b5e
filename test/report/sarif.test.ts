// The SARIF report: valid against the OASIS 2.1.0 schema in every case built here, rules and results that
// refer to each other, URIs relative to the working directory, fingerprints that survive edits above a
// finding, suppressions, stale suppressions and errors where code-scanning services look for them.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toFinding } from '../../src/core/evaluator.js';
import { fingerprints } from '../../src/core/fingerprint.js';
import type { Finding } from '../../src/core/finding.js';
import type { Severity } from '../../src/core/severity.js';
import { renderSarif } from '../../src/report/sarif.js';
import { ALL_RULES } from '../../src/rules/index.js';
import type { ScanResult } from '../../src/scan/pipeline.js';
import { ROOT, runCli } from '../run-cli.js';
import { insecureJson, scanDir, scanResult, tempTree } from './fixtures.js';
import { sarifErrors } from './sarif-validator.js';

interface SarifLocation {
  physicalLocation?: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number; startColumn?: number; endLine: number };
  };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  baselineState?: string;
  suppressions?: {
    kind: string;
    status: string;
    justification: string;
    location: SarifLocation;
    properties: { kind: string; until?: string };
  }[];
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help: { text: string; markdown?: string };
  helpUri: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; precision: string; 'security-severity': string };
}

interface SarifNotification {
  level: string;
  message: { text: string };
  locations?: SarifLocation[];
  associatedRule?: { id: string; index?: number };
}

interface SarifRun {
  tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }[];
  originalUriBaseIds: Record<string, { uri: string }>;
  results: SarifResult[];
}

const LEVEL: Record<Severity, string> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** Parses a SARIF log and fails the test unless the schema accepts it. */
function validRun(text: string): SarifRun {
  const log: unknown = JSON.parse(text);
  expect(sarifErrors(log)).toEqual([]);
  const runs = (log as { runs: SarifRun[] }).runs;
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

function physical(result: SarifResult): NonNullable<SarifLocation['physicalLocation']> {
  const location = result.locations[0]?.physicalLocation;
  expect(location, `${result.ruleId} has a physical location`).toBeDefined();
  return location!;
}

function fingerprint(result: SarifResult): string {
  const print = result.partialFingerprints['dt10/v1'];
  expect(print).toMatch(/^[0-9a-f]{32}$/);
  return print!;
}

const OPTIONS = { color: false, rules: ALL_RULES };

describe('examples/insecure through the CLI', () => {
  const run = runCli(['scan', 'examples/insecure', '--format', 'sarif', '--now', '2026-11-01']);
  const sarif = validRun(run.stdout);
  const json = insecureJson().report;
  const rules = sarif.tool.driver.rules;

  it('is valid SARIF with one result per finding of the JSON report, in the same order', () => {
    expect(run.status).toBe(1);
    expect(sarif.tool.driver).toMatchObject({
      name: 'dt10',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(sarif.results.map((r) => r.ruleId)).toEqual(json.findings.map((f) => f.ruleId));
  });

  it('lists each rule id once, and every result points at its rule by id and index', () => {
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(ALL_RULES.map((rule) => rule.id)));
    for (const result of sarif.results) {
      expect(ids).toContain(result.ruleId);
      expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
    }
  });

  it('describes every rule with help, a documentation link, tags and a security-severity', () => {
    for (const rule of rules) {
      const meta = ALL_RULES.find((r) => r.id === rule.id)!;
      expect(rule.shortDescription.text).toBe(meta.title);
      expect(rule.fullDescription?.text).toBe(meta.rationale);
      expect(rule.help.text).toContain(meta.remediation.split('\n')[0]);
      expect(rule.help.markdown).toContain(meta.remediation.split('\n')[0]);
      expect(rule.helpUri).toMatch(/^https:\/\/.+#d\d\d/);
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(rule.defaultConfiguration.level).toBe(LEVEL[meta.severity]);
      expect(rule.properties.tags).toEqual([
        'security',
        meta.category,
        ...meta.cis.map((section) => `CIS-${section}`),
      ]);
      const score = Number(rule.properties['security-severity']);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(10);
      // GitHub's bands: 9.0+ critical, 7.0+ high, 4.0+ medium.
      if (meta.severity === 'critical') expect(score).toBeGreaterThanOrEqual(9);
      if (meta.severity === 'high') expect(score).toBeGreaterThanOrEqual(7);
      if (meta.severity === 'low') expect(score).toBeLessThan(4);
      expect(rule.properties.precision).toBe('high');
    }
  });

  it('gives each result the level of its severity, its message and evidence, and its place', () => {
    sarif.results.forEach((result, index) => {
      const finding = json.findings[index]!;
      expect(result.level).toBe(LEVEL[finding.severity]);
      expect(result.message.text.startsWith(finding.message)).toBe(true);
      if (finding.evidence !== null) expect(result.message.text).toContain(finding.evidence);
      const location = physical(result);
      expect(location.artifactLocation).toEqual({ uri: finding.location.path, uriBaseId: '%SRCROOT%' });
      expect(location.region).toEqual({
        startLine: finding.location.line,
        startColumn: finding.location.column,
        endLine: finding.location.line,
      });
      expect(result.suppressions).toBeUndefined();
    });
    expect(sarif.originalUriBaseIds['%SRCROOT%']).toEqual({ uri: `${pathToFileURL(ROOT).href}/` });
  });

  it('gives every result its own fingerprint', () => {
    const prints = sarif.results.map(fingerprint);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('reports a successful run with nothing to notify', () => {
    expect(sarif.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('writes the same report with --output', () => {
    const output = join(tempTree({}), 'report.sarif');
    const written = runCli([
      'scan',
      'examples/insecure',
      '--format',
      'sarif',
      '--now',
      '2026-11-01',
      '--output',
      output,
    ]);
    expect(written.stdout).toBe('');
    expect(readFileSync(output, 'utf8')).toBe(run.stdout);
  });
});

describe('examples/hardened through the CLI', () => {
  it('is valid SARIF with the rules and no result', () => {
    const run = runCli(['scan', 'examples/hardened', '--format', 'sarif', '--now', '2026-11-01']);
    expect(run.status).toBe(0);
    const sarif = validRun(run.stdout);
    expect(sarif.results).toEqual([]);
    expect(sarif.tool.driver.rules.length).toBeGreaterThan(50);
    expect(sarif.invocations[0]!.executionSuccessful).toBe(true);
  });
});

describe('URIs', () => {
  it('percent-encodes paths relative to the working directory', () => {
    const dir = tempTree({ 'web app#1/Dockerfile': 'FROM alpine:3.20\nUSER root\n' });
    const sarif = validRun(runCli(['scan', '.', '--format', 'sarif'], { cwd: dir }).stdout);
    expect(sarif.results.length).toBeGreaterThan(0);
    for (const result of sarif.results)
      expect(physical(result).artifactLocation).toEqual({
        uri: 'web%20app%231/Dockerfile',
        uriBaseId: '%SRCROOT%',
      });
    expect(sarif.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileURL(dir).href}/`);
  });

  it('gives a file outside the working directory an absolute file URI, not a path that climbs out', () => {
    const dir = tempTree({ Dockerfile: 'FROM alpine:3.20\nUSER root\n' });
    const sarif = validRun(runCli(['scan', dir, '--format', 'sarif']).stdout);
    expect(sarif.results.length).toBeGreaterThan(0);
    for (const result of sarif.results)
      expect(physical(result).artifactLocation).toEqual({ uri: pathToFileURL(join(dir, 'Dockerfile')).href });
  });
});

describe('fingerprints', () => {
  const dockerfile = 'FROM alpine:3.20\nADD https://example.com/a.tgz /a\nUSER root\n';
  const compose = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

  function linesByFingerprint(dir: string): Map<string, { uri: string; line: number }> {
    const sarif = validRun(
      runCli(['scan', '.', '--format', 'sarif', '--fail-on', 'none'], { cwd: dir }).stdout,
    );
    return new Map(
      sarif.results.map((result) => {
        const location = physical(result);
        return [
          fingerprint(result),
          { uri: location.artifactLocation.uri, line: location.region!.startLine },
        ];
      }),
    );
  }

  it('stay the same when lines are inserted above the findings, while the lines move', () => {
    const dir = tempTree({ Dockerfile: dockerfile, 'compose.yaml': compose });
    const before = linesByFingerprint(dir);
    writeFileSync(join(dir, 'Dockerfile'), `# syntax check\n\n# build\n${dockerfile}`);
    writeFileSync(join(dir, 'compose.yaml'), `# the web service\n\n${compose}`);
    const after = linesByFingerprint(dir);

    const uris = [...before.values()].map((place) => place.uri);
    expect(uris).toContain('Dockerfile');
    expect(uris).toContain('compose.yaml');
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [print, place] of before) {
      const moved = after.get(print)!;
      expect(moved.uri).toBe(place.uri);
      expect(moved.line).toBe(place.line + (place.uri === 'Dockerfile' ? 3 : 2));
    }
  });
});

describe('engine locations', () => {
  const rule = ALL_RULES.find((r) => r.id === 'D04.live-restore-disabled')!;
  const engineFinding = toFinding(rule, {
    message: 'the engine runs without live-restore',
    location: { engine: 'unix:///var/run/docker.sock', object: 'daemon' },
    evidence: 'LiveRestoreEnabled: false',
  });
  const result = scanResult({ findings: [engineFinding] });

  it('become logical locations with no physical location', () => {
    const sarif = validRun(renderSarif(result, OPTIONS, '/work/project'));
    expect(sarif.results).toHaveLength(1);
    const [only] = sarif.results;
    expect(only!.locations).toEqual([
      {
        logicalLocations: [
          { name: 'daemon', fullyQualifiedName: 'unix:///var/run/docker.sock/daemon', kind: 'object' },
        ],
      },
    ]);
    expect(only!.message.text).toBe(
      'the engine runs without live-restore\nEvidence: LiveRestoreEnabled: false',
    );
    expect(sarif.tool.driver.rules[only!.ruleIndex]!.id).toBe('D04.live-restore-disabled');
    fingerprint(only!);
  });
});

describe('a finding with no line', () => {
  it('keeps its file and leaves the region out, since SARIF counts lines from 1', () => {
    const rule = ALL_RULES.find((r) => r.id === 'D04.privileged')!;
    const finding = toFinding(rule, {
      message: 'runs privileged',
      location: { path: 'a.yaml', line: 0, column: 0 },
    });
    const result = scanResult({ findings: [finding] });
    const sarif = validRun(renderSarif(result, OPTIONS, '/work/project'));
    expect(sarif.results[0]!.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'a.yaml', uriBaseId: '%SRCROOT%' } } },
    ]);
  });
});

describe('a scan compared with a baseline', () => {
  it('marks the findings it reports as new', async () => {
    const scanned = await scanDir(tempTree({ Dockerfile: 'FROM alpine:3.20\nUSER root\n' }));
    const compared: ScanResult = { ...scanned, baseline: { path: 'baseline.json', unchanged: 3, fixed: 1 } };
    const withBaseline = validRun(renderSarif(compared, OPTIONS, '/'));
    expect(withBaseline.results.length).toBeGreaterThan(0);
    for (const result of withBaseline.results) expect(result.baselineState).toBe('new');
    const without = validRun(renderSarif(scanned, OPTIONS, '/'));
    for (const result of without.results) expect(result.baselineState).toBeUndefined();
  });
});

describe('a finding of a rule that was not passed in', () => {
  it('still gets a descriptor its ruleIndex points at', async () => {
    const scanned = await scanDir(tempTree({ Dockerfile: 'FROM alpine:3.20\nUSER root\n' }));
    expect(scanned.findings.length).toBeGreaterThan(0);
    const sarif = validRun(renderSarif(scanned, { color: false, rules: [] }, '/'));
    for (const result of sarif.results) {
      const rule = sarif.tool.driver.rules[result.ruleIndex]!;
      expect(rule.id).toBe(result.ruleId);
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
    }
  });
});

describe('suppressions, stale suppressions and errors', () => {
  const dockerfile =
    'FROM alpine:3.20\nADD https://example.com/a.tgz /a\nADD https://example.com/a.tgz /a\nUSER root\n';
  const brokenCompose = 'services:\n  web:\n    image: [unclosed\n';

  async function fixture(): Promise<{ dir: string; scanned: ScanResult }> {
    const dir = tempTree({ Dockerfile: dockerfile, 'compose.yaml': brokenCompose });
    return { dir, scanned: await scanDir(dir) };
  }

  /** Fresh copies a test can mark as suppressed without touching the scan's own findings. */
  function copies(findings: readonly Finding[]): Finding[] {
    return findings.map((finding) => ({ ...finding }));
  }

  it('reports suppressed findings as results with their suppression, inSource or external', async () => {
    const { dir, scanned } = await fixture();
    const findings = copies(scanned.findings);
    const remoteAdd = findings.filter((f) => f.ruleId === 'D08.remote-add');
    const rootUser = findings.find((f) => f.ruleId === 'D01.image-root-user')!;
    expect(remoteAdd).toHaveLength(2);
    remoteAdd[0]!.suppression = {
      kind: 'inline',
      justification: 'the archive is verified in the next step',
      at: { path: join(dir, 'Dockerfile'), line: 1, column: 1 },
    };
    rootUser.suppression = {
      kind: 'config',
      justification: 'legacy image, tracked in OPS-12',
      at: { path: join(dir, '.dt10.yaml'), line: 4, column: 5 },
      until: '2027-01-31',
    };
    const result: ScanResult = {
      ...scanned,
      findings: findings.filter((f) => f.suppression === undefined),
      suppressed: findings.filter((f) => f.suppression !== undefined),
      fingerprints: fingerprints(findings),
    };
    const sarif = validRun(renderSarif(result, OPTIONS, dir));
    expect(sarif.results).toHaveLength(findings.length);

    const suppressed = sarif.results.filter((r) => r.suppressions !== undefined);
    expect(suppressed.map((r) => r.ruleId).sort()).toEqual(['D01.image-root-user', 'D08.remote-add']);
    const inline = suppressed.find((r) => r.ruleId === 'D08.remote-add')!;
    expect(physical(inline).region!.startLine).toBe(2);
    expect(inline.suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'the archive is verified in the next step',
        location: {
          physicalLocation: {
            artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' },
            region: { startLine: 1, startColumn: 1, endLine: 1 },
          },
        },
        properties: { kind: 'inline' },
      },
    ]);
    const config = suppressed.find((r) => r.ruleId === 'D01.image-root-user')!;
    expect(config.suppressions![0]).toMatchObject({
      kind: 'external',
      justification: 'legacy image, tracked in OPS-12',
      location: { physicalLocation: { artifactLocation: { uri: '.dt10.yaml' } } },
      properties: { kind: 'config', until: '2027-01-31' },
    });
  });

  it('keeps the fingerprints of identical findings when the first of them is suppressed', async () => {
    const dir = tempTree({ Dockerfile: dockerfile });
    const printsOf = (result: ScanResult): string[] =>
      validRun(renderSarif(result, OPTIONS, dir))
        .results.filter((r) => r.ruleId === 'D08.remote-add')
        .map(fingerprint);
    const unsuppressed = printsOf(await scanDir(dir));
    expect(new Set(unsuppressed).size).toBe(2);
    writeFileSync(
      join(dir, 'Dockerfile'),
      dockerfile.replace('ADD', '# dt10-ignore D08.remote-add: checked by hand\nADD'),
    );
    const ignored = await scanDir(dir);
    expect(ignored.suppressed.map((f) => f.ruleId)).toEqual(['D08.remote-add']);
    expect(printsOf(ignored)).toEqual(unsuppressed);
  });

  it('puts errors and stale suppressions in the notifications of a successful run', async () => {
    const { dir, scanned } = await fixture();
    expect(scanned.errors).toHaveLength(1);
    const result: ScanResult = {
      ...scanned,
      staleSuppressions: [
        {
          kind: 'inline',
          ruleIds: ['D04.privileged'],
          justification: 'needed for the VPN sidecar',
          at: { path: join(dir, 'compose.yaml'), line: 2, column: 3 },
        },
      ],
    };
    const sarif = validRun(renderSarif(result, OPTIONS, dir));
    const [invocation] = sarif.invocations;
    // One unreadable file among readable ones: the run still analysed the rest.
    expect(invocation!.executionSuccessful).toBe(true);
    const [error, stale] = invocation!.toolExecutionNotifications;
    expect(error).toMatchObject({
      level: 'error',
      message: { text: expect.stringMatching(/^YAML: /) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'compose.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: scanned.errors[0]!.line },
          },
        },
      ],
    });
    expect(stale).toEqual({
      level: 'warning',
      message: {
        text: 'Stale suppression (inline) of D04.privileged matched no finding: needed for the VPN sidecar',
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'compose.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2, startColumn: 3, endLine: 2 },
          },
        },
      ],
    });
  });

  it('names the rule of an error a rule threw', () => {
    const result = scanResult({
      errors: [{ path: 'Dockerfile', message: 'rule failed: boom', ruleId: 'D04.privileged' }],
    });
    const sarif = validRun(renderSarif(result, OPTIONS, '/work/project'));
    const [notification] = sarif.invocations[0]!.toolExecutionNotifications;
    const index = sarif.tool.driver.rules.findIndex((rule) => rule.id === 'D04.privileged');
    expect(notification!.associatedRule).toEqual({ id: 'D04.privileged', index });
    // No line: the file is the location, with no region.
    expect(notification!.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' } } },
    ]);
  });

  it('marks a run that read no input as unsuccessful', async () => {
    const missing = await scanDir(join(tmpdir(), 'dt10-sarif-no-such-dir'));
    const unreadable = validRun(renderSarif(missing, OPTIONS, '/'));
    expect(unreadable.invocations[0]!.executionSuccessful).toBe(false);
    expect(unreadable.invocations[0]!.toolExecutionNotifications[0]!.level).toBe('error');

    const empty = await scanDir(tempTree({ 'notes.txt': 'hello' }));
    const nothing = validRun(renderSarif(empty, OPTIONS, '/'));
    expect(nothing.invocations[0]).toEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [{ level: 'error', message: { text: 'no input file was found to scan' } }],
    });
  });
});
