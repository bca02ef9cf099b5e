// A finding's fingerprint: the same finding gets the same fingerprint after lines are inserted above it,
// its file is re-indented or the scan runs elsewhere. Baselines and SARIF partialFingerprints use it.
import { hash as digest } from 'node:crypto';
import type { Finding } from './finding.js';
import { isSourceLocation } from './location.js';

/** Anything `normalize` would change: most messages have none, and testing is cheaper than rewriting. */
const NEEDS_NORMALIZING = /\s{2}|[\t\n\r\f\v]|^\s|\s$|\bline \d/;

/** Whitespace and line references change when a file is edited above the finding; the finding does not. */
function normalize(text: string): string {
  if (!NEEDS_NORMALIZING.test(text)) return text;
  return text
    .replace(/\bline \d+\b/g, 'line #')
    .replace(/\s+/g, ' ')
    .trim();
}

function hash(text: string): string {
  return digest('sha256', text, 'hex').slice(0, 32);
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

const assigned = new WeakMap<Finding, { print: string; key: string; ordinal: number }>();

/**
 * Fingerprints of a list of findings in report order. The same problem twice in one file (two identical
 * `ADD` lines) is told apart by its ordinal, so each copy has its own fingerprint and both survive moves.
 * The scan fingerprints all its findings once, before suppressions split them; a finding keeps that
 * fingerprint in whichever list a reporter later passes here, and a copy not seen before numbers after it.
 */
export function fingerprints(findings: readonly Finding[]): Map<Finding, string> {
  const next = new Map<string, number>();
  const result = new Map<Finding, string>();
  const fresh: { finding: Finding; key: string }[] = [];
  for (const finding of findings) {
    const known = assigned.get(finding);
    if (known) {
      result.set(finding, known.print);
      next.set(known.key, Math.max(next.get(known.key) ?? 0, known.ordinal + 1));
    } else fresh.push({ finding, key: fingerprintKey(finding) });
  }
  for (const { finding, key } of fresh) {
    const ordinal = next.get(key) ?? 0;
    next.set(key, ordinal + 1);
    const print = hash(`${key}\u0000${ordinal}`);
    assigned.set(finding, { print, key, ordinal });
    result.set(finding, print);
  }
  return result;
}
