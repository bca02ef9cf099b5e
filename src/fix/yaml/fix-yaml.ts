// Fixes of compose services and Kubernetes workloads, text in → text out. A finding is mapped to the
// narrowest service, container or pod spec whose lines hold it; each fix step then re-parses the text,
// finds that node again by its path and splices its edits in, so several fixes of one node meet.
import { isMap, type YAMLMap } from 'yaml';
import { applyEdits, CannotFix, editContext } from '../edit.js';
import type { AppliedFix, FixOptions, FixRequest, SkippedFix, TextFixResult } from '../types.js';
import { composeSteps, type Step } from './compose.js';
import { containerSteps, podSteps } from './kubernetes.js';
import { findTargets, type FixTarget, parseYaml, targetAt } from './targets.js';

/** Rules with a YAML fix, in the order fixes are applied to one target. */
export const YAML_FIXES = [
  'D04.privileged',
  'D04.capabilities-not-dropped',
  'D04.no-new-privileges',
  'D04.seccomp-disabled',
  'D01.workload-root-user',
  'D09.writable-rootfs',
  'D07.no-memory-limit',
  'D07.no-cpu-limit',
  'D07.no-pids-limit',
  'D03.port-all-interfaces',
  'D10.log-rotation-missing',
  'D06.service-account-token',
] as const;

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

function nodeAt(text: string, document: number, path: readonly (string | number)[]): YAMLMap | undefined {
  const node = parseYaml(text)[document]?.getIn(path, true);
  return isMap(node) ? node : undefined;
}

function stepsFor(
  target: FixTarget,
  ruleId: string,
  lines: readonly number[],
  options: FixOptions,
  /** The text as read, where the findings' lines are. */
  text: string,
  original?: YAMLMap,
): Step[] {
  const input = {
    lines,
    values: options.values,
    original,
    lineOf: (offset: number) => lineOf(text, offset),
  };
  if (target.kind === 'compose') return composeSteps(ruleId, input);
  return target.kind === 'container' ? containerSteps(ruleId, input) : podSteps(ruleId, input);
}

/**
 * Fixes the findings of one YAML file. A finding outside every service and container (an anchor shared
 * through `<<:`), or of a rule with no fix at that level, is skipped with the reason. When `D04.privileged`
 * is fixed and `D04.capabilities-not-dropped` is among the chosen rules, the capabilities are dropped too:
 * that rule stays quiet only while the container is privileged, so removing privileged alone would bring it.
 */
export function fixYaml(text: string, requests: readonly FixRequest[], options: FixOptions): TextFixResult {
  const skipped: SkippedFix[] = [];
  let targets: FixTarget[];
  try {
    targets = findTargets(text);
  } catch (error) {
    if (!(error instanceof CannotFix)) throw error;
    return {
      text,
      applied: [],
      skipped: requests.map(({ ruleId, line }) => ({ ruleId, line, reason: error.message })),
    };
  }
  const planned = new Map<FixTarget, Map<string, number[]>>();
  const plan = (target: FixTarget, ruleId: string, line: number): void => {
    const rules = planned.get(target) ?? new Map<string, number[]>();
    rules.set(ruleId, [...(rules.get(ruleId) ?? []), line]);
    planned.set(target, rules);
  };
  for (const { ruleId, line } of requests) {
    const holding = targetAt(targets, line);
    if (!holding) {
      skipped.push({
        ruleId,
        line,
        reason: 'not inside a compose service or Kubernetes container or pod spec',
      });
      continue;
    }
    if (stepsFor(holding, ruleId, [line], options, text).length === 0) {
      skipped.push({
        ruleId,
        line,
        reason: `no fix for this rule in a ${holding.kind === 'pod' ? 'pod spec' : holding.kind === 'compose' ? 'compose service' : 'container'}`,
      });
      continue;
    }
    plan(holding, ruleId, line);
    if (ruleId === 'D04.privileged' && options.rules.includes('D04.capabilities-not-dropped'))
      plan(holding, 'D04.capabilities-not-dropped', line);
  }
  const parsed = parseYaml(text);
  const originals = new Map<FixTarget, YAMLMap>();
  for (const target of planned.keys()) {
    const node = parsed[target.document]?.getIn(target.path, true);
    if (isMap(node)) originals.set(target, node);
  }
  let current = text;
  const applied: AppliedFix[] = [];
  for (const [target, rules] of planned) {
    for (const ruleId of YAML_FIXES) {
      const lines = rules.get(ruleId);
      if (!lines) continue;
      try {
        let changed = false;
        for (const step of stepsFor(target, ruleId, lines, options, text, originals.get(target))) {
          const node = nodeAt(current, target.document, target.path);
          if (!node) throw new CannotFix(`${target.name} is no longer a mapping`);
          const pod = target.podPath ? nodeAt(current, target.document, target.podPath) : undefined;
          const edits = step(editContext(current), node, pod);
          if (edits.length === 0) continue;
          current = applyEdits(current, edits);
          changed = true;
        }
        if (changed) applied.push({ ruleId, target: target.name });
      } catch (error) {
        if (!(error instanceof CannotFix)) throw error;
        skipped.push({ ruleId, line: target.firstLine, reason: `${target.name}: ${error.message}` });
      }
    }
  }
  return { text: current, applied, skipped };
}
