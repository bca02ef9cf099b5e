// Dockerfile / Containerfile → BuildSpec. dockerfile-ast finds the instructions (escape directive,
// continuations, heredocs, instruction case); their text and flags are read from the source (see
// instruction-text.ts).
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { Located, SourceLocation } from '../../core/location.js';
import type { BuildSpec, BuildStage } from '../../subjects/build-spec.js';
import { parseImageRef } from '../image-ref/parse.js';
import { joinContinuations, lineOffsets, splitFlags } from './instruction-text.js';

export class DockerfileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'DockerfileError';
  }
}

/** Substitutes `$NAME` / `${NAME}` / `${NAME:-default}` from the ARG defaults in scope; unknown ones stay. */
function substitute(text: string, args: ReadonlyMap<string, string>): string {
  if (!text.includes('$')) return text;
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (whole, braced, fallback, bare) => {
      const value = args.get(braced ?? bare);
      if (value !== undefined && value !== '') return value;
      return fallback ?? whole;
    },
  );
}

/** `NAME=value` or `NAME` of an ARG, with quotes removed from the value. */
function parseArg(text: string): { name: string; value?: string } | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/s.exec(text.trim());
  if (!match) return undefined;
  const value = match[2]?.trim().replace(/^(["'])(.*)\1$/s, '$2');
  return value === undefined ? { name: match[1]! } : { name: match[1]!, value };
}

export function loadDockerfile(text: string, path: string): BuildSpec {
  const dockerfile = DockerfileParser.parse(text);
  const escapeCharacter = dockerfile.getEscapeCharacter();
  const offsets = lineOffsets(text);
  const offsetOf = (position: { line: number; character: number }): number =>
    (offsets[position.line] ?? text.length) + position.character;
  const locate = (instruction: Instruction): SourceLocation => {
    const start = instruction.getRange().start;
    return { path, line: start.line + 1, column: start.character + 1 };
  };
  const argumentsOf = (instruction: Instruction): string =>
    joinContinuations(
      text.slice(offsetOf(instruction.getInstructionRange().end), offsetOf(instruction.getRange().end)),
      escapeCharacter,
    );

  const globalArgs: Located<string>[] = [];
  const argDefaults = new Map<string, string>();
  const stages: BuildStage[] = [];
  const stageByName = new Map<string, number>();
  let current: BuildStage | undefined;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const at = locate(instruction);
    const { flags, rest } = splitFlags(argumentsOf(instruction));
    if (keyword === 'ARG' && !current) {
      const arg = parseArg(rest);
      if (!arg) continue;
      globalArgs.push({ value: arg.name, at });
      if (arg.value !== undefined) argDefaults.set(arg.name, arg.value);
      continue;
    }
    if (keyword === 'FROM') {
      const words = rest.split(/\s+/).filter((w) => w !== '');
      const imageText = substitute(words[0] ?? '', argDefaults);
      const name = words[1]?.toLowerCase() === 'as' ? words[2]?.toLowerCase() : undefined;
      const index = stages.length;
      const parentStage = stageByName.get(imageText.toLowerCase());
      const base: BuildStage['base'] =
        parentStage !== undefined
          ? { kind: 'stage', stageIndex: parentStage }
          : imageText.toLowerCase() === 'scratch'
            ? { kind: 'scratch' }
            : { kind: 'image', image: parseImageRef(imageText) };
      current = { index, from: { value: imageText, at }, base, instructions: [] };
      if (name) {
        current.name = name;
        stageByName.set(name, index);
      }
      stages.push(current);
    }
    if (!current) throw new DockerfileError(`${keyword} before the first FROM`, at.line);
    current.instructions.push({ keyword, text: rest, flags, execForm: rest.startsWith('['), at });
    if (keyword === 'USER') current.user = { value: substitute(rest.trim(), argDefaults), at };
  }
  if (stages.length === 0) throw new DockerfileError('no FROM instruction: not a Dockerfile', 1);
  return { kind: 'build', path, globalArgs, stages, finalStage: stages.length - 1, escapeCharacter };
}
