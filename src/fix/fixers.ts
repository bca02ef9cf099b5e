// Which fixer fixes which kind of file, and the rules that have a fix. Sources know formats, so the file
// kind comes from the scan's own classification (by name, then by content as the scan does for a file
// named explicitly).
import { classifyByName, type FileKind } from '../scan/discover.js';
import { kindByContent } from '../scan/load-file.js';
import { OPT_IN_FIXES } from './catalogue.js';
import { DAEMON_JSON_FIXES, fixDaemonJson } from './daemon-json.js';
import { DOCKERFILE_FIXES, fixDockerfile } from './dockerfile.js';
import { RUN_LINE_FIXES, runLineFixer } from './run-line.js';
import type { FixOptions, FixRequest, TextFixResult } from './types.js';
import { findTargets } from './yaml/targets.js';
import { fixYaml, YAML_FIXES } from './yaml/fix-yaml.js';

/** Rules whose fix changes what a workload can reach: applied only when asked for with --opt-in. */
export const OPT_IN_RULES: readonly string[] = OPT_IN_FIXES;

/** Every rule with a fix in some format, sorted. */
export const FIXABLE_RULES: readonly string[] = [
  ...new Set([...YAML_FIXES, ...DOCKERFILE_FIXES, ...DAEMON_JSON_FIXES, ...RUN_LINE_FIXES]),
].sort();

export function isFixable(ruleId: string): boolean {
  return FIXABLE_RULES.includes(ruleId);
}

export type FixKind = 'yaml' | 'dockerfile' | 'daemon-json' | 'shell' | 'makefile' | 'markdown';

/** The fixer kind of a file, or undefined for one no fixer edits (dockerd flags, image archives). */
export function fixKindOf(path: string, text: string): FixKind | undefined {
  const kind: FileKind | undefined = classifyByName(path);
  switch (kind) {
    case 'compose':
    case 'yaml':
    case 'kubernetes':
      return 'yaml';
    case 'dockerfile':
    case 'daemon-json':
    case 'shell':
    case 'makefile':
    case 'markdown':
      return kind;
    case undefined:
    case 'auto':
      return kindByContent(text);
    default:
      return undefined;
  }
}

/** Fixes one file's findings with the fixer of its kind. */
export function fixFile(
  kind: FixKind,
  text: string,
  requests: readonly FixRequest[],
  options: FixOptions,
): TextFixResult {
  switch (kind) {
    case 'yaml':
      // YAML that is neither compose nor Kubernetes (a CI pipeline) has its findings on `docker run` lines.
      return hasFixTargets(text)
        ? fixYaml(text, requests, options)
        : runLineFixer('yaml')(text, requests, options);
    case 'shell':
    case 'makefile':
    case 'markdown':
      return runLineFixer(kind)(text, requests, options);
    case 'dockerfile':
      return fixDockerfile(text, requests, options);
    case 'daemon-json':
      return fixDaemonJson(text, requests, options);
  }
}

function hasFixTargets(text: string): boolean {
  try {
    return findTargets(text).length > 0;
  } catch {
    return true; // the YAML fixer reports why it cannot read the file
  }
}
