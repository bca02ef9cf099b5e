import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyByName, discover } from './discover.js';

describe('classifyByName', () => {
  it.each([
    ['Dockerfile', 'dockerfile'],
    ['dockerfile', 'dockerfile'],
    ['Dockerfile.prod', 'dockerfile'],
    ['dockerfile.dev', 'dockerfile'],
    ['api.dockerfile', 'dockerfile'],
    ['API.Dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['Containerfile.build', 'dockerfile'],
    ['web.containerfile', 'dockerfile'],
    ['compose.yaml', 'compose'],
    ['compose.yml', 'compose'],
    ['docker-compose.yml', 'compose'],
    ['docker-compose.yaml', 'compose'],
    ['docker-compose.override.yml', 'compose'],
    ['compose.prod.yaml', 'compose'],
    ['docker-compose-dev.yml', 'compose'],
    ['deployment.yaml', 'yaml'],
    ['values.yml', 'yaml'],
    ['composer.yaml', 'yaml'],
    ['k8s/pod.YAML', 'yaml'],
    ['run.sh', 'shell'],
    ['scripts/deploy.bash', 'shell'],
    ['Makefile', 'makefile'],
    ['GNUmakefile', 'makefile'],
    ['docker.mk', 'makefile'],
    ['README.md', 'markdown'],
    ['docs/usage.markdown', 'markdown'],
    ['Dockerfile.md', 'markdown'],
  ])('%s is %s', (name, kind) => {
    expect(classifyByName(name)).toBe(kind);
  });

  it.each([
    'Dockerfile.dockerignore',
    'api.Dockerfile.dockerignore',
    'Dockerfile.orig',
    'Dockerfile~',
    '.dockerignore',
    'compose.json',
    'main.ts',
    'yaml',
    'run.sh.bak',
    'Makefile.orig',
  ])('%s is not scanned', (name) => {
    expect(classifyByName(name)).toBeUndefined();
  });
});

describe('discover', () => {
  let root: string;
  let outside: string;
  beforeEach(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'dt10-discover-')));
    outside = await realpath(await mkdtemp(join(tmpdir(), 'dt10-outside-')));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  async function files(tree: Record<string, string>, base = root) {
    for (const [path, content] of Object.entries(tree)) {
      await mkdir(dirname(join(base, path)), { recursive: true });
      await writeFile(join(base, path), content);
    }
  }

  /** Discovered paths relative to the root, each with its kind. */
  async function found(input = root) {
    const result = await discover([input]);
    expect(result.problems).toEqual([]);
    return result.files.map((f) => `${relative(input, f.path) || f.path} ${f.kind}`);
  }

  it('recognises files by name, skips the rest, and sorts the result', async () => {
    await files({
      'b/Dockerfile': '',
      'a/Dockerfile.prod': '',
      'api.dockerfile': '',
      Containerfile: '',
      'compose.yaml': '',
      'docker-compose.override.yml': '',
      'k8s/deploy.yml': '',
      'k8s/svc.yaml': '',
      'README.md': '',
      'scripts/run.sh': '',
      'src/main.ts': '',
      'Dockerfile.dockerignore': '',
    });
    expect(await found()).toEqual([
      'Containerfile dockerfile',
      'README.md markdown',
      'a/Dockerfile.prod dockerfile',
      'api.dockerfile dockerfile',
      'b/Dockerfile dockerfile',
      'compose.yaml compose',
      'docker-compose.override.yml compose',
      'k8s/deploy.yml yaml',
      'k8s/svc.yaml yaml',
      'scripts/run.sh shell',
    ]);
    const { files: discovered } = await discover([root]);
    expect(discovered.every((f) => !f.explicit)).toBe(true);
  });

  it('skips node_modules and .git', async () => {
    await files({
      'node_modules/pkg/Dockerfile': '',
      '.git/Dockerfile': '',
      'sub/node_modules/x/compose.yaml': '',
      Dockerfile: '',
    });
    expect(await found()).toEqual(['Dockerfile dockerfile']);
  });

  it('honours .gitignore, nested ones too, with negations deeper down', async () => {
    await files({
      '.gitignore': 'build/\n*.generated.yaml\n/top-only.yaml\n',
      'build/Dockerfile': '',
      'app.generated.yaml': '',
      'top-only.yaml': '',
      'sub/top-only.yaml': '',
      'sub/.gitignore': 'secret/\n!keep.generated.yaml\nlocal.yaml\n',
      'sub/keep.generated.yaml': '',
      'sub/drop.generated.yaml': '',
      'sub/secret/compose.yaml': '',
      'sub/local.yaml': '',
      'local.yaml': '',
      Dockerfile: '',
    });
    expect(await found()).toEqual([
      'Dockerfile dockerfile',
      'local.yaml yaml',
      'sub/keep.generated.yaml yaml',
      'sub/top-only.yaml yaml',
    ]);
  });

  it('does not follow a symlink to a directory outside the root', async () => {
    await files({ Dockerfile: '' }, outside);
    await files({ 'compose.yaml': '' });
    await symlink(outside, join(root, 'elsewhere'));
    await symlink(join(outside, 'Dockerfile'), join(root, 'Dockerfile'));
    expect(await found()).toEqual(['compose.yaml compose']);
  });

  it('follows a symlink inside the root once, and never loops', async () => {
    await files({ 'real/Dockerfile': '', 'real/deep/compose.yaml': '' });
    await symlink(join(root, 'real'), join(root, 'alias'));
    await symlink(root, join(root, 'real', 'loop-to-root'));
    await symlink(join(root, 'real'), join(root, 'real', 'deep', 'loop-to-parent'));
    expect(await found()).toEqual(['real/Dockerfile dockerfile', 'real/deep/compose.yaml compose']);
  });

  it('walks a symlinked directory whose target is not reached otherwise', async () => {
    await files({ '.gitignore': 'vendor/\n', 'vendor/app/Dockerfile': '' });
    await symlink(join(root, 'vendor', 'app'), join(root, 'app'));
    expect(await found()).toEqual(['app/Dockerfile dockerfile']);
  });

  it('reports a file reached through a symlink once, under its own path', async () => {
    await files({ 'deploy/compose.yaml': '' });
    await symlink(join(root, 'deploy', 'compose.yaml'), join(root, 'docker-compose.yml'));
    await symlink(join(root, 'missing'), join(root, 'Dockerfile'));
    expect(await found()).toEqual(['deploy/compose.yaml compose']);
  });

  it('shows paths as the user wrote the input', async () => {
    await files({ 'sub/Dockerfile': '' });
    const fromHere = relative(process.cwd(), root);
    expect((await discover([fromHere])).files.map((f) => f.path)).toEqual([
      join(fromHere, 'sub', 'Dockerfile'),
    ]);
    expect((await discover([`${fromHere}/./sub/`])).files.map((f) => f.path)).toEqual([
      join(fromHere, 'sub', 'Dockerfile'),
    ]);
    expect((await discover([root])).files.map((f) => f.path)).toEqual([join(root, 'sub', 'Dockerfile')]);
  });

  it('takes a file named on the command line whatever its name, once', async () => {
    await files({ 'build.txt': 'FROM alpine\n', Dockerfile: '' });
    const named = join(root, 'build.txt');
    const result = await discover([named, join(root, 'Dockerfile'), root]);
    expect(result.files).toEqual([
      { path: join(root, 'Dockerfile'), kind: 'dockerfile', explicit: true },
      { path: named, kind: 'auto', explicit: true },
    ]);
  });

  it('reports inputs it cannot read', async () => {
    const result = await discover([join(root, 'nope')]);
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual([{ path: join(root, 'nope'), message: 'cannot read: ENOENT' }]);
  });

  it('finds nothing in an empty directory', async () => {
    expect(await discover([root])).toEqual({ files: [], problems: [] });
  });
});
