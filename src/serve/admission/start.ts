// `dt10 serve admission` flags → a running webhook: checks the flags (a bad one is a UsageError, exit 2),
// loads the policy and the key pair, listens, watches the key pair, and closes on request.
import type { AddressInfo } from 'node:net';
import { UsageError } from '../../cli/exit.js';
import { DecisionLog } from '../decision-log.js';
import { ServerMetrics } from '../metrics.js';
import { loadServePolicy } from '../policy.js';
import type { FailurePolicy, Mode } from './decision.js';
import { AdmissionHandler } from './handler.js';
import { createAdmissionServer } from './server.js';
import { KeyPairWatcher, readKeyPair } from './tls.js';

export interface AdmissionFlags {
  cert?: string;
  key?: string;
  port?: string;
  address?: string;
  mode?: string;
  denyOn?: string;
  config?: string;
  exemptNamespace?: string[];
  failurePolicy?: string;
}

export interface AdmissionIO {
  /** The decision log: one JSON line per answer. */
  stdout: NodeJS.WritableStream;
  /** Operational lines: listening, certificate reloads. */
  stderr: NodeJS.WritableStream;
}

export interface RunningAdmission {
  /** `https://127.0.0.1:8443` */
  url: string;
  port: number;
  /** Stops accepting, lets requests in flight finish (at most `graceMs`), stops watching the key pair. */
  close(graceMs?: number): Promise<void>;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}

function portOf(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port <= 65535)) throw new UsageError(`--port must be a number from 0 to 65535; got "${value}"`);
  return port;
}

export async function startAdmission(flags: AdmissionFlags, io: AdmissionIO): Promise<RunningAdmission> {
  if (flags.cert === undefined || flags.key === undefined)
    throw new UsageError(
      'serve admission needs --cert FILE and --key FILE (the API server calls webhooks over HTTPS)',
    );
  const files = { cert: flags.cert, key: flags.key };
  const port = portOf(flags.port ?? '8443');
  const address = flags.address ?? '0.0.0.0';
  const mode = oneOf<Mode>('--mode', flags.mode ?? 'enforce', ['enforce', 'warn']);
  const failurePolicy = oneOf<FailurePolicy>('--failure-policy', flags.failurePolicy ?? 'fail', [
    'fail',
    'ignore',
  ]);
  const exemptNamespaces = new Set(
    (flags.exemptNamespace ?? [])
      .flatMap((value) => value.split(','))
      .map((name) => name.trim())
      .filter(Boolean),
  );
  const policy = await loadServePolicy({
    ...(flags.config !== undefined ? { config: flags.config } : {}),
    ...(flags.denyOn !== undefined ? { denyOn: flags.denyOn } : {}),
  });
  let keyPair;
  try {
    keyPair = readKeyPair(files);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const metrics = new ServerMetrics('dt10_admission');
  const handler = new AdmissionHandler({
    policy,
    mode,
    failurePolicy,
    exemptNamespaces,
    log: new DecisionLog(io.stdout),
    metrics,
  });
  const server = createAdmissionServer({ keyPair, handler, metrics });
  const log = (line: string): void => void io.stderr.write(`dt10 serve admission: ${line}\n`);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new UsageError(`cannot listen on ${address}:${port}: ${error.code ?? error.message}`)),
    );
    server.listen(port, address, () => resolve());
  });
  const watcher = new KeyPairWatcher(files, keyPair, (pair) => server.setSecureContext(pair), log);
  watcher.start();
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  const url = `https://${host}:${bound.port}`;
  log(
    `listening on ${url} (mode ${mode}, deny on ${policy.denyAt}, failure policy ${failurePolicy}` +
      `${exemptNamespaces.size > 0 ? `, exempt namespaces ${[...exemptNamespaces].join(', ')}` : ''})`,
  );
  return {
    url,
    port: bound.port,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        watcher.close();
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
