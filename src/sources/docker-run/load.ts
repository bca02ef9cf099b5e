// The docker-run source: finds `docker run`, `docker create`, `docker container run|create` and
// `podman run|create` command lines in shell scripts, Makefile recipes, Markdown shell blocks and (see
// yaml-strings.ts) CI YAML, and gives one Workload (origin `docker-run`) per command line.
import type { SourceLocation } from '../../core/location.js';
import type { Workload } from '../../subjects/workload.js';
import { alignText } from './align.js';
import { LineIndex } from './line-index.js';
import { inlineScript, parseRunCommand } from './run-command.js';
import { runWorkload } from './run-workload.js';
import { makefileRecipes, markdownShellBlocks, type MaskedScript } from './script-regions.js';
import { splitCommands, type ShellDialect } from './shell-words.js';

export type ScriptKind = 'shell' | 'makefile' | 'markdown';

/** Text that cannot hold a run line (no engine named, not even through a variable) is not read further. */
const MENTIONS_ENGINE = /docker|podman|container_?(?:engine|runtime|cli|tool|cmd)/i;

/** `sh -c "bash -c '…'"` nests; deeper than this is not a script anyone writes. */
const MAX_INLINE_DEPTH = 4;

export interface ScriptPart {
  dialect?: ShellDialect;
  start?: number;
  end?: number;
}

/** The workloads of the run lines in `text` (or its part from `start` to `end`), in the order written. */
export function runLinesIn(
  text: string,
  locate: (offset: number) => SourceLocation,
  part: ScriptPart = {},
  depth = 0,
): Workload[] {
  const { dialect = {}, start = 0, end = text.length } = part;
  if (!MENTIONS_ENGINE.test(start === 0 && end === text.length ? text : text.slice(start, end))) return [];
  const found: { offset: number; workloads: Workload[] }[] = [];
  for (const command of splitCommands(text, dialect, start, end)) {
    const run = parseRunCommand(command.words);
    if (run) {
      found.push({ offset: run.at, workloads: [runWorkload(run, locate)] });
      continue;
    }
    const script = inlineScript(command.words);
    if (script && depth < MAX_INLINE_DEPTH) {
      // The script's characters are found back in the text its word is written as, quotes and all.
      let map: Int32Array | undefined;
      const locateInScript = (offset: number): SourceLocation => {
        map ??= alignText(text, script.start, script.text);
        return locate(map[Math.min(offset, script.text.length)]!);
      };
      found.push({ offset: script.start, workloads: runLinesIn(script.text, locateInScript, {}, depth + 1) });
    }
  }
  // Commands inside `$(…)` are read before the command they are part of.
  return found.sort((a, b) => a.offset - b.offset).flatMap((f) => f.workloads);
}

/** The workloads of the run lines of a shell script, Makefile or Markdown file. */
export function loadRunLines(text: string, path: string, kind: ScriptKind): Workload[] {
  if (!MENTIONS_ENGINE.test(text)) return [];
  const script: MaskedScript =
    kind === 'makefile'
      ? makefileRecipes(text)
      : kind === 'markdown'
        ? markdownShellBlocks(text)
        : { text, regions: [{ start: 0, end: text.length }] };
  const index = new LineIndex(text, path);
  const locate = (offset: number): SourceLocation => index.location(offset);
  const dialect: ShellDialect = { make: kind === 'makefile' };
  return script.regions.flatMap((region) =>
    runLinesIn(script.text, locate, { dialect, start: region.start, end: region.end }),
  );
}
