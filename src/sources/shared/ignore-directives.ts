// Finds `# dt10-ignore RULE[, RULE…]: reason` and `# dt10-ignore-file RULE: reason` comments in any file
// whose comments start with `#` (Dockerfiles, YAML, shell scripts, Makefiles), and parses the same
// `RULE: reason` text of a Kubernetes `dt10.io/ignore` annotation.
import type { DirectiveProblem, IgnoreDirective } from '../../core/directive.js';
import type { SourceLocation } from '../../core/location.js';

export interface IgnoreDirectives {
  directives: IgnoreDirective[];
  problems: DirectiveProblem[];
}

const EVERY_LINE = Number.MAX_SAFE_INTEGER;
const RULE_OR_CATEGORY = /^D(0[1-9]|10)(\.[a-z0-9][a-z0-9-]*)?$/;
/** `#` opening a comment (at the start or after whitespace), then the directive word. */
const COMMENT_DIRECTIVE = /(?:^|\s)#\s*dt10-ignore(-file)?(?=[\s:]|$)(.*)$/;

export type ParsedIgnore = { ruleIds: string[]; justification: string } | { problem: string };

/** `D04.privileged, D03.host-network: reason` → rule ids and the reason; a reason is required. */
export function parseIgnoreBody(body: string, name = 'dt10-ignore'): ParsedIgnore {
  const colon = body.indexOf(':');
  const usage = `write it as "${name === 'dt10-ignore' ? 'dt10-ignore ' : `${name}: `}D04.privileged: the reason this risk is accepted"`;
  if (colon < 0) return { problem: `${name} needs a rule id and a reason after a colon; ${usage}` };
  const ruleIds = body
    .slice(0, colon)
    .split(/[\s,]+/)
    .filter((id) => id !== '');
  const justification = body.slice(colon + 1).trim();
  if (ruleIds.length === 0) return { problem: `${name} names no rule; ${usage}` };
  const malformed = ruleIds.find((id) => !RULE_OR_CATEGORY.test(id));
  if (malformed !== undefined)
    return { problem: `${name}: "${malformed}" is not a rule id (D04.privileged) or a category (D04)` };
  if (justification === '') return { problem: `${name} ${ruleIds.join(', ')} has no reason; ${usage}` };
  return { ruleIds, justification };
}

function isCommentOrBlank(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed === '' || trimmed.startsWith('#');
}

/**
 * The lines a comment directive covers: its own line when it trails code, else the next line of code
 * below it (other comments skipped) with its `\` continuation lines, so a comment above a multi-line
 * RUN covers all of it.
 */
function coveredLines(
  lines: readonly string[],
  index: number,
  ownLine: boolean,
): { from: number; to: number } {
  if (!ownLine) return { from: index + 1, to: index + 1 };
  let target = index + 1;
  while (target < lines.length && isCommentOrBlank(lines[target]!)) target++;
  if (target >= lines.length) return { from: index + 1, to: index + 1 };
  let end = target;
  while (end + 1 < lines.length && /\\\s*$/.test(lines[end]!)) end++;
  return { from: target + 1, to: end + 1 };
}

export function findIgnoreComments(text: string, path: string): IgnoreDirectives {
  const result: IgnoreDirectives = { directives: [], problems: [] };
  // Nearly every file has none: skip the line split for them.
  if (!text.includes('dt10-ignore')) return result;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const match = COMMENT_DIRECTIVE.exec(line);
    if (!match) return;
    const column = line.indexOf('#', match.index) + 1;
    const at: SourceLocation = { path, line: index + 1, column };
    const parsed = parseIgnoreBody(match[2]!);
    if ('problem' in parsed) {
      result.problems.push({ at, message: parsed.problem });
      return;
    }
    const fileWide = match[1] !== undefined;
    const ownLine = line.slice(0, column - 1).trim() === '';
    result.directives.push({
      kind: fileWide ? 'file' : 'inline',
      ...parsed,
      at,
      lines: fileWide ? { from: 1, to: EVERY_LINE } : coveredLines(lines, index, ownLine),
    });
  });
  return result;
}

/** `dt10.io/ignore`: one `RULE: reason` per line (or separated by `;`), covering the object's lines. */
export function parseIgnoreAnnotation(
  value: string,
  at: SourceLocation,
  lines: { from: number; to: number },
): IgnoreDirectives {
  const result: IgnoreDirectives = { directives: [], problems: [] };
  for (const entry of value.split(/[\n;]/)) {
    if (entry.trim() === '') continue;
    const parsed = parseIgnoreBody(entry, 'dt10.io/ignore');
    if ('problem' in parsed) result.problems.push({ at, message: parsed.problem });
    else result.directives.push({ kind: 'annotation', ...parsed, at, lines });
  }
  return result;
}

export const END_OF_FILE = EVERY_LINE;
