// Prometheus text exposition (format 0.0.4) for the servers' /metrics: counters with labels and one
// latency histogram. Small enough that a client library would add more than it saves.

type Labels = Readonly<Record<string, string>>;

/** Label values escaped as the exposition format asks (backslash, quote, newline). */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}="${escapeLabel(value)}"`).join(',')}}`;
}

function number(value: number): string {
  return value === Infinity ? '+Inf' : String(value);
}

export class Counter {
  private readonly values = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelText(labels)) ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [labels, value] of this.values) lines.push(`${this.name}${labels} ${number(value)}`);
    return lines.join('\n');
  }
}

export class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    /** Upper bounds, ascending; `+Inf` is added. */
    readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count++;
    for (const [index, bound] of this.buckets.entries()) if (value <= bound) this.counts[index]!++;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [index, bound] of this.buckets.entries())
      lines.push(`${this.name}_bucket{le="${number(bound)}"} ${this.counts[index]}`);
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`);
    lines.push(`${this.name}_sum ${this.sum}`, `${this.name}_count ${this.count}`);
    return lines.join('\n');
  }
}

/** Seconds: admission answers should take milliseconds; the API server's default timeout is 10 s. */
export const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** The metrics both servers keep, by the prefix of the server (`dt10_admission`, `dt10_authz`). */
export class ServerMetrics {
  /** By `decision`: allow, deny, warn, error, bad_request. */
  readonly requests: Counter;
  /** By `rule`: one per rule id a denied request was refused for. */
  readonly denials: Counter;
  readonly latency: Histogram;

  constructor(prefix: string) {
    this.requests = new Counter(`${prefix}_requests_total`, 'Requests answered, by decision.');
    this.denials = new Counter(`${prefix}_denials_total`, 'Denied requests, by the rule that denied them.');
    this.latency = new Histogram(
      `${prefix}_request_duration_seconds`,
      'Time from request received to answer sent.',
      LATENCY_BUCKETS,
    );
  }

  render(): string {
    return `${[this.requests.render(), this.denials.render(), this.latency.render()].join('\n')}\n`;
  }
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
