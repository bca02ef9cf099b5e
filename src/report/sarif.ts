// `--format sarif`: SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure DevOps) and IDE viewers.
// One run; the rule catalogue as `tool.driver.rules`; suppressed findings as results with `suppressions`;
// stale suppressions and scan errors as tool execution notifications.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, ScanError, StaleSuppression, Suppression, SuppressionKind } from '../core/finding.js';
import { isImageLocation, isSourceLocation, originOf, type SourceLocation } from '../core/location.js';
import type { AnyRule } from '../core/rule.js';
import type { Severity } from '../core/severity.js';
import type { ScanResult } from '../scan/pipeline.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { RenderOptions } from './index.js';
import { catalogue, ruleDocUrl, ruleMarkdown, ruleText } from './rules.js';

const SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://github.com/dt10-dev/dt10';
const SRCROOT = '%SRCROOT%';
/** Key of `partialFingerprints`: versioned, so a change of the fingerprint recipe can use a new key. */
const FINGERPRINT_KEY = 'dt10/v1';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub code scanning ranks alerts by this number (over 9.0 critical, 7.0 high, 4.0 medium, else low);
 * without it every alert of a security tool shows as "warning".
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

interface Message {
  text: string;
  markdown?: string;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface Region {
  startLine: number;
  startColumn?: number;
  endLine: number;
}

interface PhysicalLocation {
  artifactLocation: ArtifactLocation;
  region?: Region;
}

interface LogicalLocation {
  name: string;
  fullyQualifiedName: string;
  kind: string;
}

interface SarifLocation {
  physicalLocation?: PhysicalLocation;
  logicalLocations?: LogicalLocation[];
}

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: Message;
  fullDescription?: Message;
  help: Message;
  helpUri: string;
  defaultConfiguration: { level: Level };
  properties: { tags: string[]; precision: string; 'security-severity': string };
}

interface SarifSuppression {
  kind: 'inSource' | 'external';
  status: 'accepted';
  justification: string;
  location: SarifLocation;
  properties: { kind: SuppressionKind; until?: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: Message;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  baselineState?: 'new';
  suppressions?: SarifSuppression[];
  properties: { severity: Severity };
}

interface Notification {
  level: 'error' | 'warning';
  message: Message;
  locations?: SarifLocation[];
  associatedRule?: { id: string; index?: number };
}

/** PascalCase of the id's slug (`D08.latest-tag` → `LatestTag`): SARIF's `name` is a readable identifier. */
function ruleName(id: string): string {
  const slug = id.slice(id.indexOf('.') + 1);
  return slug
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/**
 * The level, tags and security-severity of a rule's descriptor, from the rule itself or, for a rule that
 * was not passed in, from one of its findings: both carry a severity, a category and CIS sections.
 */
function ranking(
  source: Pick<AnyRule, 'severity' | 'category' | 'cis'>,
): Pick<ReportingDescriptor, 'defaultConfiguration' | 'properties'> {
  return {
    defaultConfiguration: { level: LEVEL[source.severity] },
    // Rules declare no confidence of their own; they judge declared configuration, not guesses.
    properties: {
      tags: ['security', source.category, ...source.cis.map((section) => `CIS-${section}`)],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[source.severity],
    },
  };
}

function descriptor(rule: AnyRule): ReportingDescriptor {
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    // The same page as `dt10 explain`: why, the fix, and a bad and a good example.
    help: { text: ruleText(rule), markdown: ruleMarkdown(rule) },
    helpUri: ruleDocUrl(rule),
    ...ranking(rule),
  };
}

/** A finding of a rule that is not among `options.rules` still needs a descriptor for its `ruleIndex`. */
function descriptorFromFinding(finding: Finding): ReportingDescriptor {
  return {
    id: finding.ruleId,
    name: ruleName(finding.ruleId),
    shortDescription: { text: finding.title },
    help: { text: finding.remediation },
    helpUri: ruleDocUrl({ id: finding.ruleId, title: finding.title }),
    ...ranking(finding),
  };
}

/**
 * Paths inside the working directory become URI references relative to %SRCROOT%, so the report reads the
 * same on every checkout. A path outside it gets an absolute file URI instead: `../` would climb out of
 * the source root, which code-scanning services cannot show.
 */
class ArtifactLocations {
  private readonly cache = new Map<string, ArtifactLocation>();

  constructor(private readonly cwd: string) {}

  get(path: string): ArtifactLocation {
    let location = this.cache.get(path);
    if (location === undefined) {
      location = this.compute(path);
      this.cache.set(path, location);
    }
    return location;
  }

  private compute(path: string): ArtifactLocation {
    const absolute = resolve(this.cwd, path);
    const inside = relative(this.cwd, absolute);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
      return { uri: pathToFileURL(absolute).href };
    return { uri: inside.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
}

/**
 * Findings and errors know where they start only, so a region is one line from there. SARIF counts from
 * 1: a line or column a parser could not give (0 or absent) is left out rather than made up.
 */
function region(line: number | undefined, column: number | undefined): Region | undefined {
  if (line === undefined || line < 1) return undefined;
  return column === undefined || column < 1
    ? { startLine: line, endLine: line }
    : { startLine: line, startColumn: column, endLine: line };
}

function physicalLocation(
  locations: ArtifactLocations,
  path: string,
  line: number | undefined,
  column: number | undefined,
): SarifLocation {
  const where = region(line, column);
  const artifactLocation = locations.get(path);
  return { physicalLocation: where ? { artifactLocation, region: where } : { artifactLocation } };
}

function sourceLocation(locations: ArtifactLocations, at: SourceLocation): SarifLocation {
  return physicalLocation(locations, at.path, at.line, at.column);
}

function findingLocation(locations: ArtifactLocations, finding: Finding): SarifLocation {
  if (isSourceLocation(finding.location)) return sourceLocation(locations, finding.location);
  const location = finding.location;
  const logical = {
    logicalLocations: [
      {
        name: location.object,
        fullyQualifiedName: `${originOf(location)}/${location.object}`,
        kind: 'object',
      },
    ],
  };
  // An image archive in the scanned tree is an artifact code-scanning services can show the alert on.
  if (isImageLocation(location) && location.archive !== undefined)
    return { ...physicalLocation(locations, location.archive, 0, 0), ...logical };
  return logical;
}

function suppression(locations: ArtifactLocations, accepted: Suppression): SarifSuppression {
  const properties: SarifSuppression['properties'] = { kind: accepted.kind };
  if (accepted.until !== undefined) properties.until = accepted.until;
  return {
    // A comment or annotation lives in the scanned file; the config file is outside it.
    kind: accepted.kind === 'config' ? 'external' : 'inSource',
    status: 'accepted',
    justification: accepted.justification,
    location: sourceLocation(locations, accepted.at),
    properties,
  };
}

function placeOf(finding: Finding): string {
  return isSourceLocation(finding.location)
    ? finding.location.path
    : `${originOf(finding.location)}\u0000${finding.location.object}`;
}

/**
 * Findings and suppressed findings in one list ordered by place. Fingerprints number identical findings
 * in list order, so for findings not fingerprinted yet, ordering by place (not by suppression state) keeps
 * a finding's fingerprint when it is suppressed or the suppression expires: code-scanning services then
 * see the same alert change state.
 */
function reportOrder(result: ScanResult): readonly Finding[] {
  if (result.suppressed.length === 0) return result.findings;
  const line = (f: Finding): number => (isSourceLocation(f.location) ? f.location.line : 0);
  const column = (f: Finding): number => (isSourceLocation(f.location) ? f.location.column : 0);
  return [...result.findings, ...result.suppressed].sort((a, b) => {
    const pa = placeOf(a);
    const pb = placeOf(b);
    if (pa !== pb) return pa < pb ? -1 : 1;
    return line(a) - line(b) || column(a) - column(b);
  });
}

function resultMessage(finding: Finding): Message {
  return {
    text:
      finding.evidence === undefined ? finding.message : `${finding.message}\nEvidence: ${finding.evidence}`,
  };
}

function staleNotification(locations: ArtifactLocations, stale: StaleSuppression): Notification {
  const why =
    stale.expired === undefined
      ? 'matched no finding'
      : `expired on ${stale.expired}; its findings are reported again`;
  return {
    level: 'warning',
    message: {
      text: `Stale suppression (${stale.kind}) of ${stale.ruleIds.join(', ')} ${why}: ${stale.justification}`,
    },
    locations: [sourceLocation(locations, stale.at)],
  };
}

function errorNotification(
  locations: ArtifactLocations,
  error: ScanError,
  ruleIndex: ReadonlyMap<string, number>,
): Notification {
  const notification: Notification = {
    level: 'error',
    message: { text: error.message },
    locations: [physicalLocation(locations, error.path, error.line, error.column)],
  };
  if (error.ruleId !== undefined) {
    const index = ruleIndex.get(error.ruleId);
    notification.associatedRule = index === undefined ? { id: error.ruleId } : { id: error.ruleId, index };
  }
  return notification;
}

/** `cwd` is where relative paths in the report start; the CLI's working directory unless a test says. */
export function renderSarif(result: ScanResult, options: RenderOptions, cwd: string = process.cwd()): string {
  const rules = catalogue(options.rules).map(descriptor);
  const ruleIndex = new Map<string, number>(rules.map((rule, index) => [rule.id, index]));
  const emitted = reportOrder(result);
  for (const finding of emitted) {
    if (ruleIndex.has(finding.ruleId)) continue;
    ruleIndex.set(finding.ruleId, rules.length);
    rules.push(descriptorFromFinding(finding));
  }

  const locations = new ArtifactLocations(cwd);
  const fingerprintOf = result.fingerprints;
  const results = emitted.map((finding): SarifResult => {
    const sarif: SarifResult = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId)!,
      level: LEVEL[finding.severity],
      message: resultMessage(finding),
      locations: [findingLocation(locations, finding)],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprintOf.get(finding)! },
      properties: { severity: finding.severity },
    };
    if (finding.suppression !== undefined) sarif.suppressions = [suppression(locations, finding.suppression)];
    // With a baseline, `findings` holds only what the baseline did not have.
    else if (result.baseline !== undefined) sarif.baselineState = 'new';
    return sarif;
  });

  const notifications: Notification[] = [
    ...result.errors.map((error) => errorNotification(locations, error, ruleIndex)),
    ...result.staleSuppressions.map((stale) => staleNotification(locations, stale)),
  ];
  // The same test as exit code 2: a run that read no input analysed nothing, so an empty result list
  // must not read as "clean". Some unreadable files among readable ones are errors, not a failed run.
  const readNothing = result.filesScanned === 0 || result.filesUnreadable === result.filesScanned;
  if (readNothing && result.errors.length === 0)
    notifications.push({ level: 'error', message: { text: 'no input file was found to scan' } });

  const log = {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [{ executionSuccessful: !readNothing, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(cwd) } },
        // Columns are JavaScript string offsets in every source.
        columnKind: 'utf16CodeUnits',
        results: [],
      },
    ],
  };
  return `${withResults(JSON.stringify(log, null, 2), results)}\n`;
}

/**
 * The log indented for reading, but one compact result per line, as in the JSON report: indenting 30,000
 * results would make most of the file whitespace. `results` is the run's last key, so its empty list is
 * the last `"results": []` in the text (inside strings, quotes are escaped).
 */
function withResults(indented: string, results: readonly SarifResult[]): string {
  if (results.length === 0) return indented;
  const at = indented.lastIndexOf('"results": []');
  const list = `"results": [\n        ${results.map((result) => JSON.stringify(result)).join(',\n        ')}\n      ]`;
  return indented.slice(0, at) + list + indented.slice(at + '"results": []'.length);
}

/** SARIF requires a base URI to end with a slash, or the last segment is dropped when resolving. */
function directoryUri(path: string): string {
  const href = pathToFileURL(path).href;
  return href.endsWith('/') ? href : `${href}/`;
}
