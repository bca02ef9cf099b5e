// Queries over a BuildSpec that several rules share.
import type { Located } from '../../core/location.js';
import type { Violation } from '../../core/rule.js';
import type { BuildSpec, BuildStage } from '../../subjects/build-spec.js';

/** The USER in effect at the end of a stage, following `FROM <stage>` chains; undefined if never set. */
export function effectiveUser(spec: BuildSpec, stageIndex: number): Located<string> | undefined {
  const seen = new Set<number>();
  let index: number | undefined = stageIndex;
  while (index !== undefined && !seen.has(index)) {
    seen.add(index);
    const stage: BuildStage | undefined = spec.stages[index];
    if (!stage) return undefined;
    if (stage.user) return stage.user;
    index = stage.base.kind === 'stage' ? stage.base.stageIndex : undefined;
  }
  return undefined;
}

/** The stage a chain of `FROM <stage>` ends at: the one whose base is an image or scratch. */
export function rootStage(spec: BuildSpec, stageIndex: number): BuildStage | undefined {
  const seen = new Set<number>();
  let stage = spec.stages[stageIndex];
  while (stage && stage.base.kind === 'stage' && !seen.has(stage.index)) {
    seen.add(stage.index);
    stage = spec.stages[stage.base.stageIndex];
  }
  return stage;
}

/** The stages whose files and settings end in the built image: the final stage and the stages it is built FROM, base first. */
export function finalImageStages(spec: BuildSpec): BuildStage[] {
  const chain: BuildStage[] = [];
  const seen = new Set<number>();
  let stage = spec.stages[spec.finalStage];
  while (stage && !seen.has(stage.index)) {
    seen.add(stage.index);
    chain.unshift(stage);
    stage = stage.base.kind === 'stage' ? spec.stages[stage.base.stageIndex] : undefined;
  }
  return chain;
}

export function isInFinalImage(spec: BuildSpec, stage: BuildStage): boolean {
  return finalImageStages(spec).includes(stage);
}

/** For messages: `the final stage`, `stage "build"` or `stage 2`. */
export function describeStage(spec: BuildSpec, stage: BuildStage): string {
  if (stage.index === spec.finalStage) return 'the final stage';
  return stage.name !== undefined ? `stage "${stage.name}"` : `stage ${stage.index + 1}`;
}

/** Violations in file order, for rules that look at several kinds of instruction in turn. */
export function inLineOrder(violations: Violation[]): Violation[] {
  const line = (violation: Violation): number => ('line' in violation.location ? violation.location.line : 0);
  return violations.sort((a, b) => line(a) - line(b));
}
