// Dockerfile / Containerfile → BuildSpec, with dockerfile-ast (escape directive, continuations, heredocs).
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { Located, SourceLocation } from '../../core/location.js';
import type { BuildInstruction, BuildSpec, BuildStage } from '../../subjects/build-spec.js';
import { parseImageRef } from '../image-ref/parse.js';

export class DockerfileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'DockerfileError';
  }
}

interface HasFlags {
  getFlags(): { getName(): string; getValue(): string | null }[];
}

function hasFlags(instruction: Instruction): instruction is Instruction & HasFlags {
  return typeof (instruction as Partial<HasFlags>).getFlags === 'function';
}

/** Substitutes `$NAME` / `${NAME}` / `${NAME:-default}` from the ARG defaults in scope; unknown ones stay. */
function substitute(text: string, args: ReadonlyMap<string, string>): string {
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (whole, braced, fallback, bare) => {
      const value = args.get(braced ?? bare);
      if (value !== undefined && value !== '') return value;
      return fallback ?? whole;
    },
  );
}

export function loadDockerfile(text: string, path: string): BuildSpec {
  const dockerfile = DockerfileParser.parse(text);
  const locate = (instruction: Instruction): SourceLocation => {
    const start = instruction.getRange().start;
    return { path, line: start.line + 1, column: start.character + 1 };
  };

  const globalArgs: Located<string>[] = [];
  const argDefaults = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (!property) continue;
    globalArgs.push({ value: property.getName(), at: locate(arg) });
    const value = property.getValue();
    if (value !== null) argDefaults.set(property.getName(), value);
  }

  const stages: BuildStage[] = [];
  const stageByName = new Map<string, number>();
  let current: BuildStage | undefined;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const at = locate(instruction);
    if (keyword === 'FROM') {
      const args = instruction.getArguments().map((a) => a.getValue());
      const imageText = substitute(args.find((a) => !a.startsWith('--')) ?? '', argDefaults);
      const asIndex = args.findIndex((a) => a.toLowerCase() === 'as');
      const name = asIndex !== -1 ? args[asIndex + 1]?.toLowerCase() : undefined;
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
    if (!current) {
      if (keyword === 'ARG') continue;
      throw new DockerfileError(`${keyword} before the first FROM`, at.line);
    }
    const flags: Record<string, string | null> = {};
    if (hasFlags(instruction))
      for (const flag of instruction.getFlags()) flags[flag.getName()] = flag.getValue();
    const textContent = instruction.getArgumentsContent() ?? '';
    const built: BuildInstruction = {
      keyword,
      text: textContent,
      flags,
      execForm: textContent.trimStart().startsWith('['),
      at,
    };
    current.instructions.push(built);
    if (keyword === 'USER') current.user = { value: substitute(textContent.trim(), argDefaults), at };
  }
  if (stages.length === 0) throw new DockerfileError('no FROM instruction: not a Dockerfile', 1);
  return {
    kind: 'build',
    path,
    globalArgs,
    stages,
    finalStage: stages.length - 1,
    escapeCharacter: dockerfile.getEscapeCharacter(),
  };
}
