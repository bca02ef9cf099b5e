// A Docker CLI context store in a temp dir, written as `docker context create` writes it: meta.json under
// contexts/meta/<sha256 of the name>/ and the TLS files under contexts/tls/<same>/docker/.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ContextSpec {
  host: string;
  skipTlsVerify?: boolean;
  /** Files to copy into the store as ca.pem, cert.pem and key.pem. */
  tls?: { ca?: string; cert?: string; key?: string };
  description?: string;
}

const made: string[] = [];

/** A fresh directory to use as DOCKER_CONFIG (or as HOME, with the store in its .docker). */
export function tempDockerConfig(prefix = 'dt10-docker-config-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory tempDockerConfig made. */
export function removeTempDockerConfigs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeContext(configDir: string, name: string, spec: ContextSpec): void {
  const hash = createHash('sha256').update(name).digest('hex');
  const metaDir = join(configDir, 'contexts', 'meta', hash);
  mkdirSync(metaDir, { recursive: true });
  writeFileSync(
    join(metaDir, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: { Description: spec.description ?? '' },
      Endpoints: { docker: { Host: spec.host, SkipTLSVerify: spec.skipTlsVerify ?? false } },
    }),
  );
  if (spec.tls) {
    const tlsDir = join(configDir, 'contexts', 'tls', hash, 'docker');
    mkdirSync(tlsDir, { recursive: true });
    for (const [file, source] of Object.entries(spec.tls))
      if (source !== undefined) copyFileSync(source, join(tlsDir, `${file}.pem`));
  }
}

/** config.json with `currentContext`, as `docker context use NAME` leaves it. */
export function useContext(configDir: string, name: string): void {
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ auths: {}, currentContext: name }));
}
