// Dockerfile / Containerfile → BuildSpec. dockerfile-ast finds the instructions (escape directive,
// continuations, heredocs, instruction case); their text and flags are read from the source (see
// instruction-text.ts), variables are expanded with the scope BuildKit gives them (see variables.ts).
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { Located, SourceLocation } from '../../core/location.js';
import type { BuildCopy, BuildSpec, BuildStage, BuildVariable } from '../../subjects/build-spec.js';
import type { ImageRef } from '../../subjects/image-ref.js';
import { parseImageRef } from '../image-ref/parse.js';
import { isExecForm, joinContinuations, lineOffsets, splitFlags } from './instruction-text.js';
import { expand, parseAssignments, type Variables, wordValue, words } from './variables.js';

export class DockerfileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'DockerfileError';
  }
}

/**
 * What `$NAME` means inside one stage. ARGs are the stage's own (a global one only once redeclared);
 * ENV values also pass to the stages built `FROM` this one, since they are part of the image.
 */
interface StageScope {
  args: Map<string, string>;
  env: Map<string, string>;
}

/** ENV wins over an ARG of the same name, as in BuildKit. A view, not a copy: instructions are many. */
/** The `from=` field of a `--mount` value (`type=bind,from=golang:1.24,source=/go/bin`), unquoted. */
function mountFrom(mount: string): string | undefined {
  for (const field of mount.split(',')) {
    const [key, ...value] = field.split('=');
    if (key?.trim().toLowerCase() === 'from')
      return (
        value
          .join('=')
          .trim()
          .replace(/^(["'])(.*)\1$/, '$2') || undefined
      );
  }
  return undefined;
}

function variablesOf(scope: StageScope): Variables {
  return { get: (name) => scope.env.get(name) ?? scope.args.get(name) };
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
  const globalVariables: BuildVariable[] = [];
  const globalValues = new Map<string, string>();
  const stages: BuildStage[] = [];
  const scopes: StageScope[] = [];
  const stageByName = new Map<string, number>();
  let current: BuildStage | undefined;
  let scope: StageScope | undefined;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const at = locate(instruction);
    const { flags, all, rest } = splitFlags(argumentsOf(instruction));
    if (keyword === 'ARG' && !current) {
      for (const arg of parseAssignments(rest, escapeCharacter, false)) {
        globalArgs.push({ value: arg.name, at });
        const variable: BuildVariable = { kind: 'arg', name: arg.name, at };
        // A default may use the global ARGs declared before it.
        if (arg.value !== undefined) {
          const value = wordValue(arg.value, globalValues, escapeCharacter);
          globalValues.set(arg.name, value);
          variable.raw = arg.value;
          variable.value = value;
        }
        globalVariables.push(variable);
      }
      continue;
    }
    if (keyword === 'FROM') {
      const words = rest.split(/\s+/).filter((w) => w !== '');
      if (words.length === 0) throw new DockerfileError('FROM without an image', at.line);
      // FROM sees the global ARGs only.
      const imageText = expand(words[0]!, globalValues, escapeCharacter);
      const name = words[1]?.toLowerCase() === 'as' ? words[2]?.toLowerCase() : undefined;
      const index = stages.length;
      const parentStage = stageByName.get(imageText.toLowerCase());
      const base: BuildStage['base'] =
        parentStage !== undefined
          ? { kind: 'stage', stageIndex: parentStage }
          : imageText.toLowerCase() === 'scratch'
            ? { kind: 'scratch' }
            : { kind: 'image', image: parseImageRef(imageText) };
      current = {
        index,
        from: { value: imageText, at },
        base,
        instructions: [],
        variables: [],
        exposedPorts: [],
        copies: [],
        runs: [],
      };
      const inherited = parentStage === undefined ? undefined : scopes[parentStage];
      scope = { args: new Map(), env: new Map(inherited?.env) };
      if (name) {
        current.name = name;
        stageByName.set(name, index);
      }
      stages.push(current);
      scopes.push(scope);
    }
    if (!current || !scope) throw new DockerfileError(`${keyword} before the first FROM`, at.line);
    current.instructions.push({ keyword, text: rest, flags, execForm: isExecForm(rest), at });
    if (keyword === 'ARG' || keyword === 'ENV') {
      for (const assignment of parseAssignments(rest, escapeCharacter, keyword === 'ENV')) {
        const target = keyword === 'ARG' ? scope.args : scope.env;
        const variable: BuildVariable = {
          kind: keyword === 'ARG' ? 'arg' : 'env',
          name: assignment.name,
          at,
        };
        current.variables.push(variable);
        if (assignment.value !== undefined) {
          const value = wordValue(assignment.value, variablesOf(scope), escapeCharacter);
          target.set(assignment.name, value);
          variable.raw = assignment.value;
          variable.value = value;
        } else if (keyword === 'ARG') {
          // `ARG NAME` inside a stage brings the global default into the stage.
          const global = globalValues.get(assignment.name);
          if (global !== undefined) scope.args.set(assignment.name, global);
          else scope.args.delete(assignment.name);
        }
      }
    }
    if (keyword === 'USER')
      current.user = { value: wordValue(rest.trim(), variablesOf(scope), escapeCharacter), at };
    const expandWord = (word: string): string => wordValue(word, variablesOf(scope!), escapeCharacter);
    if (keyword === 'EXPOSE')
      for (const port of words(rest, escapeCharacter))
        current.exposedPorts.push({ value: expandWord(port), at });
    if (keyword === 'HEALTHCHECK') current.healthcheck = { disabled: /^none\s*$/i.test(rest.trim()), at };
    if (keyword === 'COPY' || keyword === 'ADD') {
      const heredoc = rest.trimStart().startsWith('<<');
      const list = isExecForm(rest)
        ? (JSON.parse(rest) as string[]).map(expandWord)
        : words(rest.split('\n', 1)[0]!, escapeCharacter).map(expandWord);
      const copy: BuildCopy = {
        keyword,
        sources: list.slice(0, -1),
        destination: list[list.length - 1] ?? '',
        heredoc,
        at,
      };
      const from = flags.from;
      if (from) {
        const stage = stageByName.has(from.toLowerCase()) || /^\d+$/.test(from);
        copy.from = stage ? from.toLowerCase() : from;
        if (!stage) copy.fromImage = parseImageRef(expand(from, globalValues, escapeCharacter));
      }
      if (flags.chown) copy.chown = flags.chown;
      if (flags.chmod) copy.chmod = flags.chmod;
      current.copies.push(copy);
    }
    if (keyword === 'RUN') {
      const execForm = isExecForm(rest);
      const mounts = all.filter(([name]) => name === 'mount').map(([, value]) => value ?? '');
      const mountImages: ImageRef[] = [];
      for (const mount of mounts) {
        const from = mountFrom(mount);
        if (from === undefined || stageByName.has(from.toLowerCase()) || /^\d+$/.test(from)) continue;
        mountImages.push(parseImageRef(expand(from, globalValues, escapeCharacter)));
      }
      current.runs.push({
        command: execForm ? (JSON.parse(rest) as string[]).join(' ') : rest,
        execForm,
        mounts,
        mountImages,
        at,
      });
    }
  }
  if (stages.length === 0) throw new DockerfileError('no FROM instruction: not a Dockerfile', 1);
  return {
    kind: 'build',
    path,
    globalArgs,
    globalVariables,
    stages,
    finalStage: stages.length - 1,
    escapeCharacter,
  };
}
