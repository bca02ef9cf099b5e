// `dt10 serve admission`: the command's flags and lifecycle. It serves until SIGTERM or SIGINT (a pod being
// stopped, Ctrl-C), then stops accepting, lets requests in flight finish, and exits 0.
import type { Command } from 'commander';
import { ExitCode } from '../../cli/exit.js';
import { signalWaiter } from '../signals.js';
import type { AdmissionFlags } from './start.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function addAdmissionCommand(serve: Command, setExit: (code: ExitCode) => void): void {
  serve
    .command('admission')
    .description(
      'a Kubernetes validating admission webhook (HTTPS, AdmissionReview v1): refuses Pods and workload ' +
        'controllers whose containers break the rules; one JSON decision line per request on standard output',
    )
    .option('--cert <file>', 'server certificate (PEM); reloaded when it changes (required)')
    .option('--key <file>', 'private key of the certificate (PEM); reloaded when it changes (required)')
    .option('--port <port>', 'port to listen on', '8443')
    .option('--address <address>', 'address to listen on', '0.0.0.0')
    .option(
      '--mode <mode>',
      'enforce: findings at --deny-on refuse the request; warn: admit, with warnings',
      'enforce',
    )
    .option(
      '--deny-on <severity>',
      'refuse for findings at or above this severity, or "none" (default: the config file\'s failOn, else high)',
    )
    .option('-c, --config <file>', 'config file (.dt10.yaml: rules, settings, ignore); none is searched for')
    .option(
      '--exempt-namespace <namespace>',
      'admit requests in this namespace unjudged; repeatable',
      collect,
    )
    .option(
      '--failure-policy <policy>',
      'when the webhook cannot judge (a rule fails): fail refuses the request, ignore admits it with a warning',
      'fail',
    )
    .action(async (flags: AdmissionFlags) => {
      // Listen for signals before the server starts, so none arriving in between kills the process.
      const signals = signalWaiter();
      // Loaded when the command runs: a scan never pays for the server's modules.
      const { startAdmission } = await import('./start.js');
      const running = await startAdmission(flags, { stdout: process.stdout, stderr: process.stderr }).catch(
        (error: unknown) => {
          signals.stop();
          throw error;
        },
      );
      const signal = await signals.received;
      process.stderr.write(`dt10 serve admission: ${signal}: closing\n`);
      await running.close();
      setExit(ExitCode.Clean);
    });
}
