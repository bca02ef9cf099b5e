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
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  write(decision: Decision): void {
    const line = { time: this.clock().toISOString(), ...decision };
    line.durationMs = Math.round(decision.durationMs * 1000) / 1000;
    this.out.write(`${JSON.stringify(line)}\n`);
  }
}
