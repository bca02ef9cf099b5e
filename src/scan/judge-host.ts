// `--host`: reads the host's facts (sources/host) and judges them with the host rules, and the engine
// configuration the host holds (daemon.json, the running dockerd's flags) with the engine rules.
import type { Evaluator } from '../core/evaluator.js';
import { HostError, readHost } from '../sources/host/index.js';
import type { FileOutcome } from './judge-files.js';

export async function judgeHost(root: string, evaluator: Evaluator, now: Date): Promise<FileOutcome> {
  const outcome: FileOutcome = {
    index: 0,
    kubernetes: [],
    ignores: [],
    errors: [],
    unreadable: false,
    subjects: 0,
  };
  try {
    const read = await readHost(root, { now });
    evaluator.run([read.host, ...read.engineConfigs]);
    outcome.subjects = 1 + read.engineConfigs.length;
    outcome.errors.push(...read.errors);
    // What the host's files did not say (unreadable as this user, absent on this distribution) is reported,
    // so a clean report is not mistaken for a host that passed checks dt10 could not make.
    for (const unknown of read.host.unknown)
      outcome.errors.push({ path: unknown.path, message: `unknown: ${unknown.what} (${unknown.why})` });
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
    outcome.errors.push({ path: root, message: error.message });
    outcome.unreadable = true;
  }
  return outcome;
}
