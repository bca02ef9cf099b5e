import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ContextError,
  contextDirectoryName,
  currentContext,
  dockerConfigDir,
  listContexts,
  readContext,
} from './context.js';
import { DEFAULT_ENGINE, resolveEndpoints } from './endpoint.js';

const made: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dt10-context-'));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A context as `docker context create` stores it; `tls` maps file names (ca.pem…) to their text. */
function storeContext(
  config: string,
  name: string,
  docker: Record<string, unknown> | undefined,
  tls: Record<string, string> = {},
): void {
  const hash = createHash('sha256').update(name).digest('hex');
  mkdirSync(join(config, 'contexts', 'meta', hash), { recursive: true });
  writeFileSync(
    join(config, 'contexts', 'meta', hash, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: {}, Endpoints: docker ? { docker } : {} }),
  );
  if (Object.keys(tls).length === 0) return;
  mkdirSync(join(config, 'contexts', 'tls', hash, 'docker'), { recursive: true });
  for (const [file, text] of Object.entries(tls))
    writeFileSync(join(config, 'contexts', 'tls', hash, 'docker', file), text);
}

describe('the context store', () => {
  it('names a context directory by the SHA-256 of its name, as the Docker CLI does', () => {
    // The directory `docker context create default-like` … and Docker's docs show for "default".
    expect(contextDirectoryName('default')).toBe(
      '37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f',
    );
  });

  it('is in DOCKER_CONFIG, else HOME/.docker', () => {
    expect(dockerConfigDir({ DOCKER_CONFIG: '/etc/dc', HOME: '/home/u' })).toBe('/etc/dc');
    expect(dockerConfigDir({ DOCKER_CONFIG: '', HOME: '/home/u' })).toBe('/home/u/.docker');
  });

  it('reads a context: its host, SkipTLSVerify and TLS files', async () => {
    const config = tempDir();
    storeContext(
      config,
      'prod',
      { Host: 'tcp://10.0.0.5:2376', SkipTLSVerify: true },
      {
        'ca.pem': 'CA',
        'cert.pem': 'CERT',
        'key.pem': 'KEY',
      },
    );
    storeContext(config, 'plain', { Host: 'unix:///run/user/1000/docker.sock', SkipTLSVerify: false });
    const prod = await readContext('prod', { DOCKER_CONFIG: config });
    expect(prod).toMatchObject({ name: 'prod', host: 'tcp://10.0.0.5:2376', skipTlsVerify: true });
    expect(prod.metaPath).toBe(join(config, 'contexts', 'meta', contextDirectoryName('prod'), 'meta.json'));
    expect(prod.tls?.ca?.toString()).toBe('CA');
    expect(prod.tls?.cert?.toString()).toBe('CERT');
    expect(prod.tls?.key?.toString()).toBe('KEY');
    const plain = await readContext('plain', { DOCKER_CONFIG: config });
    expect(plain).toMatchObject({ host: 'unix:///run/user/1000/docker.sock', skipTlsVerify: false });
    expect(plain.tls).toBeUndefined();
    expect(await listContexts({ DOCKER_CONFIG: config })).toEqual(['plain', 'prod']);
  });

  it('says which context is missing, where it looked and what is there', async () => {
    const config = tempDir();
    storeContext(config, 'staging', { Host: 'unix:///x.sock' });
    const error = await readContext('prod', { DOCKER_CONFIG: config }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextError);
    expect((error as Error).message).toBe(
      `--context "prod": no such Docker context in ${join(config, 'contexts', 'meta')} ` +
        `(looked for ${contextDirectoryName('prod')}/meta.json; contexts there: staging)`,
    );
    const empty = tempDir();
    await expect(readContext('prod', { HOME: empty }, 'DOCKER_CONTEXT')).rejects.toThrow(
      `DOCKER_CONTEXT "prod": no such Docker context in ${join(empty, '.docker', 'contexts', 'meta')} ` +
        `(looked for ${contextDirectoryName('prod')}/meta.json; the store has no contexts)`,
    );
  });

  it('rejects a meta.json that is not JSON or has no docker endpoint', async () => {
    const config = tempDir();
    storeContext(config, 'k8s-only', undefined);
    await expect(readContext('k8s-only', { DOCKER_CONFIG: config })).rejects.toThrow(
      /"k8s-only": .*meta\.json names no docker endpoint/,
    );
    const hash = contextDirectoryName('broken');
    mkdirSync(join(config, 'contexts', 'meta', hash), { recursive: true });
    writeFileSync(join(config, 'contexts', 'meta', hash, 'meta.json'), '{"Name": ');
    await expect(readContext('broken', { DOCKER_CONFIG: config })).rejects.toThrow(/meta\.json is not JSON/);
  });
});

describe('the current context', () => {
  it('is DOCKER_CONTEXT, else the currentContext of config.json; "default" is none', async () => {
    const config = tempDir();
    expect(await currentContext({ DOCKER_CONFIG: config })).toBeUndefined();
    writeFileSync(join(config, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'prod' }));
    expect(await currentContext({ DOCKER_CONFIG: config })).toEqual({
      name: 'prod',
      source: `currentContext of ${join(config, 'config.json')}`,
    });
    expect(await currentContext({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'staging' })).toEqual({
      name: 'staging',
      source: 'DOCKER_CONTEXT',
    });
    expect(await currentContext({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'default' })).toBeUndefined();
    writeFileSync(join(config, 'config.json'), JSON.stringify({ currentContext: 'default' }));
    expect(await currentContext({ DOCKER_CONFIG: config })).toBeUndefined();
    writeFileSync(join(config, 'config.json'), JSON.stringify({ auths: {} }));
    expect(await currentContext({ DOCKER_CONFIG: config })).toBeUndefined();
  });

  it('refuses a config.json that is not JSON rather than guess', async () => {
    const config = tempDir();
    writeFileSync(join(config, 'config.json'), '{');
    await expect(currentContext({ DOCKER_CONFIG: config })).rejects.toThrow(ContextError);
  });
});

describe('resolveEndpoints', () => {
  const none = { engines: [], contexts: [], tls: {} };

  function withStore(): string {
    const config = tempDir();
    storeContext(config, 'local', { Host: 'unix:///srv/docker.sock' });
    storeContext(config, 'prod', { Host: 'tcp://10.0.0.5:2376', SkipTLSVerify: false }, { 'ca.pem': 'CA' });
    storeContext(config, 'lab', { Host: 'tcp://10.0.0.6:2376', SkipTLSVerify: true });
    storeContext(config, 'old', { Host: 'tcp://10.0.0.7:2375' });
    storeContext(config, 'remote', { Host: 'ssh://admin@build.example:2222' });
    storeContext(config, 'windows', { Host: 'npipe:////./pipe/docker_engine' });
    return config;
  }

  it('labels a context by its name, keeps its address, and takes its TLS from the store', async () => {
    const config = withStore();
    const [local, prod, lab, old, remote] = await resolveEndpoints(
      { ...none, contexts: ['local', 'prod', 'lab', 'old', 'remote'] },
      // The --tls* flags and DOCKER_TLS_VERIFY are for --engine: a context has its own.
      { DOCKER_CONFIG: config, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nonexistent' },
    );
    expect(local).toEqual({
      kind: 'unix',
      label: 'local',
      address: 'unix:///srv/docker.sock',
      socketPath: '/srv/docker.sock',
    });
    expect(prod).toMatchObject({ kind: 'tcp', label: 'prod', address: 'tcp://10.0.0.5:2376', port: 2376 });
    expect(prod?.kind === 'tcp' && prod.tls?.ca?.toString()).toBe('CA');
    expect(prod?.kind === 'tcp' && prod.tls?.rejectUnauthorized).toBeUndefined();
    expect(lab).toMatchObject({ kind: 'tcp', label: 'lab', tls: { rejectUnauthorized: false } });
    expect(old).toMatchObject({ kind: 'tcp', label: 'old', port: 2375 });
    expect(old?.kind === 'tcp' && old.tls).toBeUndefined();
    expect(remote).toEqual({
      kind: 'ssh',
      label: 'remote',
      address: 'ssh://admin@build.example:2222',
      host: 'build.example',
      user: 'admin',
      port: 2222,
    });
  });

  it('refuses a context whose host dt10 cannot reach, naming the context', async () => {
    const config = withStore();
    await expect(
      resolveEndpoints({ ...none, contexts: ['windows'] }, { DOCKER_CONFIG: config }),
    ).rejects.toThrow(
      /^context "windows" \(.*meta\.json\): "npipe:\/\/\/\/\.\/pipe\/docker_engine" is not an engine address/,
    );
    await expect(
      resolveEndpoints({ ...none, contexts: ['nope'] }, { DOCKER_CONFIG: config }),
    ).rejects.toThrow(ContextError);
  });

  it('resolves a bare --engine as the Docker CLI: DOCKER_HOST, DOCKER_CONTEXT, currentContext, the socket', async () => {
    const config = withStore();
    const bare = { ...none, engines: [true] as const };
    const labels = async (environment: Record<string, string>) =>
      (await resolveEndpoints(bare, { DOCKER_CONFIG: config, ...environment })).map((e) => e.label);
    expect(await labels({})).toEqual([DEFAULT_ENGINE]);
    writeFileSync(join(config, 'config.json'), JSON.stringify({ currentContext: 'prod' }));
    expect(await labels({})).toEqual(['prod']);
    expect(await labels({ DOCKER_CONTEXT: 'local' })).toEqual(['local']);
    expect(await labels({ DOCKER_CONTEXT: 'default' })).toEqual([DEFAULT_ENGINE]);
    expect(await labels({ DOCKER_CONTEXT: 'local', DOCKER_HOST: 'tcp://127.0.0.1:2375' })).toEqual([
      'tcp://127.0.0.1:2375',
    ]);
    await expect(labels({ DOCKER_CONTEXT: 'gone' })).rejects.toThrow(
      /^DOCKER_CONTEXT "gone": no such Docker context/,
    );
  });

  it('takes --context default as the default context, and each engine once', async () => {
    const config = withStore();
    const endpoints = await resolveEndpoints(
      {
        engines: [true, 'unix:///a.sock', 'unix:///a.sock'],
        contexts: ['local', 'default', 'local'],
        tls: {},
      },
      { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'local', DOCKER_HOST: '' },
    );
    expect(endpoints.map((e) => e.label)).toEqual(['local', 'unix:///a.sock', DEFAULT_ENGINE]);
    const withHost = await resolveEndpoints(
      { ...none, contexts: ['default'] },
      { DOCKER_CONFIG: config, DOCKER_HOST: 'unix:///b.sock' },
    );
    expect(withHost).toEqual([{ kind: 'unix', label: 'unix:///b.sock', socketPath: '/b.sock' }]);
  });
});
