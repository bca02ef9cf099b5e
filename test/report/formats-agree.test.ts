// Every format reports the same findings for examples/insecure: each is read back with its own parser
// and reduced to (rule, file, line) entries, which must equal the JSON report's.
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import type { JsonReport } from './fixtures.js';

type Entry = string;
const entry = (ruleId: string, path: string, line: number): Entry => `${ruleId} ${path}:${line}`;
const sorted = (entries: Entry[]) => [...entries].sort();

function report(format: string): string {
  const run = runCli([
    'scan',
    'examples/insecure',
    '--now',
    '2026-11-01',
    '--format',
    format,
    '--fail-on',
    'none',
  ]);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

let expected: Entry[];

beforeAll(() => {
  const json = JSON.parse(report('json')) as JsonReport;
  expected = sorted(json.findings.map((f) => entry(f.ruleId, f.location.path, f.location.line)));
});

describe('every format renders the same findings of examples/insecure', () => {
  it('has findings to compare', () => {
    expect(expected.length).toBeGreaterThan(100);
  });

  it('text', () => {
    const entries: Entry[] = [];
    let file = '';
    for (const line of report('text').split('\n')) {
      if (/^\S/.test(line) && !/^\d+ findings?/.test(line)) file = line.trim();
      const finding = /^ {2}(\d+):\d+\s+\w+\s+(D\d\d\.[a-z0-9-]+)\s/.exec(line);
      if (finding) entries.push(entry(finding[2]!, file, Number(finding[1])));
    }
    expect(sorted(entries)).toEqual(expected);
  });

  it('sarif', () => {
    const sarif = JSON.parse(report('sarif')) as {
      runs: {
        results: {
          ruleId: string;
          suppressions?: unknown[];
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }[];
      }[];
    };
    const results = sarif.runs[0]!.results.filter((r) => !r.suppressions);
    expect(
      sorted(
        results.map((r) => {
          const physical = r.locations[0]!.physicalLocation;
          return entry(r.ruleId, decodeURI(physical.artifactLocation.uri), physical.region.startLine);
        }),
      ),
    ).toEqual(expected);
  });

  it('junit', () => {
    const xml = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => ['testsuite', 'testcase'].includes(name),
    }).parse(report('junit')) as {
      testsuites: {
        testsuite: { testcase?: { classname: string; file?: string; failure?: { '#text': string } }[] }[];
      };
    };
    const entries: Entry[] = [];
    for (const suite of xml.testsuites.testsuite)
      for (const testcase of suite.testcase ?? [])
        for (const match of (testcase.failure?.['#text'] ?? '').matchAll(
          /^(\d+):\d+ (?:critical|high|medium|low|info) /gm,
        ))
          entries.push(entry(testcase.classname, testcase.file!, Number(match[1])));
    expect(sorted(entries)).toEqual(expected);
  });

  it('markdown', () => {
    const entries: Entry[] = [];
    for (const match of report('markdown').matchAll(
      /^\| \w+ \| \[(D\d\d\.[a-z0-9-]+)\]\([^)]*\) \| ([^|]+):(\d+) \|/gm,
    ))
      entries.push(entry(match[1]!, match[2]!.replace(/\\(.)/g, '$1'), Number(match[3])));
    expect(sorted(entries)).toEqual(expected);
  });

  it('html', () => {
    const data = /<script type="application\/json" id="dt10-data">([\s\S]*?)<\/script>/.exec(report('html'));
    const page = JSON.parse(data![1]!) as {
      rules: { id: string }[];
      places: string[];
      findings: [number, number, number, number | null, ...unknown[]][];
    };
    expect(
      sorted(
        page.findings.map(([rule, , place, line]) =>
          entry(page.rules[rule]!.id, page.places[place]!, line ?? 0),
        ),
      ),
    ).toEqual(expected);
  });
});
