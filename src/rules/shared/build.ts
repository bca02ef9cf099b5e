// Queries over a BuildSpec that several rules share.
import type { Located, SourceLocation } from '../../core/location.js';
import type { Violation } from '../../core/rule.js';
import type { BuildSpec, BuildStage } from '../../subjects/build-spec.js';
import type { ImageRef } from '../../subjects/image-ref.js';

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

/** An image a stage reads files from without building on it: `COPY --from=<image>`, `RUN --mount=from=<image>`. */
export interface ImageUse {
  stage: BuildStage;
  image: ImageRef;
  /** `COPY` or `RUN`, for messages: "COPY in the final stage … copies from image …". */
  instruction: 'COPY' | 'ADD' | 'RUN';
  at: SourceLocation;
  evidence: string;
}

export function imagesReadFrom(spec: BuildSpec): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const stage of spec.stages) {
    for (const copy of stage.copies)
      if (copy.fromImage)
        uses.push({
          stage,
          image: copy.fromImage,
          instruction: copy.keyword,
          at: copy.at,
          evidence: `${copy.keyword} --from=${copy.from ?? copy.fromImage.raw}`,
        });
    for (const run of stage.runs)
      for (const image of run.mountImages)
        uses.push({
          stage,
          image,
          instruction: 'RUN',
          at: run.at,
          evidence: `RUN --mount=from=${image.raw}`,
        });
  }
  return uses.sort((a, b) => a.at.line - b.at.line);
}

/** "COPY in the final stage of Dockerfile copies from image x" / "RUN in … mounts image x". */
export function describeImageUse(spec: BuildSpec, use: ImageUse): string {
  const verb = use.instruction === 'RUN' ? 'mounts files from image' : 'copies from image';
  return `${use.instruction} in ${describeStage(spec, use.stage)} of ${spec.path} ${verb} ${use.image.raw}`;
}
