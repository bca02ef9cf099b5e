// The repository's own Dockerfile (the dt10 image): dt10 finds nothing in it, its final stage runs as a
// numeric non-root user on a digest-pinned base, and the one file it copies is enough to run dt10.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DockerfileParser, type From } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../run-cli.js';
import { makeTempDir } from '../temp-dir.js';

const TEXT = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const DOCKERFILE = DockerfileParser.parse(TEXT);

interface Stage {
  from: From;
  /** Each instruction after FROM: its keyword and its text after the keyword, flags included. */
  instructions: { keyword: string; args: string }[];
}

function stages(): Stage[] {
  const result: Stage[] = [];
  for (const instruction of DOCKERFILE.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (keyword === 'FROM') result.push({ from: instruction as From, instructions: [] });
    else
      result
        .at(-1)
        ?.instructions.push({ keyword, args: instruction.getTextContent().replace(/^\s*\S+\s+/, '') });
  }
  return result;
}

const STAGES = stages();
const FINAL = STAGES.at(-1) as Stage;

/** The image a stage is built on, following `FROM <earlier stage>` back to a registry image. */
function baseImage(stage: Stage): From {
  const name = stage.from.getImageName();
  const earlier = STAGES.find((s) => s.from.getBuildStage() === name);
  return earlier ? baseImage(earlier) : stage.from;
}

function last(stage: Stage, keyword: string): string | undefined {
  return stage.instructions.filter((i) => i.keyword === keyword).at(-1)?.args;
}

describe('Dockerfile', () => {
  it('scans with zero findings and no errors through the built CLI', () => {
    const run = runCli([
      'scan',
      'Dockerfile',
      '--fail-on',
      'info',
      '--now',
      '2026-11-01',
      '--format',
      'json',
    ]);
    const report = JSON.parse(run.stdout);
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('is multi-stage, and every registry image it names is pinned by digest', () => {
    expect(STAGES.length).toBeGreaterThanOrEqual(2);
    const aliases = new Set(STAGES.map((s) => s.from.getBuildStage()));
    for (const stage of STAGES) {
      if (aliases.has(stage.from.getImageName())) continue;
      expect(stage.from.getImageTag(), stage.from.getImageName() ?? '').toBeTruthy();
      expect(stage.from.getImageDigest()).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    const base = baseImage(FINAL);
    expect(base.getImageName()).toBe('node');
    expect(base.getImageDigest()).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('final stage: a numeric non-root USER, the bundle alone, exec-form ENTRYPOINT', () => {
    const user = last(FINAL, 'USER') ?? '';
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(
      user
        .split(':')
        .map(Number)
        .every((id) => id > 0),
    ).toBe(true);

    const copies = FINAL.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
    expect(copies.map((c) => c.args)).toEqual(['--from=build /build/dist/ /app/']);
    expect(FINAL.instructions.some((i) => i.keyword === 'RUN')).toBe(false);

    expect(JSON.parse(last(FINAL, 'ENTRYPOINT') ?? 'null')).toEqual(['node', '/app/dt10.js']);
    expect(last(FINAL, 'HEALTHCHECK')).toBeTruthy();
    const labels = last(FINAL, 'LABEL') ?? '';
    for (const key of ['title', 'description', 'licenses', 'base.name', 'base.digest'])
      expect(labels).toContain(`org.opencontainers.image.${key}=`);
    expect(labels).toContain(`org.opencontainers.image.base.digest="${baseImage(FINAL).getImageDigest()}"`);
  });

  it('the bundle it copies runs alone, without node_modules beside it', () => {
    const dir = makeTempDir('dt10-bundle');
    // What the image gets: dist/ as built (the entry and the chunks it loads on demand).
    cpSync(dirname(CLI), dir, { recursive: true });
    copyFileSync(join(ROOT, 'Dockerfile'), join(dir, 'Dockerfile'));
    const alone = spawnSync(
      process.execPath,
      [join(dir, 'dt10.js'), 'scan', 'Dockerfile', '--now', '2026-11-01'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      },
    );
    expect(alone.stderr).toBe('');
    expect(alone.status).toBe(0);
    expect(alone.stdout).toContain('0 findings in 1 file');
  });

  it('.dockerignore sends only what the build reads', () => {
    const rules = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(rules[0]).toBe('*');
    const allowed = rules.filter((r) => r.startsWith('!')).map((r) => r.slice(1).replace(/\/$/, ''));
    expect(allowed.sort()).toEqual(['package-lock.json', 'package.json', 'scripts', 'src', 'tsconfig.json']);
    // Every file the build stage copies from the context is let through.
    const build = STAGES.find((s) => s.from.getBuildStage() === 'build') as Stage;
    const sources = build.instructions
      .filter((i) => i.keyword === 'COPY')
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1))
      .map((source) => source.replace(/\/$/, ''));
    for (const source of sources) expect(allowed).toContain(source);
  });
});
