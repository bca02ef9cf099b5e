// action.yml, the composite GitHub Action: its shape, the injection guard (inputs reach the shell only
// through `env:`), pinned third-party actions, and its shell steps run for real against the built CLI.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../run-cli.js';
import { makeTempDir } from '../temp-dir.js';

interface Input {
  description?: string;
  required?: boolean;
  default?: string;
}

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, Input>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const TEXT = readFileSync(join(ROOT, 'action.yml'), 'utf8');
const ACTION = yaml.load(TEXT) as Action;
const STEPS = ACTION.runs.steps;

function step(id: string): Step {
  const found = STEPS.find((s) => s.id === id);
  if (!found) throw new Error(`no step with id ${id}`);
  return found;
}

/** Every `${{ … }}` expression in a string. */
function expressions(text: string): string[] {
  return [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1] ?? '');
}

/** Every string value in a parsed YAML tree. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('action.yml shape', () => {
  it('is a composite action with the documented inputs and defaults', () => {
    expect(ACTION.name).toBe('dt10 — OWASP Docker Top 10 scan');
    expect(ACTION.runs.using).toBe('composite');
    const defaults = Object.fromEntries(Object.entries(ACTION.inputs).map(([k, v]) => [k, v.default]));
    expect(defaults).toMatchObject({
      path: '.',
      'fail-on': 'high',
      format: 'text',
      'sarif-file': 'dt10.sarif',
      'upload-sarif': 'true',
      config: '',
      baseline: '',
      version: '',
    });
    for (const [name, input] of Object.entries(ACTION.inputs)) {
      expect(input.description, name).toBeTruthy();
      expect(input.required ?? false, name).toBe(false);
    }
  });

  it('declares every input it references, and references every input it declares', () => {
    const referenced = new Set(
      expressions(TEXT).flatMap((e) => [...e.matchAll(/\binputs\.([A-Za-z0-9_-]+)/g)].map((m) => m[1])),
    );
    const declared = new Set(Object.keys(ACTION.inputs));
    expect([...referenced].filter((name) => !declared.has(name as string))).toEqual([]);
    expect([...declared].filter((name) => !referenced.has(name))).toEqual([]);
  });

  it('refers only to steps that exist and run before the reference', () => {
    const ids = STEPS.map((s) => s.id);
    STEPS.forEach((s, index) => {
      for (const expression of expressions(strings(s).join('\n'))) {
        for (const [, id] of expression.matchAll(/\bsteps\.([A-Za-z0-9_-]+)\./g)) {
          expect(ids.indexOf(id), `${s.name} refers to steps.${id}`).toBeGreaterThanOrEqual(0);
          expect(ids.indexOf(id), `${s.name} refers to steps.${id}`).toBeLessThan(index);
        }
      }
    });
    for (const output of Object.values(ACTION.outputs ?? {}))
      for (const [, id] of output.value.matchAll(/\bsteps\.([A-Za-z0-9_-]+)\./g)) expect(ids).toContain(id);
  });
});

describe('injection guard', () => {
  const runSteps = STEPS.filter((s) => s.run !== undefined);

  it('has shell steps, each with an explicit shell', () => {
    expect(runSteps.length).toBeGreaterThanOrEqual(3);
    for (const s of runSteps) expect(s.shell, s.name).toBe('bash');
  });

  it('puts no ${{ }} expression inside any run: script (inputs come in through env:)', () => {
    for (const s of runSteps) expect(s.run, s.name).not.toContain('${{');
    // The raw text too: a block scalar is a string, but so would be a folded or quoted one.
    const runBlocks = TEXT.split(/\n\s+run: [|>]-?\n/).slice(1);
    for (const block of runBlocks) {
      const body = block.split(/\n\s{4}- name:/)[0] ?? '';
      expect(body).not.toMatch(/\$\{\{\s*inputs\./);
    }
  });

  it('gives every variable a script reads through its step env', () => {
    for (const s of runSteps) {
      const used = new Set([...(s.run ?? '').matchAll(/\$\{?(DT10_[A-Z_]+)/g)].map((m) => m[1]));
      for (const name of used) expect(Object.keys(s.env ?? {}), `${s.name} reads $${name}`).toContain(name);
      for (const value of Object.values(s.env ?? {})) expect(value).toMatch(/^\$\{\{ [^}]+ \}\}$/);
    }
  });

  it('pins every third-party action by full commit SHA, with the release in a comment', () => {
    const usesLines = TEXT.split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
    expect(usesLines.length).toBe(STEPS.filter((s) => s.uses !== undefined).length);
    for (const line of usesLines)
      expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    const uses = STEPS.flatMap((s) => (s.uses ? [s.uses.split('@')[0]] : []));
    expect(uses).toEqual(['actions/setup-node', 'github/codeql-action/upload-sarif']);
  });
});

describe('steps and their order', () => {
  it('writes SARIF without gating, then gates, then uploads even after a failed gate', () => {
    const order = STEPS.map((s) => s.id ?? s.uses?.split('@')[0]);
    expect(order.indexOf('sarif')).toBeLessThan(order.indexOf('gate'));
    expect(order.indexOf('gate')).toBeLessThan(order.indexOf('github/codeql-action/upload-sarif'));

    expect(step('sarif').run).toContain('--format sarif');
    expect(step('sarif').run).toContain('--fail-on none');
    expect(step('gate').run).toContain('--fail-on "$DT10_FAIL_ON"');
    expect(step('gate').if).toContain('!cancelled()');

    const upload = STEPS.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toContain('!cancelled()');
    expect(upload?.if).toContain("inputs.upload-sarif == 'true'");
    expect(upload?.with?.sarif_file).toBe('${{ steps.sarif.outputs.sarif-file }}');
  });

  it('sets up Node.js without touching the caller’s package cache', () => {
    const setup = STEPS[0];
    expect(setup?.uses).toMatch(/^actions\/setup-node@/);
    expect(setup?.with?.['package-manager-cache']).toBe(false);
  });
});

// The shell steps, run as the runner would: bash, the step's env filled in, GITHUB_OUTPUT a file.
describe('the shell steps, run', () => {
  function tempDir(files: Record<string, string> = {}): string {
    const dir = makeTempDir('dt10-action');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  function runStep(
    id: string,
    env: Record<string, string>,
    cwd: string,
  ): { status: number | null; stdout: string; stderr: string; outputs: Record<string, string> } {
    const script = join(tempDir(), 'step.sh');
    writeFileSync(script, step(id).run ?? '');
    const output = join(tempDir(), 'github-output');
    writeFileSync(output, '');
    const child = spawnSync('bash', [script], {
      cwd,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        GITHUB_OUTPUT: output,
        RUNNER_TEMP: tempDir(),
        // Never the repository: a step that found no build there would run npm ci in it.
        GITHUB_ACTION_PATH: tempDir(),
        ...env,
      },
    });
    const outputs = Object.fromEntries(
      readFileSync(output, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    return { status: child.status, stdout: child.stdout, stderr: child.stderr, outputs };
  }

  const CLI = join(ROOT, 'dist', 'dt10.js');
  const scanEnv = { DT10_SCRIPT: CLI, DT10_CONFIG: '', DT10_BASELINE: '' };
  const ROOT_USER = 'FROM alpine:3.22\nUSER root\n';

  it('install: uses the action’s own build when no version is given', () => {
    // A copy of the action holding only the bundle, so the step finds it built and installs nothing.
    const actionPath = tempDir();
    cpSync(dirname(CLI), join(actionPath, 'dist'), { recursive: true });
    const run = runStep('install', { DT10_VERSION: '', GITHUB_ACTION_PATH: actionPath }, tempDir());
    expect(run.status).toBe(0);
    expect(run.outputs.script).toBe(join(actionPath, 'dist', 'dt10.js'));
    expect(readdirSync(actionPath)).toEqual(['dist']);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('install: refuses a version that is not a version, before running anything', () => {
    const dir = tempDir();
    const run = runStep('install', { DT10_VERSION: '1.0.0; touch pwned $(touch pwned2)' }, dir);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('::error');
    expect(run.outputs.script).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('sarif: writes the report and succeeds whatever the findings, naming the file as an output', () => {
    const dir = tempDir({ Dockerfile: ROOT_USER });
    const run = runStep('sarif', { ...scanEnv, DT10_PATH: '.', DT10_SARIF_FILE: 'out.sarif' }, dir);
    expect(run.status).toBe(0);
    expect(run.outputs['sarif-file']).toBe('out.sarif');
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const ruleIds = sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId);
    expect(ruleIds).toContain('D01.image-root-user');
  });

  it('gate: exit code follows fail-on', () => {
    const dir = tempDir({ Dockerfile: ROOT_USER });
    const gate = (failOn: string) =>
      runStep('gate', { ...scanEnv, DT10_PATH: '.', DT10_FORMAT: 'text', DT10_FAIL_ON: failOn }, dir);
    const high = gate('high');
    expect(high.status).toBe(1);
    expect(high.stdout).toContain('D01.image-root-user');
    expect(gate('critical').status).toBe(0);
  });

  it('gate: several paths one per line, blank lines and surrounding blanks ignored', () => {
    const dir = tempDir({
      Dockerfile: ROOT_USER,
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
    });
    const run = runStep(
      'gate',
      {
        ...scanEnv,
        DT10_PATH: '  Dockerfile \n\ncompose.yaml\r\n',
        DT10_FORMAT: 'json',
        DT10_FAIL_ON: 'none',
      },
      dir,
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).summary.filesScanned).toBe(2);
  });

  it('gate: a hostile path is a path, never a command or an option', () => {
    const dir = tempDir();
    const run = runStep(
      'gate',
      {
        ...scanEnv,
        DT10_PATH: '$(touch pwned)\n`touch pwned2`; touch pwned3\n--version',
        DT10_FORMAT: 'json',
        DT10_FAIL_ON: 'high',
      },
      dir,
    );
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.errors.map((e: { path: string }) => e.path)).toEqual([
      '$(touch pwned)',
      '`touch pwned2`; touch pwned3',
      '--version',
    ]);
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(ROOT, 'pwned'))).toBe(false);
  });
});
