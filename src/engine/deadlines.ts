// Deadlines for many short requests with one timer. `request.setTimeout` arms and disarms a socket timer
// and its listeners for every request: at a thousand inspects that was a tenth of the scan's CPU. Here each
// request is one entry in a set, and one unref'd interval, running only while requests are in flight,
// fails those past their deadline.

export interface Expiring {
  /** Called once when the deadline passed before `done()`. */
  expire(): void;
}

export class Deadlines {
  private readonly pending = new Map<Expiring, number>();
  private timer: NodeJS.Timeout | undefined;
  /** How often the deadlines are checked: a request fails at most this much after its deadline. */
  private readonly tickMs: number;

  constructor(private readonly timeoutMs: number) {
    this.tickMs = Math.max(5, Math.min(250, Math.floor(timeoutMs / 10)));
  }

  /** Starts `entry`'s deadline; answers the function that ends it (call it when the request settles). */
  start(entry: Expiring): () => void {
    this.pending.set(entry, Date.now() + this.timeoutMs);
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.sweep(), this.tickMs);
      this.timer.unref();
    }
    return () => this.end(entry);
  }

  private end(entry: Expiring): void {
    this.pending.delete(entry);
    if (this.pending.size === 0) this.stop();
  }

  private sweep(): void {
    const now = Date.now();
    // A Map iterates in insertion order, which is deadline order: stop at the first one still running.
    for (const [entry, deadline] of this.pending) {
      if (deadline > now) break;
      this.pending.delete(entry);
      entry.expire();
    }
    if (this.pending.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
