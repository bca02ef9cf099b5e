// Idle deadlines for many short requests with one timer. `request.setTimeout` arms and disarms a socket
// timer and its listeners for every request: at a thousand inspects that was a tenth of the scan's CPU.
// Here each request is one entry in a map, and one unref'd interval, running only while requests are in
// flight, fails those that got nothing for the timeout: no answer, or an answer that stopped coming. A
// large answer that keeps coming (the container list of a big engine over ssh) is never cut off. Times
// are monotonic: a clock stepped by NTP neither fires nor holds back a deadline.

export interface Expiring {
  /** Called once when the deadline passed before the entry ended. */
  expire(): void;
}

export interface Running {
  /** Something arrived: the deadline starts again from now. */
  touch(): void;
  /** The request settled: no deadline any more. */
  end(): void;
}

export class Deadlines {
  private readonly pending = new Map<Expiring, number>();
  private timer: NodeJS.Timeout | undefined;
  /** How often the deadlines are checked: a request fails at most this much after its deadline. */
  private readonly tickMs: number;

  constructor(private readonly timeoutMs: number) {
    this.tickMs = Math.max(5, Math.min(250, Math.floor(timeoutMs / 10)));
  }

  /** Starts `entry`'s deadline. */
  start(entry: Expiring): Running {
    this.pending.set(entry, performance.now() + this.timeoutMs);
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.sweep(), this.tickMs);
      this.timer.unref();
    }
    return {
      touch: () => {
        // Deleted and set again, so that the map stays in deadline order.
        if (!this.pending.delete(entry)) return;
        this.pending.set(entry, performance.now() + this.timeoutMs);
      },
      end: () => this.end(entry),
    };
  }

  private end(entry: Expiring): void {
    this.pending.delete(entry);
    if (this.pending.size === 0) this.stop();
  }

  private sweep(): void {
    const now = performance.now();
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
