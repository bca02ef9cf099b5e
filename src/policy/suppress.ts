// Applies the suppressions users wrote — `# dt10-ignore` comments, `dt10.io/ignore` annotations and the
// config file's `ignore:` entries — to a scan's findings. Nothing is dropped: a suppressed finding moves to
// its own list with the reason, and a suppression that hides nothing (or has expired) is reported as stale.
import ignore, { type Ignore } from 'ignore';
import { dayOf } from '../config/days.js';
import { pathInside } from '../config/paths.js';
import type { ConfigIgnore as ConfigIgnoreEntry } from '../config/types.js';
import type { IgnoreDirective } from '../core/directive.js';
import type { Finding, ScanError, StaleSuppression, Suppression } from '../core/finding.js';
import { isImageLocation, isSourceLocation, type Location } from '../core/location.js';

/** The scanned file a finding is in: its source file, or the image archive. Engine objects have none. */
function filePathOf(location: Location): string | undefined {
  if (isSourceLocation(location)) return location.path;
  return isImageLocation(location) ? location.archive : undefined;
}

/** A config file `ignore:` entry, with the directory its `path` glob is relative to. */
export interface ConfigIgnore extends ConfigIgnoreEntry {
  /** The config file's directory. */
  baseDirectory: string;
}

export interface SuppressionSources {
  directives: readonly IgnoreDirective[];
  configIgnores: readonly ConfigIgnore[];
  /** Every rule id the scan knows, so a misspelt id is an error rather than a suppression that never works. */
  ruleIds: ReadonlySet<string>;
  now: Date;
  /** Relative finding paths are relative to this directory. */
  cwd: string;
}

export interface SuppressionOutcome {
  active: Finding[];
  suppressed: Finding[];
  stale: StaleSuppression[];
  errors: ScanError[];
}

interface Candidate {
  suppression: Suppression;
  ruleIds: readonly string[];
  used: boolean;
  stale: StaleSuppression;
}

const PRECEDENCE: Record<Suppression['kind'], number> = { inline: 0, annotation: 1, file: 2, config: 3 };

function matchesRule(ruleIds: readonly string[], finding: Finding): boolean {
  return ruleIds.some((id) => id === finding.ruleId || id === finding.category);
}

class PathGlob {
  private readonly matcher: Ignore;

  constructor(
    glob: string,
    private readonly baseDirectory: string,
    private readonly cwd: string,
  ) {
    this.matcher = ignore().add(glob);
  }

  matches(path: string): boolean {
    const within = pathInside(this.baseDirectory, this.cwd, path);
    return within !== undefined && this.matcher.ignores(within);
  }
}

function unknownRules(ruleIds: readonly string[], known: ReadonlySet<string>): string[] {
  return ruleIds.filter((id) => id.includes('.') && !known.has(id));
}

export function applySuppressions(
  findings: readonly Finding[],
  sources: SuppressionSources,
): SuppressionOutcome {
  const outcome: SuppressionOutcome = { active: [], suppressed: [], stale: [], errors: [] };
  if (sources.directives.length === 0 && sources.configIgnores.length === 0) {
    outcome.active = [...findings];
    return outcome;
  }
  const byPath = new Map<string, { directive: IgnoreDirective; candidate: Candidate }[]>();
  const candidates: Candidate[] = [];
  for (const directive of sources.directives) {
    const unknown = unknownRules(directive.ruleIds, sources.ruleIds);
    if (unknown.length > 0) {
      outcome.errors.push({
        ...directive.at,
        message: `${directive.kind === 'annotation' ? 'dt10.io/ignore' : 'dt10-ignore'} names no known rule: ${unknown.join(', ')} (see \`dt10 rules\`)`,
      });
      continue;
    }
    const suppression: Suppression = {
      kind: directive.kind,
      justification: directive.justification,
      at: directive.at,
    };
    const stale: StaleSuppression = {
      kind: directive.kind,
      ruleIds: directive.ruleIds,
      justification: directive.justification,
      at: directive.at,
    };
    const candidate: Candidate = { suppression, ruleIds: directive.ruleIds, used: false, stale };
    candidates.push(candidate);
    const list = byPath.get(directive.at.path) ?? [];
    list.push({ directive, candidate });
    byPath.set(directive.at.path, list);
  }
  const configured: { glob?: PathGlob; candidate: Candidate }[] = [];
  for (const entry of sources.configIgnores) {
    const suppression: Suppression = { kind: 'config', justification: entry.reason, at: entry.at };
    if (entry.until !== undefined) suppression.until = entry.until;
    const stale: StaleSuppression = {
      kind: 'config',
      ruleIds: [entry.rule],
      justification: entry.reason,
      at: entry.at,
    };
    const candidate: Candidate = { suppression, ruleIds: [entry.rule], used: false, stale };
    // An entry applies through its `until` day (UTC) and no longer from the day after.
    if (entry.until !== undefined && dayOf(sources.now) > entry.until) {
      // Expired: its findings come back, and the report says why they did.
      outcome.stale.push({ ...stale, expired: entry.until });
      continue;
    }
    candidates.push(candidate);
    configured.push({
      ...(entry.path !== undefined
        ? { glob: new PathGlob(entry.path, entry.baseDirectory, sources.cwd) }
        : {}),
      candidate,
    });
  }
  for (const finding of findings) {
    let best: Candidate | undefined;
    const location = finding.location;
    if (isSourceLocation(location)) {
      for (const { directive, candidate } of byPath.get(location.path) ?? []) {
        if (location.line < directive.lines.from || location.line > directive.lines.to) continue;
        if (!matchesRule(candidate.ruleIds, finding)) continue;
        if (!best || PRECEDENCE[candidate.suppression.kind] < PRECEDENCE[best.suppression.kind])
          best = candidate;
      }
    }
    if (!best) {
      for (const { glob, candidate } of configured) {
        if (!matchesRule(candidate.ruleIds, finding)) continue;
        if (glob) {
          const path = filePathOf(location);
          if (path === undefined || !glob.matches(path)) continue;
        }
        best = candidate;
        break;
      }
    }
    if (!best) {
      outcome.active.push(finding);
      continue;
    }
    best.used = true;
    // Mutated, not copied: the finding keeps the fingerprint the scan gave it.
    finding.suppression = best.suppression;
    outcome.suppressed.push(finding);
  }
  for (const candidate of candidates) if (!candidate.used) outcome.stale.push(candidate.stale);
  return outcome;
}
