// `dt10 serve authz`: options and lifecycle. Runs the plugin until SIGTERM or SIGINT, then closes it (the
// socket file is removed) and exits 0.
import { basename, join } from 'node:path';
import { Option, type Command } from 'commander';
import { ExitCode, UsageError } from '../../cli/exit.js';
import { signalWaiter } from '../signals.js';
import type { AuthzMode, FailurePolicy } from './decision.js';
import type { MetricsServer } from './metrics-server.js';
import type { AuthzServer } from './server.js';

/** Where dockerd looks for plugin sockets by name. */
export const PLUGIN_DIR = '/run/docker/plugins';

export interface AuthzCommandOptions {
  name: string;
  socket?: string;
  mode: AuthzMode;
  denyOn?: string;
  config?: string;
  failurePolicy: FailurePolicy;
  metricsPort?: string;
}

function parsePort(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535))
    throw new UsageError(`--metrics-port must be a port number; got "${text}"`);
  return port;
}

export async function runAuthz(options: AuthzCommandOptions): Promise<ExitCode> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(options.name))
    throw new UsageError(
      `--name must be a plugin name (letters, digits, "_", ".", "-"); got "${options.name}"`,
    );
  const metricsPort = options.metricsPort !== undefined ? parsePort(options.metricsPort) : undefined;
  // Loaded when the command runs: a scan never pays for the servers' modules.
  const [
    { DecisionLog },
    { ServerMetrics },
    { loadServePolicy },
    { startMetricsServer },
    { startAuthzServer },
  ] = await Promise.all([
    import('../decision-log.js'),
    import('../metrics.js'),
    import('../policy.js'),
    import('./metrics-server.js'),
    import('./server.js'),
  ]);
  const policy = await loadServePolicy({
    ...(options.config !== undefined ? { config: options.config } : {}),
    ...(options.denyOn !== undefined ? { denyOn: options.denyOn } : {}),
  });
  const socketPath = options.socket ?? join(PLUGIN_DIR, `${options.name}.sock`);
  const metrics = new ServerMetrics('dt10_authz');
  // Listening before the server starts: a signal during startup still closes it and removes the socket.
  const signals = signalWaiter();
  let server: AuthzServer;
  let metricsServer: MetricsServer | undefined;
  try {
    server = await startAuthzServer({
      socketPath,
      policy,
      mode: options.mode,
      failurePolicy: options.failurePolicy,
      log: new DecisionLog(process.stdout),
      metrics,
    }).catch((error: Error) => {
      throw new UsageError(`cannot listen on ${socketPath}: ${error.message}`);
    });
    if (metricsPort !== undefined)
      metricsServer = await startMetricsServer(metrics, metricsPort).catch(async (error: Error) => {
        await server.close();
        throw new UsageError(`cannot serve metrics on 127.0.0.1:${metricsPort}: ${error.message}`);
      });
  } catch (error) {
    signals.stop();
    throw error;
  }
  // dockerd finds a plugin by its socket's name in /run/docker/plugins.
  const pluginName = basename(socketPath).replace(/\.sock$/, '');
  process.stderr.write(
    `dt10 serve authz: listening on ${socketPath} (mode ${options.mode}, deny on ${policy.denyAt}, ` +
      `failure policy ${options.failurePolicy}); start dockerd with --authorization-plugin=${pluginName}\n`,
  );
  if (metricsServer)
    process.stderr.write(`dt10 serve authz: metrics on http://127.0.0.1:${metricsServer.port}/metrics\n`);
  const received = await signals.received;
  await Promise.all([server.close(), metricsServer?.close()]);
  process.stderr.write(`dt10 serve authz: ${received}: stopped\n`);
  return ExitCode.Clean;
}

export function addAuthzCommand(serve: Command, setExit: (code: ExitCode) => void): void {
  serve
    .command('authz')
    .description(
      'run a Docker authorization plugin (dockerd --authorization-plugin=NAME) that refuses container ' +
        'creates (and the HostConfig of API < 1.24 starts), limit-lifting updates and privileged execs the workload ' +
        'rules deny; runs until SIGTERM or SIGINT',
    )
    .option('--name <name>', 'plugin name: the socket is /run/docker/plugins/NAME.sock', 'dt10')
    .option(
      '--socket <path>',
      'listen on this unix socket instead (dockerd names the plugin by its file name)',
    )
    .addOption(
      new Option(
        '--mode <mode>',
        'enforce: refuse denied requests; warn: allow them and log what would be refused',
      )
        .choices(['enforce', 'warn'])
        .default('enforce'),
    )
    .option(
      '--deny-on <severity>',
      'refuse requests with a finding at or above this severity, or "none" (default: the config\'s failOn, else high)',
    )
    .option('-c, --config <file>', 'config file (rules, settings, ignore entries); no file is searched for')
    .addOption(
      new Option(
        '--failure-policy <policy>',
        'when a request cannot be judged: closed refuses it, open allows it',
      )
        .choices(['closed', 'open'])
        .default('closed'),
    )
    .option('--metrics-port <port>', 'also serve Prometheus metrics at http://127.0.0.1:PORT/metrics')
    .action(async (options: AuthzCommandOptions) => {
      setExit(await runAuthz(options));
    });
}
