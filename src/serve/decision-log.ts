// One JSON line per admission decision (the guide's D10: who asked for what, and what was decided), written
// to a stream so that the server's log collector keeps it. Secret values never reach it: findings' messages
// are masked by the rules, and the log holds rule ids, not messages.

export interface Decision {
  /** Which server decided. */
  source: 'admission' | 'authz';
  /** `Deployment shop/web`, `container create web (busybox:1.36)`. */
  object: string;
  decision: 'allow' | 'deny' | 'warn' | 'error';
  /** Rules whose findings denied (or warned, in warn mode). */
  rules: string[];
  /** Rules whose findings were below the deny severity: allowed, but worth knowing about. */
  warnings?: string[];
  /** Who asked, when the request says so (Kubernetes `userInfo.username`, Docker's `User`). */
  user?: string;
  /** Kubernetes `uid` of the review, to match the API server's audit log. */
  uid?: string;
  /** Why an error decision was taken. */
  reason?: string;
  durationMs: number;
}

export class DecisionLog {
  private pending: string[] = [];

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Lines of one turn of the event loop leave in one write: under load a webhook answers many reviews per
   * turn, and a write per line to a file or pipe is a system call each. They are written before the loop
   * waits for I/O again, so before any answer they belong to reaches its client.
   */
  write(decision: Decision): void {
    const line = { time: this.clock().toISOString(), ...decision };
    line.durationMs = Math.round(decision.durationMs * 1000) / 1000;
    if (this.pending.push(`${JSON.stringify(line)}\n`) === 1) setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.out.write(text);
  }
}
