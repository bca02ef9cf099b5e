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

/** An ENV or ARG declared in a stage (or an ARG before the first FROM). */
export interface BuildVariable {
  kind: 'env' | 'arg';
  name: string;
  /** The value as written (`$TOKEN` stays a reference); undefined for `ARG NAME` without a default. */
  raw?: string;
  /** The value with the variables in scope expanded and quotes removed. */
  value?: string;
  at: SourceLocation;
}

/** A COPY or ADD. */
export interface BuildCopy {
  keyword: 'COPY' | 'ADD';
  /** Sources as written after expansion: paths, URLs, git references. */
  sources: string[];
  destination: string;
  /** `--from=stage|image`, lower-cased when it names a stage of this file. */
  from?: string;
  /** The image `--from` names when it is neither a stage of this file nor a stage index. */
  fromImage?: ImageRef;
  chown?: string;
  chmod?: string;
  /** Inline content (`COPY <<EOF`), not files. */
  heredoc: boolean;
  at: SourceLocation;
}

/** A RUN: its command (exec form joined with spaces) and its `--mount` options. */
export interface BuildRun {
  command: string;
  execForm: boolean;
  mounts: string[];
  /** Images a `--mount=…,from=<image>` reads from (a `from` that is not a stage of this file). */
  mountImages: ImageRef[];
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
  variables: BuildVariable[];
  exposedPorts: Located<string>[];
  /** The last HEALTHCHECK of this stage; `disabled` for `HEALTHCHECK NONE`. */
  healthcheck?: { disabled: boolean; at: SourceLocation };
  copies: BuildCopy[];
  runs: BuildRun[];
}

export interface BuildSpec {
  kind: 'build';
  path: string;
  /** Global ARGs declared before the first FROM. */
  globalArgs: Located<string>[];
  /** The same, with their defaults. */
  globalVariables: BuildVariable[];
  stages: BuildStage[];
  /** Index of the stage that ends in the built image (the last one unless a target is chosen). */
  finalStage: number;
  escapeCharacter: string;
}
