// Fixes of Dockerfiles and Containerfiles, text in → text out, as line edits: dockerfile-ast gives each
// instruction's exact range (escape directive, continuations, heredocs), the Dockerfile source gives the
// meaning (stages, users, sources), and everything outside an edit — comments, case, line breaks — stays.
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { BuildCopy, BuildSpec } from '../subjects/build-spec.js';
import { DockerfileError, loadDockerfile } from '../sources/dockerfile/load.js';
import { lineOffsets } from '../sources/dockerfile/instruction-text.js';
import { effectiveUser } from '../rules/shared/build.js';
import { isRootUser } from '../rules/shared/workload.js';
import { createdAccounts } from './dockerfile-accounts.js';
import { userTool } from './dockerfile-base.js';
import { applyEdits, CannotFix, type Edit } from './edit.js';
import type { AppliedFix, FixRequest, SkippedFix, TextFixer, TextFixResult } from './types.js';
// Archives ADD unpacks and the remote sources it fetches, as the rule tells them apart.
import { REMOTE, TAR_ARCHIVE } from '../rules/d04-hardening/add-instead-of-copy.js';

export const DOCKERFILE_FIXES: readonly string[] = ['D04.add-instead-of-copy', 'D01.image-root-user'];

/** ADD flags that mean the same on COPY; the others (`--checksum`, `--keep-git-dir`, `--unpack`) do not exist there. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude']);

/** One parse of the text: the source's model and the parser's instructions with their offsets. */
interface Parsed {
  text: string;
  spec: BuildSpec;
  instructions: Instruction[];
  /** `[start, end)` of an instruction, `end` after its last character (heredoc terminator included). */
  span(instruction: Instruction): [number, number];
  /** The keyword as written (`add`, `Run`). */
  keyword(instruction: Instruction): string;
}

function parse(text: string): Parsed {
  let spec: BuildSpec;
  try {
    spec = loadDockerfile(text, 'Dockerfile');
  } catch (error) {
    if (error instanceof DockerfileError)
      throw new CannotFix(`the Dockerfile does not parse: ${error.message}`);
    throw error;
  }
  const offsets = lineOffsets(text);
  const offsetOf = (position: { line: number; character: number }): number =>
    (offsets[position.line] ?? text.length) + position.character;
  const instructions = DockerfileParser.parse(text).getInstructions();
  return {
    text,
    spec,
    instructions,
    span: (instruction) => [offsetOf(instruction.getRange().start), offsetOf(instruction.getRange().end)],
    keyword: (instruction) => {
      const range = instruction.getInstructionRange();
      return text.slice(offsetOf(range.start), offsetOf(range.end));
    },
  };
}

/** `word` in the case the file writes `sample` in: `copy` for `add`, `COPY` for `ADD`, `Copy` for `Add`. */
function caseLike(sample: string, word: string): string {
  if (sample === sample.toLowerCase()) return word.toLowerCase();
  if (sample === sample.toUpperCase()) return word.toUpperCase();
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

const lineOf = (instruction: Instruction): number => instruction.getRange().start.line + 1;

function addToCopy(parsed: Parsed, line: number): Edit {
  const { spec } = parsed;
  let copy: BuildCopy | undefined;
  let flags: Record<string, string | null> = {};
  for (const stage of spec.stages) {
    const found = stage.copies.find((c) => c.keyword === 'ADD' && c.at.line === line);
    if (!found) continue;
    copy = found;
    flags = stage.instructions.find((i) => i.keyword === 'ADD' && i.at.line === line)?.flags ?? {};
  }
  const instruction = parsed.instructions.find((i) => lineOf(i) === line && i.getKeyword() === 'ADD');
  if (!copy || !instruction) throw new CannotFix('no ADD instruction starts on this line');
  const foreign = Object.keys(flags).filter((flag) => !COPY_FLAGS.has(flag));
  if (foreign.length > 0)
    throw new CannotFix(`COPY has no ${foreign.map((flag) => `--${flag}`).join(', ')}: change it by hand`);
  const kept = copy.heredoc ? [] : copy.sources.filter((s) => REMOTE.test(s) || TAR_ARCHIVE.test(s));
  if (kept.length > 0)
    throw new CannotFix(
      `ADD also fetches or unpacks ${kept.join(', ')}: split it into a COPY and an ADD by hand`,
    );
  const [start] = parsed.span(instruction);
  const written = parsed.keyword(instruction);
  return { at: start, end: start + written.length, text: caseLike(written, 'COPY') };
}

/** The line break of the line holding `offset`, or the file's own when that line has none. */
function eolAt(text: string, offset: number): string {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.includes('\r\n') ? '\r\n' : '\n';
  return text.charAt(newline - 1) === '\r' ? '\r\n' : '\n';
}

function indentAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/** The commands that create group and user `name` with `uid` as both ids. */
function createUser(tool: 'busybox' | 'shadow', uid: number, name: string): string {
  // BusyBox: -D no password, -H no home. shadow: -l keeps a large UID out of the sparse lastlog file.
  return tool === 'busybox'
    ? `addgroup -g ${uid} ${name} && adduser -D -H -u ${uid} -G ${name} ${name}`
    : `groupadd -g ${uid} ${name} && useradd -l -u ${uid} -g ${uid} -M -s /usr/sbin/nologin ${name}`;
}

/** What the final stage switches to, and the RUN that creates that user when the build does not. */
function chooseUser(spec: BuildSpec, uid: number): { user: string; create?: string } {
  const tool = userTool(spec);
  if (tool === 'windows')
    throw new CannotFix('a Windows base image takes an account name as USER: set it by hand');
  const accounts = createdAccounts(spec, tool);
  // An account the Dockerfile already creates with a known UID is the one it meant to run as.
  const existing = accounts.users.filter((user) => user.uid !== undefined && user.uid !== 0).at(-1);
  if (existing)
    return { user: existing.gid === undefined ? `${existing.uid}` : `${existing.uid}:${existing.gid}` };
  if (!Number.isInteger(uid) || uid <= 0)
    throw new CannotFix(`the configured UID ${uid} is not a non-root UID`);
  if (tool === 'none') return { user: `${uid}:${uid}` };
  const taken = new Set([...accounts.users.map((user) => user.name), ...accounts.groups.keys()]);
  return { user: `${uid}:${uid}`, create: createUser(tool, uid, taken.has('app') ? `app${uid}` : 'app') };
}

/**
 * The final stage runs as a non-root numeric user. Its last `USER root` is replaced when nothing after it
 * needs root (a RUN) and, if a user must be created, root is in effect before it to run `useradd`;
 * otherwise the user is set at the end of the stage, where root (the finding) is in effect.
 */
function nonRootUser(parsed: Parsed, uid: number): Edit[] {
  const { spec, text } = parsed;
  const stage = spec.stages[spec.finalStage];
  const current = effectiveUser(spec, spec.finalStage);
  if (!stage || (current && !isRootUser(current.value))) return [];
  const fromIndex = parsed.instructions.findLastIndex((i) => i.getKeyword() === 'FROM');
  const final = parsed.instructions.slice(fromIndex);
  const last = final.at(-1);
  if (fromIndex === -1 || !last) throw new CannotFix('no final stage');
  const { user, create } = chooseUser(spec, uid);
  const userIndex = final.findLastIndex((i) => i.getKeyword() === 'USER');
  const lastUser = final[userIndex];
  if (lastUser && stage.user && isRootUser(stage.user.value)) {
    const runAfter = final.slice(userIndex + 1).some((i) => i.getKeyword() === 'RUN');
    const users = stage.instructions.filter((i) => i.keyword === 'USER');
    const before =
      users.length > 1
        ? users.at(-2)?.text
        : stage.base.kind === 'stage'
          ? effectiveUser(spec, stage.base.stageIndex)?.value
          : undefined;
    if (!runAfter && (create === undefined || before === undefined || isRootUser(before))) {
      const [start, end] = parsed.span(lastUser);
      const written = parsed.keyword(lastUser);
      if (create === undefined) {
        const argumentsAt =
          start + written.length + (/^[ \t]*/.exec(text.slice(start + written.length))?.[0].length ?? 0);
        return [{ at: argumentsAt, end, text: user }];
      }
      const eol = eolAt(text, end);
      return [
        {
          at: start,
          end,
          text: `${caseLike(written, 'RUN')} ${create}${eol}${indentAt(text, start)}${written} ${user}`,
        },
      ];
    }
  }
  return [
    appendToStage(parsed, final, [
      ...(create === undefined ? [] : [['RUN', create] as const]),
      ['USER', user] as const,
    ]),
  ];
}

/** The offset where the comment lines directly above `offset`'s line begin (no blank line between). */
function commentsAbove(text: string, offset: number, floor: number): number {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  while (start > floor) {
    const previous = text.lastIndexOf('\n', start - 2) + 1;
    if (previous < floor || !text.slice(previous, start).trimStart().startsWith('#')) break;
    start = previous;
  }
  return start;
}

/**
 * New instructions at the end of the final stage: before its closing CMD / ENTRYPOINT (and their comments),
 * where readers look for USER, else after its last instruction. The file's last line keeps its line break
 * or its lack of one; trailing comments and blank lines stay last.
 */
function appendToStage(
  parsed: Parsed,
  final: readonly Instruction[],
  lines: readonly (readonly [keyword: string, text: string])[],
): Edit {
  const { text } = parsed;
  let first = final.length;
  while (first > 1 && ['CMD', 'ENTRYPOINT'].includes(final[first - 1]!.getKeyword())) first--;
  const sample = parsed.keyword(final[0]!);
  const written = lines.map(([keyword, rest]) => `${caseLike(sample, keyword)} ${rest}`);
  const closing = final[first];
  if (closing) {
    const [start] = parsed.span(closing);
    const at = commentsAbove(text, start, parsed.span(final[first - 1]!)[1]);
    const indent = indentAt(text, start);
    const eol = eolAt(text, start);
    return { at, end: at, text: written.map((line) => indent + line + eol).join('') };
  }
  const [lastStart, lastEnd] = parsed.span(final.at(-1)!);
  const indent = indentAt(text, lastStart);
  const eol = eolAt(text, lastEnd);
  const newline = text.indexOf('\n', lastEnd);
  if (newline === -1)
    return { at: text.length, end: text.length, text: written.map((line) => eol + indent + line).join('') };
  return { at: newline + 1, end: newline + 1, text: written.map((line) => indent + line + eol).join('') };
}

function stageName(spec: BuildSpec): string {
  const name = spec.stages[spec.finalStage]?.name;
  return name === undefined ? 'the final stage' : `final stage "${name}"`;
}

/**
 * Fixes a Dockerfile's findings: each ADD of local files becomes COPY, then the final stage gets a non-root
 * USER (once, however many findings ask). Each fix parses the text again, so they compose.
 */
export const fixDockerfile: TextFixer = (text, requests, options): TextFixResult => {
  const applied: AppliedFix[] = [];
  const skipped: SkippedFix[] = [];
  const chosen: FixRequest[] = [];
  for (const request of requests) {
    if (!DOCKERFILE_FIXES.includes(request.ruleId))
      skipped.push({ ...pick(request), reason: `no Dockerfile fix for ${request.ruleId}` });
    else if (options.rules.includes(request.ruleId)) chosen.push(request);
  }
  const adds = chosen.filter((r) => r.ruleId === 'D04.add-instead-of-copy');
  const user = chosen.find((r) => r.ruleId === 'D01.image-root-user');
  let current = text;
  const attempt = (request: FixRequest, fix: (parsed: Parsed) => { edits: Edit[]; target: string }): void => {
    try {
      const { edits, target } = fix(parse(current));
      if (edits.length === 0) return;
      current = applyEdits(current, edits);
      applied.push({ ruleId: request.ruleId, target });
    } catch (error) {
      if (!(error instanceof CannotFix)) throw error;
      skipped.push({ ...pick(request), reason: error.message });
    }
  };
  for (const request of adds)
    attempt(request, (parsed) => ({
      edits: [addToCopy(parsed, request.line)],
      target: `ADD on line ${request.line}`,
    }));
  if (user)
    attempt(user, (parsed) => ({
      edits: nonRootUser(parsed, options.values.uid),
      target: stageName(parsed.spec),
    }));
  return { text: current, applied, skipped };
};

const pick = (request: FixRequest): { ruleId: string; line: number } => ({
  ruleId: request.ruleId,
  line: request.line,
});
