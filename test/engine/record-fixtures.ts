// Records real Engine API answers from a private dockerd into test/fixtures/engine/ (pretty JSON, nothing
// scrubbed). Not a test: run it by hand from the repository root, as root, when the fixtures need renewing:
//
//   npx esbuild test/engine/record-fixtures.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/dt10-record-fixtures.mjs && node node_modules/.cache/dt10-record-fixtures.mjs
//
// It prints the timings of the engine start, the busybox import and the engine stop.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createContainer, riskyHostConfig, runSleeper } from './containers.js';
import { startEngine } from './dockerd.js';
import { buildImage, busyboxImage, DEFAULT_BUSYBOX_TAG } from './images.js';

const OUT = resolve(process.argv[2] ?? join('test', 'fixtures', 'engine'));

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };

  const engine = await timed('engine start', () => startEngine());
  try {
    const image = await timed('busybox import', () => busyboxImage(engine));
    const built = await timed('image build', () =>
      buildImage(
        engine,
        [
          `FROM ${DEFAULT_BUSYBOX_TAG}`,
          'COPY app.conf /app/app.conf',
          'USER app',
          'EXPOSE 8080',
          'HEALTHCHECK --interval=30s --timeout=5s CMD ["true"]',
          'CMD ["sleep", "3600"]',
        ].join('\n'),
        'dt10-test/app:1',
        { 'app.conf': 'port=8080\n' },
      ),
    );
    const network = await engine.request<{ Id: string }>('POST', '/networks/create', {
      Name: 'dt10-usernet',
      Driver: 'bridge',
      Labels: { 'dt10.test': 'usernet' },
    });
    if (network.status !== 201) throw new Error(`creating the user network: ${network.text}`);

    const plain = await createContainer(engine, 'plain', { Image: DEFAULT_BUSYBOX_TAG });
    const risky = await createContainer(engine, 'risky', {
      Image: DEFAULT_BUSYBOX_TAG,
      Cmd: ['sleep', '3600'],
      User: '0',
      Env: ['API_TOKEN=dt10-fake-token-0123456789abcdef', 'DB_PASSWORD=dt10-fake-password', 'MODE=prod'],
      Labels: { 'com.example.tier': 'production', 'dt10.test': 'risky' },
      ExposedPorts: { '80/tcp': {}, '22/tcp': {} },
      Healthcheck: {
        Test: ['CMD-SHELL', 'wget -q -O /dev/null http://localhost/ || exit 1'],
        Interval: 30e9,
        Timeout: 5e9,
        Retries: 3,
        StartPeriod: 10e9,
      },
      HostConfig: {
        ...riskyHostConfig(),
        NetworkMode: 'dt10-usernet',
        Tmpfs: { '/run': 'rw,noexec,nosuid' },
      },
    });
    const hostNetwork = await createContainer(engine, 'host-network', {
      Image: DEFAULT_BUSYBOX_TAG,
      HostConfig: riskyHostConfig(),
    });
    const running = await runSleeper(engine, 'running', built);

    const get = async (path: string): Promise<unknown> => {
      const res = await engine.request('GET', path);
      if (res.status !== 200 || res.json === undefined)
        throw new Error(`GET ${path}: ${res.status} ${res.text}`);
      return res.json;
    };
    const fixtures: Record<string, string> = {
      version: '/version',
      info: '/info',
      networks: '/networks',
      'containers-list': '/containers/json?all=1',
      'container-plain': `/containers/${plain}/json`,
      'container-risky': `/containers/${risky}/json`,
      'container-host-network': `/containers/${hostNetwork}/json`,
      'container-running': `/containers/${running}/json`,
      'container-running-top': `/containers/${running}/top`,
      'container-running-changes': `/containers/${running}/changes`,
      'image-busybox': `/images/${image}/json`,
      'image-built': `/images/${built}/json`,
    };
    for (const [name, path] of Object.entries(fixtures)) {
      await writeFile(join(OUT, `${name}.json`), `${JSON.stringify(await get(path), null, 2)}\n`);
    }
    console.log(`recorded ${Object.keys(fixtures).length} fixtures in ${OUT}`);
  } finally {
    await timed('engine stop', () => engine.stop());
    console.log(JSON.stringify(timings));
  }
}

await main();
