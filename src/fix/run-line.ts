// Fixes of `docker run` / `docker create` / `podman run|create` command lines in shell scripts, Makefile
// recipes, Markdown shell blocks and CI YAML strings, text in → text out. A finding is mapped to the command
// whose lines hold it; the fixes of one command are planned against the text as read and made as one set
// of edits: the flags they add in one insertion after `run`/`create` (continuation lines, quotes, comments
// and the image stay as written), options removed, values replaced in place.
import { LineIndex } from '../sources/docker-run/line-index.js';
import type { RunOption } from '../sources/docker-run/run-command.js';
import { applyEdits, CannotFix, type Edit } from './edit.js';
import { type FoundRunCommand, findRunCommands, type RunLineFileKind } from './run-line-commands.js';
import { checkQuoting, insertionPoint, optionSpan, removals, replaceValue } from './run-line-edits.js';
import { commandOf, planChange, RUN_LINE_RULES, type RunLineRule } from './run-line-plan.js';
import type { AppliedFix, FixOptions, FixRequest, SkippedFix, TextFixer, TextFixResult } from './types.js';

export type { RunLineFileKind } from './run-line-commands.js';

export const RUN_LINE_FIXES: readonly string[] = RUN_LINE_RULES;

const isRunLineRule = (ruleId: string): ruleId is RunLineRule => RUN_LINE_FIXES.includes(ruleId);

/** A command and where it is in the file: from its engine word to its last word, inclusive. */
interface Placed {
  command: FoundRunCommand;
  first: number;
  last: number;
  firstLine: number;
  lastLine: number;
  /** `docker run on line 9`. */
  name: string;
}

function place(command: FoundRunCommand, index: LineIndex): Placed {
  const { run, words, toFile } = command;
  const first = toFile(run.at);
  const last = toFile(words.at(-1)!.start);
  const firstLine = index.location(first).line;
  return {
    command,
    first,
    last,
    firstLine,
    lastLine: index.location(last).line,
    name: `${run.engine} ${run.subcommand} on line ${firstLine}`,
  };
}

/** The commands a finding belongs to: those on its line, narrowed by its column when it has one. */
function holding(placed: readonly Placed[], request: FixRequest, index: LineIndex): Placed[] {
  const onLine = placed.filter((p) => p.firstLine <= request.line && request.line <= p.lastLine);
  if (onLine.length < 2 || request.column === undefined) return onLine;
  const offset = index.offset(request.line, request.column);
  const around = onLine.filter((p) => p.first <= offset && offset <= p.last);
  // Of nested commands (`$(docker create …)` in an argument) the innermost.
  const innermost = around.sort((a, b) => a.last - a.first - (b.last - b.first))[0];
  return innermost ? [innermost] : onLine;
}

function flagOf(option: RunOption): string {
  return option.name.length === 1 ? `-${option.name}` : `--${option.name}`;
}

interface CommandResult {
  edits: Edit[];
  applied: AppliedFix[];
  skipped: SkippedFix[];
}

/**
 * The edits of the fixes of one command. Each rule's change is checked on its own (a rule that cannot be
 * fixed is skipped, the others go ahead); the flags they add are joined into one insertion, in the order
 * of RUN_LINE_RULES.
 */
function fixCommand(
  placed: Placed,
  rules: ReadonlyMap<RunLineRule, { line: number; implied: boolean }>,
  file: string,
  options: FixOptions,
): CommandResult {
  const { command, name } = placed;
  const readable = commandOf(command.run);
  const result: CommandResult = { edits: [], applied: [], skipped: [] };
  const added: string[] = [];
  const spans: [number, number][] = [];
  let insertAt: number | undefined;
  let privilegedFixed = false;
  for (const rule of RUN_LINE_RULES) {
    const request = rules.get(rule);
    if (!request) continue;
    // Dropping capabilities goes with removing privileged mode, not with leaving it.
    if (request.implied && !privilegedFixed) continue;
    try {
      const change = planChange(rule, readable, options.values);
      const removed = change.remove ?? [];
      const replaced = change.replace ?? [];
      const changed = removed.length + replaced.length + (change.add?.length ?? 0) > 0;
      if (change.unfixed !== undefined)
        result.skipped.push({ ruleId: rule, line: request.line, reason: `${name}: ${change.unfixed}` });
      if (!changed) {
        if (!request.implied && change.unfixed === undefined)
          result.skipped.push({
            ruleId: rule,
            line: request.line,
            reason: `${name}: nothing to change, the command as written already satisfies the rule`,
          });
        continue;
      }
      const opaque = command.run.opaque;
      const touched = [...removed, ...replaced.map((r) => r.option)][0];
      if (touched && opaque.length > 0)
        throw new CannotFix(
          `${opaque.map((w) => w.text).join(' ')} may set ${flagOf(touched)} as well: fix it by hand`,
        );
      const edits = replaced.map(({ option, value }) => replaceValue(command, file, option, value));
      const ruleSpans = removed.map((option) => optionSpan(command, file, option));
      if (change.add?.length) {
        checkQuoting(command, change.add.join(' '));
        insertAt ??= insertionPoint(command, file);
        added.push(...change.add);
      }
      result.edits.push(...edits);
      spans.push(...ruleSpans);
      result.applied.push({ ruleId: rule, target: name });
      if (rule === 'D04.privileged') privilegedFixed = true;
    } catch (error) {
      if (!(error instanceof CannotFix)) throw error;
      result.skipped.push({ ruleId: rule, line: request.line, reason: `${name}: ${error.message}` });
    }
  }
  // Listed first: where a removal starts at the insertion point, the removal is made first.
  if (insertAt !== undefined)
    result.edits.unshift({ at: insertAt, end: insertAt, text: ` ${added.join(' ')}` });
  result.edits.push(...removals(file, spans, command.lineLead));
  return result;
}

function fixRunLines(
  text: string,
  kind: RunLineFileKind,
  requests: readonly FixRequest[],
  options: FixOptions,
): TextFixResult {
  const index = new LineIndex(text, '');
  const placed = findRunCommands(text, kind).map((command) => place(command, index));
  const skipped: SkippedFix[] = [];
  const planned = new Map<Placed, Map<RunLineRule, { line: number; implied: boolean }>>();
  for (const request of requests) {
    const { ruleId, line } = request;
    if (!isRunLineRule(ruleId)) {
      skipped.push({ ruleId, line, reason: 'this rule has no fix for docker run lines' });
      continue;
    }
    if (!options.rules.includes(ruleId)) continue;
    const targets = holding(placed, request, index);
    if (targets.length === 0)
      skipped.push({ ruleId, line, reason: 'no docker run / podman run command on this line' });
    for (const target of targets) {
      const rules = planned.get(target) ?? new Map<RunLineRule, { line: number; implied: boolean }>();
      if (!rules.get(ruleId) || rules.get(ruleId)!.implied) rules.set(ruleId, { line, implied: false });
      if (ruleId === 'D04.privileged' && options.rules.includes('D04.capabilities-not-dropped'))
        if (!rules.has('D04.capabilities-not-dropped'))
          rules.set('D04.capabilities-not-dropped', { line, implied: true });
      planned.set(target, rules);
    }
  }
  const edits: Edit[] = [];
  const applied: AppliedFix[] = [];
  for (const target of [...planned.keys()].sort((a, b) => a.first - b.first)) {
    const result = fixCommand(target, planned.get(target)!, text, options);
    edits.push(...result.edits);
    applied.push(...result.applied);
    skipped.push(...result.skipped);
  }
  return { text: applyEdits(text, edits), applied, skipped };
}

/** The fixer of the run lines of one kind of file. */
export function runLineFixer(kind: RunLineFileKind): TextFixer {
  return (text, requests, options) => fixRunLines(text, kind, requests, options);
}
