// Tests of the private-engine harness itself, against a real dockerd. They fail (never skip) when dockerd is
// missing or cannot start, unless DT10_SKIP_ENGINE_TESTS=1.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  inspectContainer,
  removeContainer,
  riskyHostConfig,
  runSleeper,
  startContainer,
} from './containers.js';
import { engineDescribe, mountsUnder, startEngine, unixRequest, type TestEngine } from './dockerd.js';
import { APP_USER, BUSYBOX_APPLETS, buildImage, busyboxImage, DEFAULT_BUSYBOX_TAG } from './images.js';
import { startRecordingProxy } from './recording-proxy.js';

const SLOW = 60_000;

interface ContainerInspect {
  Id: string;
  Name: string;
  Image: string;
  State: { Status: string; Running: boolean };
  Config: { User: string; Image: string; Cmd: string[]; Healthcheck?: { Test: string[] } };
  HostConfig: Record<string, unknown>;
}

describe('startEngine without dockerd', () => {
  it('fails with what to install, before making anything', async () => {
    await expect(startEngine({ dockerd: '/nonexistent/dockerd' })).rejects.toThrow(
      'dockerd not found at /nonexistent/dockerd: apt-get install docker.io busybox-static',
    );
  });
});

engineDescribe('a private dockerd on a unix socket', () => {
  let engine: TestEngine;
  let image: string;

  beforeAll(async () => {
    engine = await startEngine();
    image = await busyboxImage(engine);
  }, SLOW);
  afterAll(() => engine?.stop(), SLOW);

  it('answers /_ping and /version in a dir of its own', async () => {
    expect(engine.socketPath).toBe(`${engine.dir}/docker.sock`);
    expect(engine.url).toBe(`unix://${engine.socketPath}`);
    expect(engine.socketPath).not.toBe('/var/run/docker.sock');
    const ping = await engine.request('GET', '/_ping');
    expect(ping).toMatchObject({ status: 200, text: 'OK' });
    expect(ping.headers['api-version']).toMatch(/^1\.\d+$/);
    const version = await engine.request<{ ApiVersion: string; Version: string; Os: string }>(
      'GET',
      '/version',
    );
    expect(version.status).toBe(200);
    expect(version.json.ApiVersion).toMatch(/^1\.\d+$/);
    expect(version.json.Os).toBe('linux');
    const info = await engine.request<{ DockerRootDir: string; Driver: string }>('GET', '/info');
    expect(info.json.DockerRootDir).toBe(`${engine.dir}/data`);
    expect(info.json.Driver).toBe('overlay2');
  });

  it('imports the busybox image with its applets and users', async () => {
    expect(image).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await busyboxImage(engine)).toBe(image);
    const inspect = await engine.request<{ Id: string; RepoTags: string[]; Config: { Cmd: string[] } }>(
      'GET',
      `/images/${DEFAULT_BUSYBOX_TAG}/json`,
    );
    expect(inspect.status).toBe(200);
    expect(inspect.json.Id).toBe(image);
    expect(inspect.json.RepoTags).toEqual([DEFAULT_BUSYBOX_TAG]);
    expect(inspect.json.Config.Cmd).toEqual(['sh']);
  });

  it('creates a container that inspect describes', async () => {
    const id = await createContainer(engine, 'plain', {
      Image: DEFAULT_BUSYBOX_TAG,
      User: String(APP_USER.uid),
      Env: ['MODE=test'],
      Labels: { 'dt10.test': 'yes' },
      HostConfig: { ReadonlyRootfs: true, CapDrop: ['ALL'] },
    });
    const container = await inspectContainer<ContainerInspect>(engine, id);
    expect(container.Id).toBe(id);
    expect(container.Name).toBe('/plain');
    expect(container.Image).toBe(image);
    expect(container.State.Status).toBe('created');
    expect(container.Config.User).toBe('10001');
    expect(container.HostConfig).toMatchObject({ ReadonlyRootfs: true, CapDrop: ['ALL'], Privileged: false });
    await removeContainer(engine, id);
    expect((await engine.request('GET', `/containers/${id}/json`)).status).toBe(404);
  });

  it('runs busybox: /top lists sleep, /changes the touched file, as the app user', async () => {
    const id = await runSleeper(engine, 'sleeper', DEFAULT_BUSYBOX_TAG, { User: APP_USER.name });
    const top = await engine.request<{ Titles: string[]; Processes: string[][] }>(
      'GET',
      `/containers/${id}/top`,
    );
    expect(top.status).toBe(200);
    expect(top.json.Titles).toContain('CMD');
    const cmd = top.json.Titles.indexOf('CMD');
    expect(top.json.Processes.map((p) => p[cmd])).toContain('sleep 3600');
    const changes = await engine.request<Array<{ Path: string; Kind: number }>>(
      'GET',
      `/containers/${id}/changes`,
    );
    expect(changes.json).toContainEqual({ Path: '/tmp/dt10-touched', Kind: 1 });
    const uid = top.json.Titles.indexOf('UID');
    expect(top.json.Processes[0]?.[uid]).toBe(String(APP_USER.uid));
  });

  it('builds an image FROM busybox with USER, HEALTHCHECK and a file', async () => {
    const built = await buildImage(
      engine,
      [
        `FROM ${DEFAULT_BUSYBOX_TAG}`,
        'COPY app.conf /app/app.conf',
        'RUN ["sh", "-c", "echo built > /app/built"]',
        'USER app',
        'HEALTHCHECK --interval=30s CMD ["true"]',
        'CMD ["sleep", "3600"]',
      ].join('\n'),
      'dt10-test/built:1',
      { 'app.conf': 'port=8080\n' },
    );
    expect(built).toMatch(/^sha256:[0-9a-f]{64}$/);
    const inspect = await engine.request<{
      Config: { User: string; Healthcheck: { Test: string[]; Interval: number } };
    }>('GET', `/images/${built}/json`);
    expect(inspect.json.Config.User).toBe('app');
    expect(inspect.json.Config.Healthcheck).toMatchObject({ Test: ['CMD', 'true'], Interval: 30e9 });
    const id = await runSleeper(engine, 'built', built);
    const changes = await engine.request<Array<{ Path: string }>>('GET', `/containers/${id}/changes`);
    expect(changes.json.map((c) => c.Path)).toContain('/tmp/dt10-touched');
    const top = await engine.request<{ Processes: string[][] }>('GET', `/containers/${id}/top`);
    expect(top.json.Processes.length).toBeGreaterThan(0);
  });

  it('creates (but cannot start) a container with every risky HostConfig setting', async () => {
    const id = await createContainer(engine, 'risky', {
      Image: DEFAULT_BUSYBOX_TAG,
      User: '0',
      HostConfig: riskyHostConfig(),
    });
    const container = await inspectContainer<ContainerInspect>(engine, id);
    expect(container.HostConfig).toMatchObject({
      Privileged: true,
      CapAdd: ['SYS_ADMIN'],
      PidMode: 'host',
      NetworkMode: 'host',
      Binds: ['/var/run/docker.sock:/var/run/docker.sock', '/etc:/host-etc:ro'],
      PortBindings: { '22/tcp': [{ HostIp: '127.0.0.1', HostPort: '2222' }] },
    });
    await expect(startContainer(engine, id)).rejects.toThrow(/HTTP 500/);
  });

  it('records the requests it forwards through the recording proxy, answers unchanged', async () => {
    const proxy = await startRecordingProxy(engine.socketPath);
    try {
      expect(proxy.url).toBe(`unix://${proxy.socketPath}`);
      const direct = await engine.request('GET', `/images/${DEFAULT_BUSYBOX_TAG}/json`);
      const proxied = await unixRequest(proxy.socketPath, 'GET', `/images/${DEFAULT_BUSYBOX_TAG}/json`);
      expect(proxied.status).toBe(200);
      expect(proxied.text).toBe(direct.text);
      expect(proxied.headers['content-type']).toBe(direct.headers['content-type']);
      const head = await unixRequest(proxy.socketPath, 'HEAD', '/_ping');
      expect(head.status).toBe(200);
      const post = await unixRequest(proxy.socketPath, 'POST', '/containers/create?name=via-proxy', {
        Image: DEFAULT_BUSYBOX_TAG,
      });
      expect(post.status).toBe(201);
      const missing = await unixRequest(proxy.socketPath, 'GET', '/v1.41/containers/nope/json');
      expect(missing.status).toBe(404);
      // a streamed (chunked) body of some megabytes comes through byte for byte
      const exportPath = `/containers/via-proxy/export`;
      const exported = await unixRequest(proxy.socketPath, 'GET', exportPath);
      expect(exported.headers['transfer-encoding']).toBe('chunked');
      expect(exported.body.length).toBeGreaterThan(1_000_000);
      expect(exported.body.equals((await engine.request('GET', exportPath)).body)).toBe(true);
      expect(proxy.requests).toEqual([
        { method: 'GET', path: `/images/${DEFAULT_BUSYBOX_TAG}/json` },
        { method: 'HEAD', path: '/_ping' },
        { method: 'POST', path: '/containers/create?name=via-proxy' },
        { method: 'GET', path: '/v1.41/containers/nope/json' },
        { method: 'GET', path: '/containers/via-proxy/export' },
      ]);
    } finally {
      await proxy.stop();
    }
    expect(existsSync(proxy.socketPath)).toBe(false);
  });

  it('has every applet and the users in the image', async () => {
    const id = await createContainer(engine, 'applets', { Image: DEFAULT_BUSYBOX_TAG });
    const exported = await engine.request('GET', `/containers/${id}/export`);
    expect(exported.status).toBe(200);
    const tar = exported.body.toString('latin1');
    for (const applet of BUSYBOX_APPLETS) expect(tar).toContain(`bin/${applet}\0`);
    expect(tar).toContain('bin/busybox\0');
    expect(tar).toContain('app:x:10001:10001:');
    expect(tar).toContain('root:x:0:0:');
  });

  it('stop() removes the containers, ends dockerd and removes its dir', async () => {
    await runSleeper(engine, 'last', DEFAULT_BUSYBOX_TAG);
    const started = performance.now();
    await engine.stop();
    const took = performance.now() - started;
    expect(took).toBeLessThan(15_000);
    expect(() => process.kill(engine.pid, 0)).toThrow();
    expect(mountsUnder(engine.dir)).toEqual([]);
    expect(existsSync(engine.dir)).toBe(false);
    await engine.stop();
  });
});

engineDescribe('a private dockerd with TLS on 127.0.0.1', () => {
  let engine: TestEngine;

  beforeAll(async () => {
    engine = await startEngine({ tls: true });
  }, SLOW);
  afterAll(() => engine?.stop(), SLOW);

  function tlsGet(options: https.RequestOptions): Promise<{ status: number; text: string }> {
    const tls = engine.tls!;
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: tls.host,
          port: tls.port,
          path: '/version',
          servername: 'localhost',
          agent: false,
          ...options,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          res.on('error', reject);
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end();
    });
  }

  it('exposes tcpUrl and client certificate files', () => {
    const tls = engine.tls!;
    expect(engine.tcpUrl).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(tls.tcpUrl).toBe(engine.tcpUrl);
    expect(tls.env).toEqual({
      DOCKER_HOST: engine.tcpUrl,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: tls.certPath,
    });
    for (const file of [tls.ca, tls.cert, tls.key]) expect(existsSync(file)).toBe(true);
    expect([tls.ca, tls.cert, tls.key]).toEqual(
      ['ca.pem', 'cert.pem', 'key.pem'].map((f) => `${tls.certPath}/${f}`),
    );
  });

  it('answers over https with the client certificate', async () => {
    const tls = engine.tls!;
    const [ca, cert, key] = await Promise.all([tls.ca, tls.cert, tls.key].map((file) => readFile(file)));
    const answer = await tlsGet({ ca, cert, key });
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.text) as { ApiVersion: string }).ApiVersion).toMatch(/^1\.\d+$/);
    // by IP as well as by name: the server certificate names both
    expect((await tlsGet({ ca, cert, key, servername: undefined })).status).toBe(200);
  });

  it('refuses a client without a certificate, and plain http', async () => {
    const ca = await readFile(engine.tls!.ca);
    await expect(tlsGet({ ca })).rejects.toThrow();
    const plain = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: engine.tls!.port, path: '/_ping', agent: false },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(plain).toBe(400);
  });

  it('still answers on its unix socket without TLS', async () => {
    expect((await engine.request('GET', '/_ping')).text).toBe('OK');
  });
});

engineDescribe('two private engines at once', () => {
  it(
    'start side by side, each seeing only its own containers',
    async () => {
      const engines = await Promise.all([startEngine(), startEngine()]);
      try {
        const [a, b] = engines as [TestEngine, TestEngine];
        expect(a.dir).not.toBe(b.dir);
        await Promise.all(engines.map((engine) => busyboxImage(engine)));
        await createContainer(a, 'only-in-a', { Image: DEFAULT_BUSYBOX_TAG });
        await runSleeper(b, 'only-in-b', DEFAULT_BUSYBOX_TAG);
        const names = async (engine: TestEngine) =>
          (await engine.request<Array<{ Names: string[] }>>('GET', '/containers/json?all=1')).json.flatMap(
            (c) => c.Names,
          );
        expect(await names(a)).toEqual(['/only-in-a']);
        expect(await names(b)).toEqual(['/only-in-b']);
      } finally {
        await Promise.all(engines.map((engine) => engine.stop()));
      }
      for (const engine of engines) expect(existsSync(engine.dir)).toBe(false);
    },
    SLOW,
  );

  it(
    'a dockerd that cannot start fails with its log tail',
    async () => {
      await expect(startEngine({ extraArgs: ['--no-such-flag'] })).rejects.toThrow(
        /dockerd exited \(code \d+\) before answering GET \/_ping[\s\S]*Log tail:[\s\S]*no-such-flag/,
      );
    },
    SLOW,
  );
});
