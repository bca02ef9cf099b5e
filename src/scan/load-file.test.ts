import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileAt } from '../../test/rule-tester.js';
import type { FileKind } from './discover.js';
import { loadText } from './load-file.js';
import { makeTempDir } from '../../test/temp-dir.js';

const load = (text: string, kind: FileKind, explicit = true, path = 'f') =>
  loadText(path, text, kind, explicit, { environment: {}, dotEnvCache: new Map() });

describe('loadText', () => {
  it('chooses the source by kind, and by content for YAML and unnamed files', async () => {
    expect((await load('FROM alpine\n', 'dockerfile')).builds).toHaveLength(1);
    expect((await load('# c\nARG X\nFROM alpine\n', 'auto')).builds).toHaveLength(1);
    expect((await load('services:\n  a:\n    image: x\n', 'yaml')).compose).toHaveLength(1);
    expect((await load('services:\n  a:\n    image: x\n', 'auto')).compose).toHaveLength(1);
    expect(
      (await load('apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a}]}\n', 'yaml')).kubernetes,
    ).toHaveLength(1);
  });

  it('reads docker run lines from shell scripts, Makefiles, Markdown and other YAML', async () => {
    const names = async (text: string, kind: FileKind) =>
      (await load(text, kind)).other.map((s) => (s.kind === 'workload' ? `${s.origin} ${s.name}` : s.kind));
    expect(await names('docker run --name a x\n', 'shell')).toEqual(['docker-run a']);
    expect(await names('#!/usr/bin/env bash\ndocker run --name b x\n', 'auto')).toEqual(['docker-run b']);
    expect(await names('run:\n\tdocker run --name c $(IMAGE)\n', 'makefile')).toEqual(['docker-run c']);
    expect(await names('```sh\n$ docker run --name d x\n```\n', 'markdown')).toEqual(['docker-run d']);
    expect(await names('steps:\n  - run: docker run --name e x\n', 'yaml')).toEqual(['docker-run e']);
    // Compose and Kubernetes files are read as such, their strings are not searched.
    expect(
      await names('services:\n  a:\n    image: x\n    command: docker run --name f x\n', 'yaml'),
    ).toEqual([]);
  });

  it('skips YAML that is neither, unless the user named it as Kubernetes', async () => {
    expect(await load('a: 1\n', 'yaml', false)).toEqual({
      ignores: [],
      builds: [],
      compose: [],
      kubernetes: [],
      other: [],
      errors: [],
      unreadable: false,
    });
    const named = await load('a: 1\n', 'kubernetes', true);
    expect(named.unreadable).toBe(true);
    expect(named.errors[0]).toMatchObject({
      path: 'f',
      message: expect.stringMatching(/not a Kubernetes manifest/),
    });
  });

  it('reports a YAML syntax error with path, line and column', async () => {
    const loaded = await load('services:\n  web:\n    image: [unclosed\n', 'compose', false, 'compose.yaml');
    expect(loaded.unreadable).toBe(true);
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0]).toMatchObject({
      path: 'compose.yaml',
      message: expect.stringMatching(/^YAML: /),
    });
    expect(loaded.errors[0]!.line).toBeGreaterThanOrEqual(3);
    expect(loaded.errors[0]!.column).toBeGreaterThanOrEqual(1);
  });

  it('ignores a broken YAML file it only considered for its extension', async () => {
    expect((await load('{{{', 'yaml', false)).errors).toEqual([]);
    expect((await load('kind: [', 'yaml', false)).errors).toHaveLength(1);
  });

  it('reports a Dockerfile error with its line', async () => {
    const loaded = await load('# c\nRUN x\nFROM a\n', 'dockerfile', false, 'Dockerfile');
    expect(loaded.errors).toEqual([
      { path: 'Dockerfile', line: 2, message: 'Dockerfile: RUN before the first FROM' },
    ]);
  });

  it('refuses binary content and a compose file that is not a mapping', async () => {
    expect((await load('FROM a\u0000', 'dockerfile')).errors[0]?.message).toMatch(/binary/);
    expect((await load('- a\n', 'compose')).errors[0]).toMatchObject({ path: 'f', line: 1 });
  });
});

describe('the compose project environment', () => {
  it('interpolates `.env` values from the shell and earlier entries; single quotes stay literal', async () => {
    const dir = makeTempDir('dt10-dotenv');
    await writeFile(
      join(dir, '.env'),
      "REGISTRY=${HOST_REGISTRY}/team\nIMAGE=${REGISTRY}/web\nRAW='${REGISTRY}'\n",
    );
    const text = 'services:\n  web:\n    image: ${IMAGE}:1\n    user: ${RAW}\n';
    const loaded = await loadText(join(dir, 'compose.yaml'), text, 'compose', true, {
      environment: { HOST_REGISTRY: 'registry.example.com' },
      dotEnvCache: new Map(),
    });
    const web = loaded.compose[0]!.workloads[0]!;
    expect(web.image?.value.raw).toBe('registry.example.com/team/web:1');
    expect(web.user?.value).toBe('${REGISTRY}');
  });
});

describe('docker run --env-file', () => {
  it('reads the file relative to the script, each variable at its line there; a missing file is unknown', async () => {
    const dir = makeTempDir('dt10-envfile');
    await writeFile(join(dir, 'app.env'), '# settings\nLOG_LEVEL=info\nDB_PASSWORD=hunter2hunter2\n');
    const script = 'docker run --env-file ./app.env --env-file missing.env nginx:1.27\n';
    const loaded = await loadText(join(dir, 'run.sh'), script, 'shell', true, {
      environment: {},
      dotEnvCache: new Map(),
    });
    expect(loaded.errors).toEqual([]);
    const workload = loaded.other[0];
    expect(workload?.kind).toBe('workload');
    if (workload?.kind !== 'workload') return;
    expect(workload.env.map((v) => [v.name, v.value, fileAt(v.at).path, fileAt(v.at).line])).toEqual([
      ['LOG_LEVEL', 'info', join(dir, 'app.env'), 2],
      ['DB_PASSWORD', 'hunter2hunter2', join(dir, 'app.env'), 3],
    ]);
  });
});
