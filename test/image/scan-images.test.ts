// `dt10 scan --image` end to end over real images: one image built on a private dockerd (Debian's docker.io),
// saved with GET /images/{name}/get (a real docker save archive), converted by Debian's skopeo to an OCI
// layout tarball and directory, and wrapped in a multi-platform OCI index by hand. Every form must give the
// same findings; the private key a later layer deleted must be found, and masked in every report format.
// Fails (never skips) when dockerd or skopeo is missing, unless DT10_SKIP_ENGINE_TESTS=1.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineDescribe, startEngine, type TestEngine } from '../engine/dockerd.js';
import { buildImage, busyboxImage, skopeoCopy } from '../engine/images.js';
import { sarifErrors } from '../report/sarif-validator.js';
import { runCliAsync } from '../run-cli.js';
import { OCI_INDEX, OCI_MANIFEST, sha256Of, hexOf } from '../../src/sources/image/test-support.js';

const run = promisify(execFile);
const SLOW = 180_000;
const TAG = 'dt10-test/image-scan:1';
const NOW = '2026-11-01';

/** A real key made for this run: nothing secret is committed, and detectors see a real PEM body. */
const KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;
/** A line from the middle of the key's body: no report may contain it. */
const KEY_BODY = KEY.split('\n')[5]!;

// Layer 0: busybox; 1: the key; 2: the key deleted; 3: setuid and world-writable files.
const DOCKERFILE = `FROM dt10-test/busybox:1
COPY deploy.key /root/.ssh/deploy.key
RUN rm /root/.ssh/deploy.key
RUN touch /bin/su2 && chmod 4755 /bin/su2 && mkdir -p /srv/drop && chmod 777 /srv/drop
EXPOSE 22
USER 0
`;

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  evidence?: string;
  location: { image?: string; archive?: string; object?: string; field?: string | null; path?: string };
}

interface JsonReport {
  findings: JsonFinding[];
  errors: { path: string; message: string }[];
}

async function scanJson(
  ...args: string[]
): Promise<{ status: number | null; report: JsonReport; stderr: string }> {
  const result = await runCliAsync(['scan', '--format', 'json', '--no-config', '--now', NOW, ...args], {
    timeoutMs: 120_000,
  });
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    throw new Error(`no JSON report (exit ${result.status}): ${result.stderr}`);
  }
  return { status: result.status, report, stderr: result.stderr };
}

/** What a finding says about the image, without the path the image was read from. */
function comparable(finding: JsonFinding, path: string): string {
  // The absence of signatures depends on what the format can hold (a docker archive none, an OCI index
  // referrers): compared by rule only.
  if (finding.ruleId === 'D08.no-signature') return finding.ruleId;
  const message = finding.message.split(path).join('<image>');
  return `${finding.ruleId} ${finding.severity} ${finding.location.object ?? ''} ${finding.location.field ?? ''} ${message}`;
}

/**
 * Wraps the OCI layout in `dir` in a multi-platform index: the image as linux/amd64, and a linux/arm64
 * image that shares its layers but runs as user 10001.
 */
async function makeMultiPlatform(dir: string): Promise<void> {
  const blob = (digest: string) => join(dir, 'blobs', 'sha256', hexOf(digest));
  const put = async (bytes: Buffer) => {
    await writeFile(join(dir, 'blobs', 'sha256', hexOf(sha256Of(bytes))), bytes);
    return { digest: sha256Of(bytes), size: bytes.length };
  };
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
    manifests: { digest: string; annotations?: Record<string, string> }[];
  };
  const amd64 = index.manifests[0]!;
  const manifest = JSON.parse(await readFile(blob(amd64.digest), 'utf8')) as {
    config: { digest: string; size: number; mediaType: string };
  };
  const config = JSON.parse(await readFile(blob(manifest.config.digest), 'utf8')) as {
    architecture: string;
    config: { User?: string };
  };
  const armConfig = await put(
    Buffer.from(
      JSON.stringify({
        ...config,
        architecture: 'arm64',
        variant: 'v8',
        config: { ...config.config, User: '10001' },
      }),
    ),
  );
  const armManifest = await put(
    Buffer.from(JSON.stringify({ ...manifest, config: { ...manifest.config, ...armConfig } })),
  );
  const amd64Bytes = await readFile(blob(amd64.digest));
  const nested = await put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          {
            mediaType: OCI_MANIFEST,
            digest: amd64.digest,
            size: amd64Bytes.length,
            platform: { os: 'linux', architecture: 'amd64' },
          },
          {
            mediaType: OCI_MANIFEST,
            ...armManifest,
            platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
          },
        ],
      }),
    ),
  );
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        { mediaType: OCI_INDEX, ...nested, ...(amd64.annotations ? { annotations: amd64.annotations } : {}) },
      ],
    }),
  );
}

engineDescribe('dt10 scan --image over real images', () => {
  let engine: TestEngine;
  let dir: string;
  const paths = { docker: '', ociTar: '', ociDir: '', multi: '' };
  const scans = {} as Record<keyof typeof paths, JsonReport>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dt10-image-scan-'));
    engine = await startEngine();
    await busyboxImage(engine);
    await buildImage(engine, DOCKERFILE, TAG, { 'deploy.key': KEY });
    const saved = await engine.request('GET', `/images/${encodeURIComponent(TAG)}/get`, undefined, {
      timeoutMs: 60_000,
    });
    expect(saved.status).toBe(200);
    paths.docker = join(dir, 'docker.tar');
    await writeFile(paths.docker, saved.body);
    paths.ociTar = join(dir, 'oci.tar');
    paths.ociDir = join(dir, 'oci-dir');
    paths.multi = join(dir, 'multi-dir');
    await skopeoCopy(`docker-archive:${paths.docker}`, `oci-archive:${paths.ociTar}:${TAG}`);
    await skopeoCopy(`docker-archive:${paths.docker}`, `oci:${paths.ociDir}:${TAG}`);
    await cp(paths.ociDir, paths.multi, { recursive: true });
    await makeMultiPlatform(paths.multi);
    for (const key of Object.keys(paths) as (keyof typeof paths)[]) {
      const { report, stderr } = await scanJson('--image', paths[key]);
      expect(report.errors, `${key}: ${stderr}`).toEqual([]);
      scans[key] = report;
    }
  }, SLOW);
  afterAll(async () => {
    await engine?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, SLOW);

  it('gives the same findings for the docker archive, the OCI tarball, the OCI directory and the multi-platform index', () => {
    const expected = scans.docker.findings.map((f) => comparable(f, paths.docker)).sort();
    expect(expected.length).toBeGreaterThan(5);
    for (const key of ['ociTar', 'ociDir', 'multi'] as const)
      expect(scans[key].findings.map((f) => comparable(f, paths[key])).sort(), key).toEqual(expected);
  });

  it('reports what the image is: root user, setuid and world-writable files, port 22', () => {
    const ids = new Set(scans.docker.findings.map((f) => f.ruleId));
    for (const id of [
      'D01.image-root-user',
      'D04.setuid-files',
      'D04.world-writable-files',
      'D03.ssh-exposed',
    ])
      expect(ids, id).toContain(id);
    for (const finding of scans.docker.findings) expect(finding.location.image).toBe(paths.docker);
  });

  it('finds the key that layer 2 deleted, still extractable from layer 1, and says which step added it', () => {
    const deleted = scans.docker.findings.filter((f) => f.ruleId === 'D06.secret-in-deleted-layer');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.severity).toBe('critical');
    expect(deleted[0]!.location.object).toBe('file /root/.ssh/deploy.key');
    expect(deleted[0]!.message).toMatch(/deleted in layer 2 but (is )?still extractable from layer 1/);
    // The final filesystem no longer has it: it is not a D06.secret-file finding.
    expect(scans.docker.findings.filter((f) => f.ruleId === 'D06.secret-file')).toEqual([]);
  });

  it(
    'masks the key in every report format',
    async () => {
      for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'html']) {
        const result = await runCliAsync(
          ['scan', '--no-config', '--now', NOW, '--format', format, '--image', paths.docker],
          {
            timeoutMs: 120_000,
          },
        );
        expect(result.status, `${format}: ${result.stderr}`).toBe(1);
        expect(result.stdout, format).toContain('deploy.key');
        expect(result.stdout, format).not.toContain(KEY_BODY);
        expect(result.stdout, format).not.toContain('PRIVATE KEY-----\n');
        if (format === 'junit') expect(() => new XMLParser().parse(result.stdout)).not.toThrow();
        if (format === 'sarif') {
          const log = JSON.parse(result.stdout) as {
            runs: {
              results: { locations: { physicalLocation?: unknown; logicalLocations?: unknown[] }[] }[];
            }[];
          };
          expect(sarifErrors(log)).toEqual([]);
          // The archive is the artifact; the place inside the image is a logical location.
          const location = log.runs[0]!.results[0]!.locations[0]!;
          expect(location.physicalLocation).toBeDefined();
          expect(location.logicalLocations).toHaveLength(1);
        }
      }
    },
    SLOW,
  );

  it(
    'reads the platform asked for from a multi-platform index, and names the offered ones when it is absent',
    async () => {
      const arm = await scanJson('--image', paths.multi, '--platform', 'linux/arm64');
      expect(arm.report.errors).toEqual([]);
      const armIds = arm.report.findings.map((f) => f.ruleId);
      expect(armIds).not.toContain('D01.image-root-user');
      expect(armIds).toContain('D06.secret-in-deleted-layer');

      const absent = await scanJson('--image', paths.multi, '--platform', 'linux/s390x');
      expect(absent.status).toBe(2);
      expect(absent.report.errors).toHaveLength(1);
      expect(absent.report.errors[0]!.message).toContain('linux/amd64');
      expect(absent.report.errors[0]!.message).toContain('linux/arm64/v8');
    },
    SLOW,
  );

  it(
    'finds images in a scanned tree: a .tar archive and an OCI layout directory, not other tarballs',
    async () => {
      const tree = join(dir, 'tree');
      await mkdir(join(tree, 'images'), { recursive: true });
      await cp(paths.docker, join(tree, 'images', 'app.tar'));
      await cp(paths.ociDir, join(tree, 'images', 'app-oci'), { recursive: true });
      await run('tar', ['-cf', join(tree, 'sources.tar'), '-C', tree, 'images/app-oci/index.json']);
      await writeFile(join(tree, 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\n');
      const result = await runCliAsync(['scan', '--format', 'json', '--no-config', '--now', NOW, '.'], {
        cwd: tree,
        timeoutMs: 120_000,
      });
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.errors).toEqual([]);
      const images = new Set(report.findings.map((f) => f.location.image).filter((i) => i !== undefined));
      expect([...images].sort()).toEqual([join('images', 'app-oci'), join('images', 'app.tar')]);
      const archive = report.findings.find((f) => f.location.image === join('images', 'app.tar'));
      expect(archive?.location.archive).toBe(join('images', 'app.tar'));
    },
    SLOW,
  );

  it('reports an unreadable image as an error and exits 2 when nothing else was read', async () => {
    const bogus = join(dir, 'bogus.tar');
    await writeFile(bogus, 'not a tar at all'.repeat(100));
    const result = await scanJson('--image', bogus);
    expect(result.status).toBe(2);
    expect(result.report.errors.map((e) => e.path)).toEqual([bogus]);
  });
});

describe('--platform', () => {
  it('is refused when it is not os/arch[/variant]', async () => {
    const result = await runCliAsync(['scan', '--image', 'x.tar', '--platform', 'amd64']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--platform must be os/arch');
  });
});
