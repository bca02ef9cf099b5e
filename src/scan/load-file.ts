// Turns the text of one discovered file into subjects, choosing the source by the file's kind and,
// for YAML, by its content. Every parse failure becomes a ScanError with the file, line and reason.
import { dirname, join, resolve } from 'node:path';
import type { DirectiveProblem, IgnoreDirective } from '../core/directive.js';
import type { ScanError } from '../core/finding.js';
import { parseEnvFile } from '../sources/compose/env-file.js';
import { interpolate } from '../sources/compose/interpolate.js';
import { type ComposeProject, loadCompose, looksLikeCompose } from '../sources/compose/load.js';
import { loadEngineFile } from '../sources/daemon/load.js';
import { loadRunLines } from '../sources/docker-run/load.js';
import { yamlRunLines } from '../sources/docker-run/yaml-strings.js';
import { type KubernetesObjects, loadKubernetes, looksLikeKubernetes } from '../sources/kubernetes/load.js';
import { findIgnoreComments } from '../sources/shared/ignore-directives.js';
import { isMapping } from '../sources/shared/values.js';
import { loadYaml, YamlSyntaxError } from '../sources/yaml/load.js';
import type { BuildSpec } from '../subjects/build-spec.js';
import type { EnvVar, Subject, Workload } from '../subjects/index.js';
import type { FileKind } from './discover.js';
import { FileReader, FileTooLargeError } from './read-file.js';

export interface LoadedFile {
  /** `# dt10-ignore` comments and `dt10.io/ignore` annotations. */
  ignores: IgnoreDirective[];
  builds: BuildSpec[];
  compose: ComposeProject[];
  kubernetes: KubernetesObjects[];
  /** Subjects of sources that need no grouping across files (run lines, engine configuration). */
  other: Subject[];
  errors: ScanError[];
  /** The file could not be read or parsed at all (as opposed to a warning about something it references). */
  unreadable: boolean;
}

export interface LoadContext {
  /** Process environment for compose interpolation. */
  environment: Readonly<Record<string, string | undefined>>;
  /** Interpolation environment of each compose project directory (`.env` under the shell's), built once. */
  dotEnvCache: Map<string, Promise<Map<string, string>>>;
}

const MAX_FILE_BYTES = 8 * 1024 * 1024;

function emptyResult(): LoadedFile {
  return { ignores: [], builds: [], compose: [], kubernetes: [], other: [], errors: [], unreadable: false };
}

function failed(path: string, error: Omit<ScanError, 'path'>): LoadedFile {
  const result = emptyResult();
  result.errors.push({ path, ...error });
  result.unreadable = true;
  return result;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const shellEnvironments = new WeakMap<LoadContext, Map<string, string>>();

function shellEnvironment(context: LoadContext): Map<string, string> {
  let environment = shellEnvironments.get(context);
  if (!environment) {
    environment = new Map();
    for (const [name, value] of Object.entries(context.environment))
      if (value !== undefined) environment.set(name, value);
    shellEnvironments.set(context, environment);
  }
  return environment;
}

/** One per process: whether reads must overlap is a property of the storage, learnt once. */
const fileReader = new FileReader();

function readText(path: string): Promise<string> {
  return fileReader.readText(path, MAX_FILE_BYTES);
}

async function projectEnvironment(composePath: string, context: LoadContext): Promise<Map<string, string>> {
  const directory = dirname(composePath);
  let environment = context.dotEnvCache.get(directory);
  if (!environment) {
    environment = readText(join(directory, '.env')).then(
      (text) => {
        const shell = shellEnvironment(context);
        const merged = new Map<string, string>();
        for (const entry of parseEnvFile(text)) {
          if (entry.value === undefined) continue;
          // As docker compose does: a `.env` value may use the shell's variables and earlier entries.
          const lookup = new Map([...merged, ...shell]);
          merged.set(entry.name, entry.literal ? entry.value : interpolate(entry.value, lookup));
        }
        // The shell environment wins over `.env`, as in docker compose.
        for (const [name, value] of shell) merged.set(name, value);
        return merged;
      },
      () => shellEnvironment(context),
    );
    context.dotEnvCache.set(directory, environment);
  }
  return environment;
}

/** `#!/bin/sh`, `#!/usr/bin/env bash`: a shell script, whatever its name. */
const SHELL_SHEBANG = /^#!\s*\S*\b(?:env\s+)?(?:ba|da|k|z)?sh\b/;

/**
 * The variables of a run line's `--env-file`s, read relative to the script. A file that is not there at
 * scan time (generated in CI, say) is unknown, not an error.
 */
async function runEnvFiles(workload: Workload, scriptPath: string): Promise<EnvVar[]> {
  const vars: EnvVar[] = [];
  for (const envFile of workload.envFiles ?? []) {
    if (envFile.value.includes('$')) continue;
    const path = resolve(dirname(scriptPath), envFile.value);
    let text: string;
    try {
      text = await readText(path);
    } catch {
      continue;
    }
    for (const entry of parseEnvFile(text)) {
      const at = { path, line: entry.line, column: entry.column };
      vars.push(
        entry.value === undefined
          ? { name: entry.name, from: 'host', at }
          : { name: entry.name, value: entry.value, from: 'literal', at },
      );
    }
  }
  return vars;
}

/** The first instruction of a Dockerfile is FROM, ARG or a parser directive / comment before them. */
function looksLikeDockerfile(text: string): boolean {
  for (const line of text.split('\n', 50)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    return /^(from|arg)\s/i.test(trimmed);
  }
  return false;
}

/** The kind of a file known by neither name nor flag, judged by its first lines. */
export function kindByContent(text: string): 'dockerfile' | 'shell' | 'yaml' {
  return looksLikeDockerfile(text) ? 'dockerfile' : SHELL_SHEBANG.test(text) ? 'shell' : 'yaml';
}

function directiveError({ at, message }: DirectiveProblem): ScanError {
  return { path: at.path, line: at.line, column: at.column, message };
}

/** Subjects of the file and the suppressions written in it. */
export async function loadText(
  path: string,
  text: string,
  kind: FileKind,
  explicit: boolean,
  context: LoadContext,
): Promise<LoadedFile> {
  const result = await loadSubjects(path, text, kind, explicit, context);
  if (result.unreadable) return result;
  const comments = findIgnoreComments(text, path);
  result.ignores.push(...comments.directives);
  result.errors.push(...comments.problems.map(directiveError));
  for (const objects of result.kubernetes) {
    result.ignores.push(...objects.ignores);
    result.errors.push(...objects.ignoreProblems.map(directiveError));
  }
  return result;
}

async function loadSubjects(
  path: string,
  text: string,
  kind: FileKind,
  explicit: boolean,
  context: LoadContext,
): Promise<LoadedFile> {
  const result = emptyResult();
  if (text.includes('\u0000')) return failed(path, { message: 'binary content (NUL byte): not a text file' });
  if (kind === 'auto') kind = kindByContent(text);
  if (kind === 'shell' || kind === 'makefile' || kind === 'markdown') {
    const workloads = loadRunLines(text, path, kind);
    for (const workload of workloads) workload.env.push(...(await runEnvFiles(workload, path)));
    result.other.push(...workloads);
    return result;
  }
  if (kind === 'dockerfile') {
    // The Dockerfile parser is loaded with the first Dockerfile: a scan of engines or manifests never pays it.
    const { DockerfileError, loadDockerfile } = await import('../sources/dockerfile/load.js');
    try {
      result.builds.push(loadDockerfile(text, path));
    } catch (error) {
      if (!(error instanceof DockerfileError)) throw error;
      return failed(path, { line: error.line, message: `Dockerfile: ${error.message}` });
    }
    return result;
  }
  if (kind === 'daemon-json' || kind === 'dockerd-flags') {
    const engine = loadEngineFile(path, text, kind, explicit);
    result.other.push(...engine.configs);
    result.errors.push(...engine.errors);
    result.unreadable = engine.unreadable;
    return result;
  }
  let documents: unknown[];
  let positions: ReturnType<typeof loadYaml>['positions'];
  try {
    ({ documents, positions } = loadYaml(text, path));
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    // A YAML file we only considered by its extension, which does not even parse, is not ours to judge.
    if (kind === 'yaml' && !explicit && !/^\s*(apiVersion|kind|services)\s*:/m.test(text)) return result;
    const scanError: Omit<ScanError, 'path'> = { message: `YAML: ${error.message}` };
    if (error.line !== undefined) scanError.line = error.line;
    if (error.column !== undefined) scanError.column = error.column;
    return failed(path, scanError);
  }
  const first = documents.find((d) => d !== null && d !== undefined);
  if (kind === 'compose' || (kind === 'yaml' && documents.length === 1 && looksLikeCompose(first))) {
    if (!isMapping(first))
      return failed(path, { line: 1, message: 'compose: the file is not a mapping with `services`' });
    // `.env` only feeds interpolation: a file without a `$` needs neither it nor the environment.
    const hasVariables = text.includes('$');
    const environment = hasVariables ? await projectEnvironment(path, context) : new Map<string, string>();
    const project = await loadCompose(first, positions, path, {
      environment,
      hasVariables,
      readFile: readText,
    });
    result.compose.push(project);
    for (const warning of project.warnings) result.errors.push(warning);
    return result;
  }
  if (documents.some(looksLikeKubernetes)) {
    result.kubernetes.push(loadKubernetes(documents, positions, path));
  } else if (explicit && kind === 'kubernetes') {
    return failed(path, { message: 'not a Kubernetes manifest (no apiVersion and kind)' });
  } else if (kind === 'yaml') {
    // Neither compose nor Kubernetes: CI pipelines and the like may hold `docker run` lines in their strings.
    const workloads = yamlRunLines(documents, positions, text, path);
    for (const workload of workloads) workload.env.push(...(await runEnvFiles(workload, path)));
    result.other.push(...workloads);
  }
  return result;
}

export async function loadFile(
  path: string,
  kind: FileKind,
  explicit: boolean,
  context: LoadContext,
): Promise<LoadedFile> {
  let text: string;
  try {
    text = await readText(path);
  } catch (error) {
    if (error instanceof FileTooLargeError) return failed(path, { message: `${error.message}: skipped` });
    return failed(path, {
      message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? message(error)}`,
    });
  }
  try {
    return await loadText(path, text, kind, explicit, context);
  } catch (error) {
    // A source that throws on input it did not expect is a bug, but one bad file must not lose the scan.
    return failed(path, { message: `internal error while reading: ${message(error)}` });
  }
}
