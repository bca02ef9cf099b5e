// A progress line on standard error while large engines are read, only when standard error is a terminal:
// never in a file, a pipe or CI logs, and never mixed into a report (reports go to standard output).
const MIN_CONTAINERS = 100;
const EVERY_MS = 100;

export interface ProgressLine {
  update(engine: string, done: number, total: number): void;
  end(): void;
}

export function progressLine(stream: NodeJS.WritableStream & { isTTY?: boolean }): ProgressLine | undefined {
  if (stream.isTTY !== true) return undefined;
  const states = new Map<string, { done: number; total: number }>();
  let last = 0;
  let shown = false;
  return {
    update(engine, done, total) {
      states.set(engine, { done, total });
      const now = Date.now();
      if (total < MIN_CONTAINERS || (now - last < EVERY_MS && done < total)) return;
      last = now;
      shown = true;
      const parts = [...states].map(([name, state]) => `${name} ${state.done}/${state.total}`);
      stream.write(`\r\u001b[2Kdt10: reading containers: ${parts.join(', ')}`);
    },
    end() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
