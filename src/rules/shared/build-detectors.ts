// One walk over a Dockerfile for the rules that look for a setting wherever it can be made: on a RUN's
// command lines, in the text a RUN writes to configuration files, and in `NAME=value` assignments of ENV,
// ARG and RUN. Each rule brings its detectors; it gets back one detection per instruction, with reasons.
import type { SourceLocation } from '../../core/location.js';
import type { BuildSpec, BuildStage, BuildVariable } from '../../subjects/build-spec.js';
import { instructionEvidence } from './command-secrets.js';
import { runCommands, scriptOf, type ShellCommand } from './shell.js';

export interface Detectors {
  /** What a command of a RUN does wrong, in words for the message. */
  command?(command: ShellCommand): string[];
  /** What the script of a RUN writes or sets, found in its text (`\n` escapes read as line breaks). */
  script?(script: string): string[];
  /** What an assignment sets: ENV, ARG (with a value), or `NAME=value` on a RUN line. */
  assignment?(name: string, value: string): string | undefined;
}

export interface Detection {
  /** Undefined for a global ARG (before the first FROM). */
  stage?: BuildStage;
  keyword: 'RUN' | 'ENV' | 'ARG';
  at: SourceLocation;
  reasons: string[];
  evidence: string;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

function variableDetections(
  variables: BuildVariable[],
  detectors: Detectors,
  stage?: BuildStage,
): Detection[] {
  const byInstruction = new Map<string, Detection>();
  for (const variable of variables) {
    if (variable.raw === undefined || !detectors.assignment) continue;
    const reason = detectors.assignment(variable.name, variable.value ?? variable.raw);
    if (reason === undefined) continue;
    const key = `${variable.at.line}:${variable.at.column}`;
    const keyword = variable.kind === 'env' ? 'ENV' : 'ARG';
    const assignment = `${variable.name}=${variable.raw}`;
    const existing = byInstruction.get(key);
    if (existing) {
      existing.reasons.push(reason);
      existing.evidence = instructionEvidence(
        keyword,
        `${existing.evidence.slice(keyword.length + 1)} ${assignment}`,
      );
    } else {
      const detection: Detection = {
        keyword,
        at: variable.at,
        reasons: [reason],
        evidence: instructionEvidence(keyword, assignment),
      };
      if (stage) detection.stage = stage;
      byInstruction.set(key, detection);
    }
  }
  return [...byInstruction.values()];
}

/** Every instruction where a detector fires, in file order. */
export function detect(spec: BuildSpec, detectors: Detectors): Detection[] {
  const found = variableDetections(spec.globalVariables, detectors);
  for (const stage of spec.stages) {
    found.push(...variableDetections(stage.variables, detectors, stage));
    for (const run of stage.runs) {
      const reasons = new Set<string>();
      for (const command of runCommands(run)) {
        for (const reason of detectors.command?.(command) ?? []) reasons.add(reason);
        for (const word of command.words) {
          const assignment = ASSIGNMENT.exec(word);
          const reason = assignment && detectors.assignment?.(assignment[1]!, assignment[2]!);
          if (reason) reasons.add(reason);
        }
      }
      // `printf "[repo]\ngpgcheck=0"` writes lines: read escaped line breaks as line breaks.
      const script = scriptOf(run).replace(/\\[nrt]/g, '\n');
      for (const reason of detectors.script?.(script) ?? []) reasons.add(reason);
      if (reasons.size > 0)
        found.push({
          stage,
          keyword: 'RUN',
          at: run.at,
          reasons: [...reasons],
          evidence: instructionEvidence('RUN', run.command),
        });
    }
  }
  return found.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
}
