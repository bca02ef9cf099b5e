// Queries over a BuildSpec that several rules share.
import type { Located } from '../../core/location.js';
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
