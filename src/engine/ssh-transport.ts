// HTTP to an engine through a command's standard input and output, as the Docker CLI reaches an ssh://
// engine: `ssh … -- host docker system dial-stdio` runs on this machine, and the docker CLI on the remote
// host joins its stdio to the engine's socket. One process carries one connection, so the agent keeps at
// most one: every request of an engine goes over the same ssh process (one login, one remote docker
// process), one request after the other. A process that fails is an error quoting the end of its stderr,
// and the agent starts no other after a process that never answered.
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { basename } from 'node:path';
import { Duplex } from 'node:stream';

/** Where an ssh engine is: the parts of `ssh://[user@]host[:port][/socket]`. */
export interface SshTarget {
  host: string;
  user?: string;
  port?: number;
  /** The engine's socket on the remote host; else the remote docker CLI's default (its DOCKER_HOST). */
  socketPath?: string;
}

/** A word the remote shell reads as itself: ssh hands the remote command to the login shell as one string. */
function shellWord(word: string): string {
  return /^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line the Docker CLI runs for an ssh:// engine, with BatchMode (never a password or host-key
 * prompt: standard input is the HTTP stream) and the request timeout as ssh's connect timeout.
 */
export function sshCommand(target: SshTarget, timeoutMs: number): string[] {
  const remote = ['docker'];
  if (target.socketPath !== undefined) remote.push(shellWord(`--host=unix://${target.socketPath}`));
  remote.push('system', 'dial-stdio');
  return [
    'ssh',
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${Math.max(1, Math.ceil(timeoutMs / 1000))}`,
    '-T',
    ...(target.user !== undefined ? ['-l', target.user] : []),
    ...(target.port !== undefined ? ['-p', String(target.port)] : []),
    // "--": whatever the host is, ssh reads it as the host.
    '--',
    target.host,
    ...remote,
  ];
}

/** A connection command that could not start, or ended before its connection did. */
export class CommandConnectionError extends Error {
  override name = 'CommandConnectionError';
}

const STDERR_KEPT = 4096;

/** The last lines of what the command wrote to stderr, on one line. */
function stderrTail(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const tail = lines.slice(-4).join(' | ');
  return tail.length > 600 ? `…${tail.slice(-600)}` : tail;
}

type Outcome = 'answered' | 'silent';

/**
 * A running command as a socket for node:http: writes go to its stdin, its stdout is read. It has what the
 * http module asks of a socket (setTimeout, ref, unref, setKeepAlive, setNoDelay). It ends cleanly when the
 * command exits 0 after answering; otherwise it is destroyed with a CommandConnectionError.
 */
class CommandSocket extends Duplex {
  /** Idle milliseconds before 'timeout' (0: never), as net.Socket has it. */
  timeout = 0;
  private readonly child: ChildProcess;
  private stderr = '';
  private answered = false;
  private ended = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    argv: readonly string[],
    private readonly name: string,
    /** Called once: how the connection ended, and its error unless the command exited 0 after answering. */
    private readonly onEnd: (outcome: Outcome, error?: Error) => void,
  ) {
    super({ allowHalfOpen: false });
    const [file = '', ...args] = argv;
    this.child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const { stdin, stdout, stderr } = this.child;
    stdout?.on('data', (chunk: Buffer) => {
      this.answered = true;
      this.touch();
      if (!this.push(chunk)) stdout.pause();
    });
    stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.stderr = (this.stderr + text).slice(-STDERR_KEPT);
    });
    // EPIPE once the command is gone: its exit status says why.
    stdin?.on('error', () => undefined);
    this.child.once('error', (error) => {
      this.destroy(new CommandConnectionError(`cannot run ${file}: ${error.message}`));
    });
    this.child.once('close', (code, signal) => {
      if (this.destroyed) return;
      if (code === 0 && this.answered) {
        this.ended = true;
        this.onEnd('answered');
        this.push(null);
        return;
      }
      const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
      const said = stderrTail(this.stderr);
      const failure = new CommandConnectionError(
        `${this.name} ${how}${this.answered ? '' : ' before the engine answered'}${said !== '' ? `: ${said}` : ''}`,
      );
      this.destroy(failure);
    });
  }

  override _read(): void {
    this.child.stdout?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.touch();
    const stdin = this.child.stdin;
    if (!stdin || stdin.destroyed) return callback();
    // A failed write is no error of its own: the command's exit, and its stderr, will say what happened.
    stdin.write(chunk, () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.child.stdin?.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearIdle();
    if (!this.ended) {
      this.ended = true;
      this.onEnd(this.answered ? 'answered' : 'silent', error ?? undefined);
    }
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    this.child.stdin?.destroy();
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
    callback(error);
  }

  setTimeout(ms: number, callback?: () => void): this {
    this.timeout = ms;
    if (callback) {
      if (ms === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    this.touch();
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  /** Keeps node running while the connection is in use; an idle one (in the agent's pool) does not. */
  ref(): this {
    for (const handle of this.handles()) handle.ref?.();
    return this;
  }

  unref(): this {
    for (const handle of this.handles()) handle.unref?.();
    return this;
  }

  private handles(): { ref?(): void; unref?(): void }[] {
    const { stdin, stdout, stderr } = this.child;
    return [this.child, stdin, stdout, stderr].filter((handle) => handle !== null) as {
      ref?(): void;
      unref?(): void;
    }[];
  }

  private touch(): void {
    this.clearIdle();
    if (this.timeout > 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), this.timeout);
      this.idleTimer.unref();
    }
  }

  private clearIdle(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

/** Processes one agent may start in all: the first, and a few after connections that had worked. */
const MAX_PROCESSES = 4;

/**
 * An http.Agent whose one connection is a command's stdio (`argv`: the command and its arguments, e.g.
 * sshCommand's; tests give a local command). maxSockets is 1, since one process carries one connection;
 * callers send one request at a time (EngineClient does for ssh), so none waits in the agent's queue. A
 * connection that ends after it had answered may be replaced by a new process; once a process failed
 * without answering (no login, no remote docker, no engine), every later connection fails with its error
 * at once, so that a broken engine never costs a process per request.
 */
export class CommandAgent extends http.Agent {
  /** How many processes this agent started. */
  started = 0;
  private failure: Error | undefined;

  constructor(
    private readonly argv: readonly string[],
    /** What errors call the command, e.g. "ssh". */
    private readonly name = basename(argv[0] ?? 'command'),
  ) {
    super({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 });
  }

  override createConnection(
    _options: http.ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): Duplex | undefined {
    const failure =
      this.failure ??
      (this.started >= MAX_PROCESSES
        ? new CommandConnectionError(
            `${this.name} was started ${this.started} times for this engine; giving up`,
          )
        : undefined);
    if (failure) {
      // The agent wants the error through the callback, never thrown.
      process.nextTick(() => callback?.(failure, undefined as unknown as Duplex));
      return undefined;
    }
    this.started++;
    return new CommandSocket(this.argv, this.name, (outcome, error) => {
      if (outcome !== 'silent' || !error || this.failure) return;
      this.failure =
        error instanceof CommandConnectionError
          ? error
          : new CommandConnectionError(`${this.name} gave no connection to the engine: ${error.message}`);
    });
  }
}
