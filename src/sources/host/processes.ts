// The host's processes from /proc: one stat and one cmdline read per process, in parallel within bounds.
// Readers that need more of a process (its fds, its maps) read those for the few processes they care about.
import { readFile } from 'node:fs/promises';
import type { HostContext } from './context.js';

export interface HostProcess {
  pid: number;
  /** `comm` from /proc/<pid>/stat: the name, at most 15 characters. */
  name: string;
  /** The argument vector; empty for kernel threads (and processes that exited while being read). */
  cmdline: string[];
  /** Real UID, from /proc/<pid>/status. */
  uid?: number;
  /** Start time in clock ticks after boot (field 22 of stat). */
  startTicks: number;
}

/** Files of /proc read at once: enough to hide latency, few enough to stay under file descriptor limits. */
const CONCURRENCY = 64;

/** Parses /proc/<pid>/stat: `pid (comm) state ppid …`; comm may itself hold spaces and parentheses. */
export function parseStat(text: string): { name: string; startTicks: number } | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const fields = text.slice(close + 2).split(' ');
  // Fields after comm start at field 3 (state); starttime is field 22.
  const startTicks = Number(fields[22 - 3]);
  if (!Number.isFinite(startTicks)) return undefined;
  return { name: text.slice(open + 1, close), startTicks };
}

export async function readProcesses(context: HostContext): Promise<HostProcess[]> {
  const names = await context.list('/proc', 'processes');
  if (names === undefined) return [];
  const pids = names.filter((name) => /^\d+$/.test(name)).map(Number);
  const result: (HostProcess | undefined)[] = new Array(pids.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pids.length) {
      const index = next++;
      const pid = pids[index]!;
      const base = context.path(`/proc/${pid}`);
      try {
        const [stat, cmdline, status] = await Promise.all([
          readFile(`${base}/stat`, 'utf8'),
          readFile(`${base}/cmdline`, 'utf8').catch(() => ''),
          readFile(`${base}/status`, 'utf8').catch(() => ''),
        ]);
        const parsed = parseStat(stat);
        if (parsed === undefined) continue;
        const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
        result[index] = {
          pid,
          name: parsed.name,
          cmdline: cmdline === '' ? [] : cmdline.replace(/\0$/, '').split('\0'),
          ...(uid !== undefined ? { uid: Number(uid) } : {}),
          startTicks: parsed.startTicks,
        };
      } catch {
        // The process exited while being read.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pids.length) }, worker));
  return result.filter((p): p is HostProcess => p !== undefined).sort((a, b) => a.pid - b.pid);
}
