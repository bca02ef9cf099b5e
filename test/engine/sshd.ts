// A private OpenSSH server for the ssh:// engine tests: sshd on 127.0.0.1:<free port> with a host key and a
// client key made for it in a temp dir of its own (never the system's sshd, keys or known_hosts). Logging in
// as root with the client key runs the command with DOCKER_HOST set to the test engine (authorized_keys'
// environment=, PermitUserEnvironment yes), so `docker system dial-stdio` reaches that engine. The client
// side is an `ssh` wrapper to put first on PATH: it logs its arguments and runs the real ssh with this
// server's key and known_hosts (ssh reads ~/.ssh from the passwd entry, not HOME, so no environment variable
// could point it there). Needs root and Debian's openssh-server and openssh-client.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const SSH_INSTALL_HINT = 'apt-get install openssh-server openssh-client';

export interface TestSshd {
  dir: string;
  host: '127.0.0.1';
  port: number;
  /** PATH with the logging `ssh` wrapper first, which trusts this server's host key. */
  path: string;
  /** PATH with a wrapper whose known_hosts is empty: host key verification fails, as for a stranger. */
  untrustingPath: string;
  /** The argument lists the wrappers were called with so far, oldest first. */
  invocations(): string[][];
  /** How many logins sshd accepted so far. */
  logins(): number;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

function findProgram(name: string, dirs: string[]): string | undefined {
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts sshd for `dockerHost` (the test engine's unix:// URL) and waits until it listens. */
export async function startSshd(options: { dockerHost: string; timeoutMs?: number }): Promise<TestSshd> {
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  const sshd = findProgram('sshd', ['/usr/sbin', '/usr/local/sbin', ...path]);
  const ssh = findProgram('ssh', ['/usr/bin', '/usr/local/bin', ...path]);
  const keygen = findProgram('ssh-keygen', ['/usr/bin', '/usr/local/bin', ...path]);
  if (!sshd || !ssh || !keygen) throw new Error(`sshd, ssh or ssh-keygen not found: ${SSH_INSTALL_HINT}`);
  // sshd refuses to start without its privilege separation directory (Debian's service makes it at boot).
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const dir = await mkdtemp(join(tmpdir(), 'dt10-sshd-'));
  const file = (name: string) => join(dir, name);
  for (const key of ['host_key', 'client_key']) {
    const made = spawnSync(
      keygen,
      ['-q', '-t', 'ed25519', '-N', '', '-C', `dt10-test-${key}`, '-f', file(key)],
      {
        encoding: 'utf8',
      },
    );
    if (made.status !== 0) throw new Error(`ssh-keygen failed: ${made.stderr || made.error?.message}`);
  }
  const port = await freePort();
  const remoteConfig = file('remote-docker');
  mkdirSync(remoteConfig);
  await writeFile(
    // Only root's: any other user is refused (Permission denied).
    file('authorized_keys_root'),
    `environment="DOCKER_HOST=${options.dockerHost}",environment="DOCKER_CONFIG=${remoteConfig}" ` +
      readFileSync(file('client_key.pub'), 'utf8'),
    { mode: 0o600 },
  );
  await writeFile(
    file('sshd_config'),
    [
      'ListenAddress 127.0.0.1',
      `Port ${port}`,
      `HostKey ${file('host_key')}`,
      `AuthorizedKeysFile ${dir}/authorized_keys_%u`,
      `PidFile ${file('sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitUserEnvironment yes',
      // The temp dir is under /tmp, which StrictModes would refuse as group- and world-writable.
      'StrictModes no',
      'UsePAM no',
      'PrintMotd no',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  const hostKey = readFileSync(file('host_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  await writeFile(file('known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
  await writeFile(file('known_hosts_empty'), '');
  const clientConfig = (knownHosts: string) =>
    [
      'Host *',
      `  IdentityFile ${file('client_key')}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${knownHosts}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '  LogLevel ERROR',
      '',
    ].join('\n');
  await writeFile(file('ssh_config'), clientConfig(file('known_hosts')));
  await writeFile(file('ssh_config_untrusting'), clientConfig(file('known_hosts_empty')));
  const wrapper = (binDir: string, config: string) => {
    mkdirSync(binDir);
    const script = join(binDir, 'ssh');
    return writeFile(
      script,
      '#!/bin/sh\n' +
        `for argument in "$@"; do printf '%s\\t' "$argument"; done >> '${file('invocations.log')}'\n` +
        `echo >> '${file('invocations.log')}'\n` +
        `exec '${ssh}' -F '${config}' "$@"\n`,
    ).then(() => chmodSync(script, 0o755));
  };
  await wrapper(file('bin'), file('ssh_config'));
  await wrapper(file('bin-untrusting'), file('ssh_config_untrusting'));
  await writeFile(file('invocations.log'), '');

  const logPath = file('sshd.log');
  const log = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(sshd, ['-D', '-e', '-f', file('sshd_config')], { stdio: ['ignore', log, log] });
  } finally {
    closeSync(log);
  }
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', () => (exited = true));
  const onExit = () => {
    if (!exited) child.kill('SIGTERM');
  };
  process.once('exit', onExit);
  const logTail = (lines = 30) => {
    try {
      return readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };
  const stop = async () => {
    process.removeListener('exit', onExit);
    if (!exited) {
      child.kill('SIGTERM');
      for (let waited = 0; !exited && waited < 5_000; waited += 50) await sleep(50);
      if (!exited) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (!logTail(200).includes(`Server listening on 127.0.0.1 port ${port}`)) {
    if (exited || Date.now() > deadline) {
      const tail = logTail();
      await stop();
      throw new Error(
        `sshd ${exited ? 'exited' : 'did not listen'} on 127.0.0.1:${port} (it must run as root; ` +
          `${SSH_INSTALL_HINT}). Log tail:\n${tail}`,
      );
    }
    await sleep(50);
  }
  return {
    dir,
    host: '127.0.0.1',
    port,
    path: [file('bin'), ...path].join(delimiter),
    untrustingPath: [file('bin-untrusting'), ...path].join(delimiter),
    invocations: () =>
      readFileSync(file('invocations.log'), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.replace(/\t$/, '').split('\t')),
    logins: () => (logTail(100_000).match(/Accepted publickey/g) ?? []).length,
    logTail,
    stop,
  };
}
