// The webhook's certificate is replaced while it runs, as a Kubernetes Secret volume replaces it (a new
// timestamped directory, the `..data` symlink swapped to it) and as a plain overwrite does: new connections
// get the new certificate; a pair that does not match is logged and the old one kept.
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAdmission, startAdmission } from '../../src/serve/admission/start.js';
import { LineCapture, send } from './admission-client.js';
import { makeCertificates, type TestCertificates } from './admission-tls.js';

const dir = mkdtempSync(join(tmpdir(), 'dt10-admission-reload-'));
const volume = join(dir, 'volume');
const stderr = new LineCapture();
let first: TestCertificates;
let second: TestCertificates;
let third: TestCertificates;
let server: RunningAdmission;

/** Writes a Secret volume's next version and swaps `..data` to it, as the kubelet does. */
function publish(version: string, certificates: TestCertificates): void {
  const data = join(volume, `..${version}`);
  mkdirSync(data);
  writeFileSync(join(data, 'tls.crt'), readFileSync(certificates.cert));
  writeFileSync(join(data, 'tls.key'), readFileSync(certificates.key));
  symlinkSync(`..${version}`, join(volume, '..data_tmp'));
  renameSync(join(volume, '..data_tmp'), join(volume, '..data'));
}

async function connects(ca: Buffer): Promise<boolean> {
  try {
    return (await send(server.url, ca, { path: '/healthz' })).status === 200;
  } catch {
    return false;
  }
}

async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

beforeAll(async () => {
  first = makeCertificates(join(dir, 'first'), 'dt10 first CA');
  second = makeCertificates(join(dir, 'second'), 'dt10 second CA');
  third = makeCertificates(join(dir, 'third'), 'dt10 third CA');
  mkdirSync(volume);
  publish('2026_01_01_00_00_00.1', first);
  symlinkSync('..data/tls.crt', join(volume, 'tls.crt'));
  symlinkSync('..data/tls.key', join(volume, 'tls.key'));
  server = await startAdmission(
    { cert: join(volume, 'tls.crt'), key: join(volume, 'tls.key'), port: '0', address: '127.0.0.1' },
    { stdout: new LineCapture(), stderr },
  );
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('certificate reload', () => {
  it('serves the certificate it started with', async () => {
    expect(await connects(first.ca)).toBe(true);
    expect(await connects(second.ca)).toBe(false);
  });

  it('serves a new certificate after the Secret volume swaps ..data', async () => {
    publish('2026_02_01_00_00_00.2', second);
    expect(await eventually(() => connects(second.ca))).toBe(true);
    expect(await connects(first.ca)).toBe(false);
    expect(stderr.lines).toContain(
      `dt10 serve admission: reloaded the certificate ${join(volume, 'tls.crt')} and key ${join(volume, 'tls.key')}`,
    );
  });

  it('keeps the certificate it has when the new key does not match, and takes the next good pair', async () => {
    const data = join(volume, '..data');
    writeFileSync(join(data, 'tls.key'), readFileSync(third.key));
    expect(
      await eventually(async () =>
        stderr.lines.some((line) => line.includes('kept the previous certificate')),
      ),
    ).toBe(true);
    expect(stderr.lines.find((line) => line.includes('kept the previous certificate'))).toMatch(
      new RegExp(
        `^dt10 serve admission: kept the previous certificate: cannot use the certificate ${join(volume, 'tls.crt')} with the key ${join(volume, 'tls.key')}: .*key values mismatch`,
      ),
    );
    expect(await connects(second.ca)).toBe(true);
    writeFileSync(join(data, 'tls.crt'), readFileSync(third.cert));
    expect(await eventually(() => connects(third.ca))).toBe(true);
    expect(await connects(second.ca)).toBe(false);
  });
});
