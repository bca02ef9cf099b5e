// The normalized model of a Dockerfile / Containerfile.
import type { Located, SourceLocation } from '../core/location.js';
import type { ImageRef } from './image-ref.js';

export interface BuildInstruction {
  /** Upper-cased keyword: `RUN`, `COPY`, ... */
  keyword: string;
  /** Arguments as written, continuations joined, flags included. */
  text: string;
  /** Flags such as `--from=builder`, `--chown=app`, name without dashes. */
  flags: Record<string, string | null>;
  /** True for the JSON (exec) form `["a", "b"]`. */
  execForm: boolean;
  at: SourceLocation;
}

export interface BuildStage {
  index: number;
  /** `FROM … AS name`, lower-cased as BuildKit matches it. */
  name?: string;
  from: Located<string>;
  /** The base: an external image, another stage of this file, or `scratch`. */
  base: { kind: 'image'; image: ImageRef } | { kind: 'stage'; stageIndex: number } | { kind: 'scratch' };
  instructions: BuildInstruction[];
  /** The last USER of this stage itself (not inherited). */
  user?: Located<string>;
}

export interface BuildSpec {
  kind: 'build';
  path: string;
  /** Global ARGs declared before the first FROM. */
  globalArgs: Located<string>[];
  stages: BuildStage[];
  /** Index of the stage that ends in the built image (the last one unless a target is chosen). */
  finalStage: number;
  escapeCharacter: string;
}
