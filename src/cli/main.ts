// The dt10 command line: parses arguments with commander and maps every failure to an exit code.
import { Command, CommanderError, Option } from 'commander';
import { TOOL_VERSION } from '../version.js';
import { ExitCode, UsageError } from './exit.js';
import { type RulesOptions, runExplain, runRules } from './rules.js';
import { FORMATS } from '../report/index.js';
import { runScan, type ScanCommandOptions } from './scan.js';
import type { ProbeCommandOptions } from '../probe/command.js';
import type { FixCommandOptions } from '../fix/command.js';
import { addAdmissionCommand } from '../serve/admission/cli.js';
import { addAuthzCommand } from '../serve/authz/cli.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function buildProgram(setExit: (code: ExitCode) => void): Command {
  const program = new Command('dt10')
    .description('Audit container security against the OWASP Docker Top 10 (D01–D10)')
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError();
  const engines: (string | true)[] = [];
  program
    .command('scan')
    .description(
      'scan Dockerfiles, compose files, Kubernetes manifests, docker run lines, daemon configuration, image archives and live engines',
    )
    .argument('[paths...]', 'files and directories to scan; "-" reads standard input', [])
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding is at or above this severity, or "none" (default: the config file\'s failOn, else high)',
    )
    .option('-c, --config <file>', 'config file (default: .dt10.yaml found upward from the first path)')
    .option('--no-config', 'use no config file')
    .option(
      '--input-type <type>',
      'type of standard input: dockerfile, compose, kubernetes, shell, makefile or markdown',
    )
    .option('--no-color', 'never colour the text report')
    .option(
      '--allowed-registries <list>',
      'registries images may come from (turns D05.untrusted-registry on)',
    )
    .option(
      '--environment-labels <list>',
      'label keys naming the environment (default env,environment,stage)',
    )
    .option(
      '--production-values <list>',
      'values of those labels that mean production (default prod,production)',
    )
    .option('--tier-labels <list>', 'label keys naming the tier (default tier)')
    .option('--tiers <list>', 'tiers that must not share a network, in order (default frontend,backend,db)')
    .option('--now <date>', 'judge end-of-life dates as of this day instead of today (e.g. 2027-06-30)')
    .option('--digest-severity <severity>', 'severity of an image reference without a digest (default low)')
    .option('--baseline <file>', 'report only findings not in this baseline (and count the fixed ones)')
    .option('--write-baseline <file>', 'record the current findings as the baseline in this file')
    .option(
      '--engine [url]',
      'also audit a live Docker engine: unix:///path, tcp://host:port or ssh://[user@]host[:port] (one ssh ' +
        'process runs "docker system dial-stdio" there); repeatable; bare: DOCKER_HOST, else DOCKER_CONTEXT, ' +
        "else the Docker CLI's current context, else the default socket",
    )
    // Commander keeps only the last value of an option whose argument is optional (a bare `--engine` would
    // replace the URLs before it, and one before a URL would break a collecting parser): collect them here.
    .on('option:engine', function (this: Command, url: string | null) {
      engines.push(url ?? true);
      this.setOptionValue('engine', [...engines]);
    })
    .option(
      '--context <name>',
      'also audit the engine of a Docker CLI context (as docker context ls lists them; DOCKER_CONFIG or ' +
        '~/.docker); repeatable, combines with --engine; findings name the engine by the context',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--tlscacert <file>',
      'CA certificate of a TLS --engine (default: DOCKER_CERT_PATH/ca.pem with DOCKER_TLS_VERIFY; ' +
        'a context has its own)',
    )
    .option('--tlscert <file>', 'client certificate for a TLS --engine')
    .option('--tlskey <file>', 'client key for a TLS --engine')
    .option(
      '--timeout <seconds>',
      'how long an engine may send nothing before its request fails (default 10)',
    )
    .option(
      '--image <file>',
      'also audit an image: a docker save archive, or an OCI layout (directory or tar); repeatable. ' +
        '.tar files and OCI layout directories found under the paths are audited too. With --engine, a ' +
        'name that is not a file is exported from each engine (GET /images/{name}/get) and only the image ' +
        'is audited, not the engine',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--host',
      'also audit the host dt10 runs on from its files (/proc, /etc, /boot, /var): patch state, listening ' +
        'management interfaces, Docker socket and group, user namespaces, audit rules, time sync; read-only',
    )
    .option(
      '--root <dir>',
      'with --host: read the host filesystem mounted at DIR (e.g. /host in an audit container); implies --host',
    )
    .option(
      '--platform <os/arch[/variant]>',
      'the image to read from a multi-platform OCI index (default linux/amd64)',
    )
    .option(
      '--no-processes',
      "skip running containers' processes and filesystem changes (the engine runs ps in each: slow on large engines)",
    )
    .action(async (paths: string[], options: ScanCommandOptions) => {
      setExit(
        await runScan(paths, options, {
          stdout: process.stdout,
          stderr: process.stderr,
          readStdin,
          environment: process.env,
          now: new Date(),
        }),
      );
    });
  program
    .command('rules')
    .description('list the rules (the catalogue)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .option('--category <ids>', 'only these categories, e.g. D04 or D03,D04')
    .option('--severity <severity>', 'only rules at or above this severity')
    .action((options: RulesOptions) => {
      setExit(runRules(options, (text) => process.stdout.write(text)));
    });
  program
    .command('explain')
    .description('explain one rule: why, how to fix, bad and good examples')
    .argument('<rule-id>', 'a rule id such as D04.privileged')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .action((id: string, options: { format: string }) => {
      setExit(runExplain(id, options.format, (text) => process.stdout.write(text)));
    });
  program
    .command('fix')
    .description(
      'fix findings in place in compose files, Kubernetes manifests, Dockerfiles, daemon.json and docker run lines, keeping comments and layout',
    )
    .argument('[paths...]', 'files and directories to fix', [])
    .option('--dry-run', 'print the fixes as a unified diff and change nothing')
    .option('--rules <ids>', 'only these rules, e.g. D04.privileged,D09.writable-rootfs')
    .option('--category <ids>', 'only rules of these categories, e.g. D04')
    .option(
      '--opt-in <ids>',
      'also apply these opt-in fixes, which change what a workload can reach (D03.port-all-interfaces)',
    )
    .option('-c, --config <file>', 'the config file (default: .dt10.yaml found upward from the first path)')
    .option('--no-config', 'use no config file')
    .action(async (paths: string[], options: FixCommandOptions) => {
      setExit(
        await (
          await import('../fix/command.js')
        ).runFix(paths, options, {
          stdout: process.stdout,
          stderr: process.stderr,
          environment: process.env,
          now: new Date(),
        }),
      );
    });
  program
    .command('probe')
    .description(
      'connect to management interfaces (Docker API, etcd, kubelet, Kubernetes API, Redis, registry) and report ' +
        'those that answer without authentication; opt-in, never part of a scan',
    )
    .argument(
      '<targets...>',
      'HOST, HOST:PORT[,PORT…] or [IPv6]:PORTS; PORT/service names the protocol (docker-api, etcd, ' +
        'kubernetes-api, kubelet, redis, registry); default ports 2375,2376,2379,2380,6443,10250,10255,6379,5000',
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity, or "none"', 'high')
    .option('--timeout <seconds>', 'how long one connection or request may take', '3')
    .option('--concurrency <n>', 'ports probed at once', '16')
    .action(async (targets: string[], options: ProbeCommandOptions) => {
      const { runProbe } = await import('../probe/command.js');
      setExit(await runProbe(targets, options, { stdout: process.stdout, stderr: process.stderr }));
    });
  const serve = program
    .command('serve')
    .description('enforce the rules at admission: a Kubernetes webhook or a Docker authorization plugin');
  addAdmissionCommand(serve, setExit);
  addAuthzCommand(serve, setExit);
  return program;
}

export async function main(argv: string[]): Promise<ExitCode> {
  let code: ExitCode = ExitCode.Clean;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Clean : ExitCode.UsageOrInput;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`dt10: ${error.message}\n`);
      return ExitCode.UsageOrInput;
    }
    process.stderr.write(
      `dt10: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return ExitCode.UsageOrInput;
  }
  return code;
}
