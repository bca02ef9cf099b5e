// A finding's fingerprint: the same finding gets the same fingerprint after lines are inserted above it,
// its file is re-indented or the scan runs elsewhere. Baselines and SARIF partialFingerprints use it.
import { createHash } from 'node:crypto';
import type { Finding } from './finding.js';
import { isSourceLocation } from './location.js';

/** Whitespace and line references change when a file is edited above the finding; the finding does not. */
function normalize(text: string): string {
  return text
    .replace(/\bline \d+\b/g, 'line #')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What identifies a finding apart from its line: the rule, the file (or engine object), what the message
 * says and the evidence. Messages name the service, stage or container, so two findings of one rule in
 * one file differ by their message unless they are the same problem twice.
 */
export function fingerprintKey(finding: Finding): string {
  const place = isSourceLocation(finding.location)
    ? finding.location.path.replace(/\\/g, '/')
    : `${finding.location.engine} ${finding.location.object}`;
  return [finding.ruleId, place, normalize(finding.message), normalize(finding.evidence ?? '')].join(
    '\u0000',
  );
}

const assigned = new WeakMap<Finding, string>();

/**
 * Fingerprints of a list of findings in report order. The same problem twice in one file (two identical
 * `ADD` lines) is told apart by its ordinal, so each copy has its own fingerprint and both survive moves.
 * The scan fingerprints all its findings once, before suppressions split them; a finding keeps that
 * fingerprint in whichever list a reporter later passes here.
 */
export function fingerprints(findings: readonly Finding[]): Map<Finding, string> {
  const seen = new Map<string, number>();
  const result = new Map<Finding, string>();
  for (const finding of findings) {
    const known = assigned.get(finding);
    if (known !== undefined) {
      result.set(finding, known);
      continue;
    }
    const key = fingerprintKey(finding);
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    const hash = createHash('sha256').update(key).update(`\u0000${ordinal}`).digest('hex').slice(0, 32);
    assigned.set(finding, hash);
    result.set(finding, hash);
  }
  return result;
}
