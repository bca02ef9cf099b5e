// .pre-commit-hooks.yaml: the two hooks, and their file patterns against the names dt10 itself recognises.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { classifyByName } from '../../src/scan/discover.js';
import { ROOT } from '../run-cli.js';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  exclude?: string;
  pass_filenames: boolean;
  require_serial: boolean;
}

const HOOKS = yaml.load(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

function hook(id: string): Hook {
  const found = HOOKS.find((h) => h.id === id);
  if (!found) throw new Error(`no hook ${id}`);
  return found;
}

/** pre-commit's patterns are Python regular expressions, used with re.search; ours start with (?i). */
function pythonRegex(pattern: string): RegExp {
  expect(pattern.startsWith('(?i)')).toBe(true);
  const body = pattern.slice('(?i)'.length);
  expect(body).not.toMatch(/\(\?[^:]/); // no other inline flag or Python-only group
  return new RegExp(body, 'i');
}

function selects(h: Hook, path: string): boolean {
  return pythonRegex(h.files).test(path) && !(h.exclude !== undefined && pythonRegex(h.exclude).test(path));
}

const SAMPLES = [
  'Dockerfile',
  'api.Dockerfile',
  'Containerfile',
  'docker-compose.yml',
  'compose.prod.yaml',
  'deploy/Dockerfile.prod',
  'services/web/dockerfile',
  'build/app.containerfile',
  'Containerfile.alpine',
  'compose.yaml',
  'docker-compose.override.yaml',
  'Dockerfile.dockerignore',
  'Dockerfile.md',
  'Dockerfile~',
  'README.md',
  'docs/usage.md',
  'k8s/deployment.yaml',
  '.github/workflows/ci.yml',
  '.gitlab-ci.yml',
  'etc/docker/daemon.json',
  'daemon.json',
  'package.json',
  'scripts/run.sh',
  'deploy.bash',
  'Makefile',
  'GNUmakefile',
  'rules.mk',
  'docker.service',
  'etc/systemd/system/docker.service.d/override.conf',
  'etc/default/docker',
  'etc/sysconfig/docker',
  'docker.env',
  'src/index.ts',
  'composer.lock',
];

describe('.pre-commit-hooks.yaml', () => {
  it('offers dt10 and dt10-all, running `dt10 scan` on the files passed, in parallel', () => {
    expect(HOOKS.map((h) => h.id)).toEqual(['dt10', 'dt10-all']);
    for (const h of HOOKS) {
      expect(h).toMatchObject({
        entry: 'dt10 scan',
        language: 'node',
        pass_filenames: true,
        require_serial: false,
      });
      expect(h.name).toBeTruthy();
    }
    // `language: node` installs this package; the entry's command must be its bin.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.bin)).toContain('dt10');
  });

  it('dt10 selects Dockerfiles, Containerfiles and compose files, and not README.md', () => {
    const dt10 = hook('dt10');
    for (const name of [
      'Dockerfile',
      'api.Dockerfile',
      'Containerfile',
      'docker-compose.yml',
      'compose.prod.yaml',
    ])
      expect(selects(dt10, name), name).toBe(true);
    for (const name of ['README.md', 'k8s/deployment.yaml', 'package.json', 'Dockerfile.dockerignore'])
      expect(selects(dt10, name), name).toBe(false);
  });

  it('dt10 selects exactly the files dt10 recognises as Dockerfiles or compose files', () => {
    const dt10 = hook('dt10');
    for (const name of SAMPLES) {
      const kind = classifyByName(name);
      expect(selects(dt10, name), `${name} (${kind})`).toBe(kind === 'dockerfile' || kind === 'compose');
    }
  });

  it('dt10-all selects every file dt10 reads except Markdown, plus any JSON', () => {
    const all = hook('dt10-all');
    for (const name of SAMPLES) {
      const kind = classifyByName(name);
      const expected = (kind !== undefined && kind !== 'markdown') || name.endsWith('.json');
      expect(selects(all, name), `${name} (${kind})`).toBe(expected);
    }
    expect(selects(all, 'README.md')).toBe(false);
  });

  it('the README’s local-hook fallback uses the same pattern as the dt10 hook', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`files: ${hook('dt10').files}\n`);
  });
});
