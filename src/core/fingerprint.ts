// A finding's fingerprint: the same finding gets the same fingerprint after lines are inserted above it,
// its file is re-indented or the scan runs elsewhere. Baselines and SARIF partialFingerprints use it.
import type { Finding } from './finding.js';
import { isEngineLocation, isSourceLocation } from './location.js';

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

/**
 * 128 bits of a fast non-cryptographic hash (cyrb128: four interleaved 32-bit multiply-xor lanes). A
 * fingerprint names a finding, it guards nothing; at 30,000 findings a SHA-256 per finding was a tenth of
 * the report's time, this is a fiftieth of it.
 */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex32(value: number): string {
  return (
    HEX[(value >>> 24) & 255]! + HEX[(value >>> 16) & 255]! + HEX[(value >>> 8) & 255]! + HEX[value & 255]!
  );
}

export function hash(text: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return hex32(h1) + hex32(h2) + hex32(h3) + hex32(h4);
}

/**
 * What identifies a finding apart from its line: the rule, the file (or engine object), what the message
 * says and the evidence. Messages name the service, stage or container, so two findings of one rule in
 * one file differ by their message unless they are the same problem twice.
 */
export function fingerprintKey(finding: Finding): string {
  const location = finding.location;
  const place = isSourceLocation(location)
    ? location.path.replace(/\\/g, '/')
    : `${isEngineLocation(location) ? location.engine : location.image.replace(/\\/g, '/')} ${location.object} ${location.field ?? ''}`;
  return [finding.ruleId, place, normalize(finding.message), normalize(finding.evidence ?? '')].join(
    '\u0000',
  );
}

/**
 * Fingerprints of a list of findings in report order. The same problem twice in one file (two identical
 * `ADD` lines) is told apart by its ordinal, so each copy has its own fingerprint and both survive moves.
 * The scan takes them once over all its findings, before suppressions and a baseline split the list
 * (`ScanResult.fingerprints`), so every report gives a finding the same one.
 */
export function fingerprints(findings: readonly Finding[]): Map<Finding, string> {
  // Counted by the first print rather than by the key: a Map hashes its string keys whole, and keys are
  // long (the message); the print is 32 characters and as unique.
  const seen = new Map<string, number>();
  const result = new Map<Finding, string>();
  for (const finding of findings) {
    const key = fingerprintKey(finding);
    const first = hash(key);
    const ordinal = seen.get(first) ?? 0;
    seen.set(first, ordinal + 1);
    result.set(finding, ordinal === 0 ? first : hash(`${key}\u0000${ordinal}`));
  }
  return result;
}
