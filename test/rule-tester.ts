// Runs a rule's accept/reject tables through the real sources and evaluator, one format at a time,
// so a rule test is data: the input text, and for a reject the line (and message) it must be reported at.
import { describe, expect, it } from 'vitest';
import { evaluate, RuleSet } from '../src/core/evaluator.js';
import { DEFAULT_SETTINGS, type RuleSettings } from '../src/core/settings.js';
import type { Finding } from '../src/core/finding.js';
import {
  formatLocation,
  isImageLocation,
  isSourceLocation,
  objectOf,
  type Location,
  type SourceLocation,
} from '../src/core/location.js';
import type { AnyRule, Target } from '../src/core/rule.js';
import type { Severity } from '../src/core/severity.js';
import type { FileKind } from '../src/scan/discover.js';
import { loadText } from '../src/scan/load-file.js';
import { type EngineSnapshot, snapshotSubjects } from '../src/sources/engine/snapshot.js';
import { subjectsOf } from '../src/scan/judge-files.js';
import { parse as parseYaml } from 'yaml';
import { hostFindingsFor, type HostTree } from './host-tester.js';
import { readExample } from './image-example.js';

export interface RejectCase {
  name?: string;
  code: string;
  /** Lines the rule must report, one finding each (in order). */
  lines: number[];
  messageIncludes?: string;
  severity?: Severity;
}

export type AcceptCase = string | { name?: string; code: string };

export interface FormatCases {
  accept: AcceptCase[];
  reject: RejectCase[];
}

export type RuleCases = Partial<
  Record<Extract<Target, 'dockerfile' | 'compose' | 'kubernetes' | 'docker-run' | 'daemon'>, FormatCases>
>;

const FILE_NAMES: Record<keyof RuleCases, { path: string; kind: FileKind }> = {
  dockerfile: { path: 'Dockerfile', kind: 'dockerfile' },
  compose: { path: 'compose.yaml', kind: 'compose' },
  kubernetes: { path: 'manifest.yaml', kind: 'kubernetes' },
  'docker-run': { path: 'run.sh', kind: 'shell' },
  daemon: { path: 'daemon.json', kind: 'daemon-json' },
};

export const TEST_NOW = new Date('2026-11-01T00:00:00Z');

/**
 * The defaults, plus a registry allow-list so that D05.untrusted-registry (off without one) is tested
 * like every other rule: it allows registry.example.com, the registry of the helpers' images.
 */
export const TEST_SETTINGS: RuleSettings = {
  ...DEFAULT_SETTINGS,
  allowedRegistries: ['registry.example.com'],
};

/** A field's file position, for tests that read its line: throws when it was placed in an engine instead. */
export function fileAt(location: Location): SourceLocation {
  if (!isSourceLocation(location))
    throw new Error(`expected a file location, not ${formatLocation(location)}`);
  return location;
}

/** Scans one text as one file with one rule; fails the test if the input itself does not load. */
export async function findingsFor(
  rule: AnyRule,
  format: keyof RuleCases | 'engine' | 'image' | 'host',
  code: string,
  settings: RuleSettings = TEST_SETTINGS,
): Promise<Finding[]> {
  if (format === 'engine') return engineFindingsFor(rule, JSON.parse(code) as EngineSnapshot, settings);
  if (format === 'image') return imageFindingsFor(rule, code, settings);
  // A host example is YAML mapping host paths to their content (test/host-tester.ts).
  if (format === 'host') return hostFindingsFor(rule, parseYaml(code) as HostTree, settings);
  const { path, kind } = FILE_NAMES[format];
  const loaded = await loadText(path, code, kind, true, { environment: {}, dotEnvCache: new Map() });
  expect(loaded.errors, 'the test input must load without errors').toEqual([]);
  const { findings, errors } = evaluate(subjectsOf([loaded]), new RuleSet([rule]), {
    now: TEST_NOW,
    settings,
  });
  expect(errors).toEqual([]);
  return findings.filter((f) => f.ruleId === rule.id);
}

export const TEST_ENGINE = 'unix:///run/dt10-test/docker.sock';

/**
 * Judges what a live engine's API answered (an EngineSnapshot: `version`, `info`, `containers` inspects,
 * `networks`) with one rule, through the same mapping `dt10 scan --engine` uses.
 */
export function engineFindingsFor(
  rule: AnyRule,
  snapshot: EngineSnapshot,
  settings: RuleSettings = TEST_SETTINGS,
): Finding[] {
  const subjects = snapshotSubjects(snapshot, { engine: TEST_ENGINE, plainTcp: false });
  const { findings, errors } = evaluate(subjects, new RuleSet([rule]), { now: TEST_NOW, settings });
  expect(errors).toEqual([]);
  return findings.filter((f) => f.ruleId === rule.id);
}

/**
 * Builds the image an example describes (test/image-example.ts) as a real archive, reads it with the image
 * reader and judges it with one rule.
 */
export async function imageFindingsFor(
  rule: AnyRule,
  example: string,
  settings: RuleSettings = TEST_SETTINGS,
): Promise<Finding[]> {
  const image = await readExample(example);
  const { findings, errors } = evaluate([image], new RuleSet([rule]), { now: TEST_NOW, settings });
  expect(errors).toEqual([]);
  return findings.filter((f) => f.ruleId === rule.id);
}

export interface ImageCases {
  accept: AcceptCase[];
  /** `objects`: the ImageLocation object (and field) of each finding, in order: `file /etc/shadow`. */
  reject: { name?: string; code: string; objects: string[]; messageIncludes?: string; severity?: Severity }[];
}

/** Accept and reject tables for the image target, in the example YAML of test/image-example.ts. */
export function testImageRule(rule: AnyRule, cases: ImageCases): void {
  describe(`${rule.id} (image)`, () => {
    it('targets images', () => {
      expect(rule.targets).toContain('image');
      expect(cases.accept.length).toBeGreaterThan(0);
      expect(cases.reject.length).toBeGreaterThan(0);
    });
    cases.accept.forEach((entry, index) => {
      const { name, code } = typeof entry === 'string' ? { name: undefined, code: entry } : entry;
      it(`accepts ${name ?? `case ${index + 1}`}`, async () => {
        expect((await imageFindingsFor(rule, code)).map((f) => f.message)).toEqual([]);
      });
    });
    cases.reject.forEach((entry, index) => {
      it(`rejects ${entry.name ?? `case ${index + 1}`}`, async () => {
        const findings = await imageFindingsFor(rule, entry.code);
        expect(findings.map((f) => objectOf(f.location))).toEqual(entry.objects);
        for (const finding of findings) {
          expect(isImageLocation(finding.location)).toBe(true);
          if (entry.messageIncludes) expect(finding.message).toContain(entry.messageIncludes);
          if (entry.severity) expect(finding.severity).toBe(entry.severity);
        }
      });
    });
  });
}

export function testRule(rule: AnyRule, cases: RuleCases): void {
  describe(rule.id, () => {
    it('declares the formats it is tested in', () => {
      for (const format of Object.keys(cases)) expect(rule.targets).toContain(format);
      for (const target of rule.targets)
        if (target in FILE_NAMES) expect(Object.keys(cases), `cases for ${target}`).toContain(target);
    });
    for (const [format, formatCases] of Object.entries(cases) as [keyof RuleCases, FormatCases][]) {
      describe(format, () => {
        it('has both accept and reject cases', () => {
          expect(formatCases.accept.length).toBeGreaterThan(0);
          expect(formatCases.reject.length).toBeGreaterThan(0);
        });
        formatCases.accept.forEach((entry, index) => {
          const { name, code } = typeof entry === 'string' ? { name: undefined, code: entry } : entry;
          it(`accepts ${name ?? `case ${index + 1}`}`, async () => {
            const findings = await findingsFor(rule, format, code);
            expect(
              findings.map(
                (f) => `${f.location && 'line' in f.location ? f.location.line : '?'}: ${f.message}`,
              ),
            ).toEqual([]);
          });
        });
        formatCases.reject.forEach((entry, index) => {
          it(`rejects ${entry.name ?? `case ${index + 1}`}`, async () => {
            const findings = await findingsFor(rule, format, entry.code);
            expect(findings.map((f) => ('line' in f.location ? f.location.line : -1))).toEqual(entry.lines);
            for (const finding of findings) {
              expect(finding.ruleId).toBe(rule.id);
              expect(finding.category).toBe(rule.category);
              if (entry.messageIncludes) expect(finding.message).toContain(entry.messageIncludes);
              if (entry.severity) expect(finding.severity).toBe(entry.severity);
            }
          });
        });
      });
    }
  });
}

/** A compose file with one service `app`: its body starts at line 4. */
export function composeService(body: string): string {
  return `services:\n  app:\n    image: registry.example.com/app:1.0\n${body === '' ? '' : `${indent(body, 4)}\n`}`;
}

/**
 * A Deployment (namespace `shop`) with one container `app`. The container body starts at line 12;
 * the pod-spec body follows the container body.
 */
export function k8sDeployment(container: string, pod = ''): string {
  const lines = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: registry.example.com/app:1.0',
  ];
  if (container !== '') lines.push(indent(container, 10));
  if (pod !== '') lines.push(indent(pod, 6));
  return `${lines.join('\n')}\n`;
}

/**
 * A shell script with one `docker run` of container `app` on line 1: `flags` come between `--name app` and
 * the image (a flag written with a `\`-newline continuation moves the image and later flags down a line).
 */
export function dockerRun(flags: string): string {
  return `${['docker run --name app', flags, 'registry.example.com/app:1.0'].filter((p) => p !== '').join(' ')}\n`;
}

/**
 * A Deployment whose container mounts one volume named `name`: the volumeMounts item at line 13, the
 * volume defined from line 16 (`mount` and `volume` are the item's remaining lines).
 */
export function k8sVolumeMount(mount: string, volume: string, name = 'host'): string {
  return k8sDeployment(
    `volumeMounts:\n  - name: ${name}\n${mount.replace(/^/gm, '    ')}`,
    `volumes:\n  - name: ${name}\n${volume.replace(/^/gm, '    ')}`,
  );
}

export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .replace(/^\n/, '')
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line.trim() === '' ? line : pad + line))
    .join('\n');
}
