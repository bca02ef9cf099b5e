// What each run-line fix changes in one command: flags to add, options to remove, values to replace. Each
// reads the command as its rule does (the Workload the docker-run source makes of it, and the same value
// readers), so a fix changes exactly what its rule reports.
import type { SourceLocation } from '../core/location.js';
import { isUnlimited } from '../rules/shared/missing-limit.js';
import { isRootUser } from '../rules/shared/workload.js';
import type { RunCommand, RunOption } from '../sources/docker-run/run-command.js';
import { runWorkload } from '../sources/docker-run/run-workload.js';
import { parsePortSpec, type PortSpec } from '../sources/shared/port-spec.js';
import { parseSecurityOpt } from '../sources/shared/security-opt.js';
import { asNumber } from '../sources/shared/values.js';
import { parseGoBool } from '../sources/shared/workload-builder.js';
import type { Workload } from '../subjects/workload.js';
import { CannotFix } from './edit.js';
import type { FixValues } from './types.js';

/** The rules with a run-line fix, in the order their flags are added. */
export const RUN_LINE_RULES = [
  'D01.workload-root-user',
  'D03.port-all-interfaces',
  'D04.privileged',
  'D04.capabilities-not-dropped',
  'D04.no-new-privileges',
  'D04.seccomp-disabled',
  'D07.no-memory-limit',
  'D07.no-cpu-limit',
  'D07.no-pids-limit',
  'D09.writable-rootfs',
  'D10.log-rotation-missing',
] as const;
export type RunLineRule = (typeof RUN_LINE_RULES)[number];

export interface RunLineChange {
  /** Words added after `run` / `create`. */
  add?: string[];
  remove?: RunOption[];
  replace?: { option: RunOption; value: string }[];
  /** Part of the finding this fix leaves, and why. */
  unfixed?: string;
}

interface Command {
  run: RunCommand;
  /** The command as the rules see it. */
  workload: Workload;
}

type Planner = (command: Command, values: FixValues) => RunLineChange;

/** The rules read values only here; positions do not matter. */
const NOWHERE: SourceLocation = { path: '', line: 1, column: 1 };

export function commandOf(run: RunCommand): Command {
  return { run, workload: runWorkload(run, () => NOWHERE) };
}

const named = (run: RunCommand, name: string): RunOption[] => run.options.filter((o) => o.name === name);

/** An option whose value is an expansion cannot be read, so a flag written beside it may not win. */
function literal(options: readonly RunOption[]): RunOption[] {
  for (const option of options)
    if (option.value !== undefined && /[$`]/.test(option.value))
      throw new CannotFix(
        `the value of --${option.name} is computed when the command runs (${option.value})`,
      );
  return [...options];
}

/** A switch as the source reads it: bare is true, `=value` as Go parses booleans. */
const switchValue = (option: RunOption): boolean | undefined =>
  option.value === undefined ? true : parseGoBool(option.value.trim());

/** As D03.port-all-interfaces: no address, `0.0.0.0` or `::`. */
function bindsAllInterfaces(port: PortSpec): boolean {
  if (port.hostIp === undefined) return true;
  const address = port.hostIp.trim().replace(/^\[|\]$/g, '');
  return address === '' || /^0+(\.0+){3}$/.test(address) || /^[0:]*::?[0:]*$/.test(address);
}

/** `8080:80` → `127.0.0.1:8080:80`, `[::]:8080:80` → `[::1]:8080:80`, `80/udp` → `127.0.0.1::80/udp`. */
function loopbackPort(written: string, port: PortSpec): string {
  const host = port.hostIp?.includes(':') ? '[::1]' : '127.0.0.1';
  const text = written.trim();
  const slash = text.lastIndexOf('/');
  return `${host}:${port.hostPort ?? ''}:${port.containerPort}${slash === -1 ? '' : text.slice(slash)}`;
}

/** A limit flag that is absent is added; an unlimited one (`0`, `-1`, empty, unreadable) is replaced. */
function limit(
  run: RunCommand,
  name: string,
  value: string,
  unreadable?: (written: string) => boolean,
): RunLineChange {
  const last = literal(named(run, name)).at(-1);
  if (!last) return { add: [`--${name}`, value] };
  if (last.value === undefined || unreadable?.(last.value) === true || isUnlimited(last.value))
    return { replace: [{ option: last, value }] };
  return {};
}

/** The CPU flags in the order the source prefers them: `--cpus` wins. */
const CPU_FLAGS = ['cpus', 'cpu-quota', 'cpu-count', 'cpu-percent'];

const logOptionName = (option: RunOption): string => (option.value ?? '').split('=')[0]!;

const PLANNERS: Record<RunLineRule, Planner> = {
  'D01.workload-root-user': ({ run }, values) => {
    const user = `${values.uid}:${values.uid}`;
    const last = literal(named(run, 'user')).at(-1);
    if (!last) return { add: ['--user', user] };
    const written = last.value ?? '';
    const group = written.split(':')[1]?.trim().toLowerCase();
    if (written.trim() === '' || isRootUser(written) || group === '0' || group === 'root')
      return { replace: [{ option: last, value: user }] };
    return {};
  },
  'D03.port-all-interfaces': ({ run, workload }) => {
    const left: string[] = [];
    const replace = named(run, 'publish').flatMap((option) => {
      const written = option.value ?? '';
      const port = parsePortSpec(written);
      if (!port || !bindsAllInterfaces(port)) return [];
      // One computed port is left to the user; the others are still fixed.
      if (/[$`]/.test(written)) {
        left.push(`-p ${written} is computed when the command runs`);
        return [];
      }
      return [{ option, value: loopbackPort(written, port) }];
    });
    if (workload.publishAll?.value === true)
      left.push('-P (--publish-all) publishes every exposed port on all interfaces');
    if (left.length === 0) return { replace };
    return { replace, unfixed: `${left.join('; ')}: publish on 127.0.0.1 by hand` };
  },
  'D04.privileged': ({ run }) => ({
    remove: named(run, 'privileged').filter((o) => switchValue(o) === true),
  }),
  'D04.capabilities-not-dropped': ({ workload }) =>
    workload.capDrop.some((capability) => capability.value === 'ALL') ? {} : { add: ['--cap-drop', 'ALL'] },
  'D04.no-new-privileges': ({ run, workload }) => {
    // A computed option (`--security-opt "$SEC"`) may be this one.
    const options = literal(
      named(run, 'security-opt').filter(
        (o) =>
          parseSecurityOpt(o.value ?? '').key === 'no-new-privileges' || /^[^:=]*[$`]/.test(o.value ?? ''),
      ),
    );
    if (workload.noNewPrivileges?.value === true) return {};
    if (workload.noNewPrivileges === undefined) return { add: ['--security-opt', 'no-new-privileges'] };
    // The setting in force is the last one that reads as a boolean: that one says false.
    const last = options.findLast((o) => {
      const { value } = parseSecurityOpt(o.value!);
      return value === '' || parseGoBool(value) !== undefined;
    })!;
    const value = last.value!.trim().replace(/^(no-new-privileges\s*[:=]\s*).*$/is, '$1true');
    return { replace: [{ option: last, value }] };
  },
  'D04.seccomp-disabled': ({ run }) => ({
    remove: named(run, 'security-opt').filter((o) => {
      const { key, value } = parseSecurityOpt(o.value ?? '');
      return key === 'seccomp' && value.toLowerCase() === 'unconfined';
    }),
  }),
  'D07.no-memory-limit': ({ run }, values) => limit(run, 'memory', values.memory),
  'D07.no-cpu-limit': ({ run }, values) => {
    const set = CPU_FLAGS.map((name) => literal(named(run, name)).at(-1)).find((o) => o?.value !== undefined);
    if (!set) {
      if (named(run, 'cpu-period').length > 0)
        throw new CannotFix(
          '--cpu-period is set and Docker refuses --cpus beside it: set --cpu-quota by hand',
        );
      return { add: ['--cpus', values.cpus] };
    }
    if (!isUnlimited(set.value!)) return {};
    if (set.name === 'cpus') return { replace: [{ option: set, value: values.cpus }] };
    throw new CannotFix(
      `the CPU limit is written as --${set.name} ${set.value!}: replace it with --cpus ${values.cpus} by hand`,
    );
  },
  'D07.no-pids-limit': ({ run }, values) =>
    limit(run, 'pids-limit', String(values.pids), (written) => asNumber(written) === undefined),
  'D09.writable-rootfs': ({ run, workload }) => {
    if (workload.readOnlyRootfs?.value === true) return {};
    const set = literal(named(run, 'read-only')).findLast((o) => switchValue(o) !== undefined);
    const change: RunLineChange = set
      ? { replace: [{ option: set, value: 'true' }] }
      : { add: ['--read-only'] };
    if (!workload.mounts.some((mount) => mount.target.trim().replace(/\/+$/, '') === '/tmp'))
      change.add = [...(change.add ?? []), '--tmpfs', '/tmp'];
    return change;
  },
  'D10.log-rotation-missing': ({ run, workload }, values) => {
    // Only a named json-file or local driver is judged; the daemon's default is judged in daemon.json.
    const driver = workload.logging?.driver?.value.trim().toLowerCase();
    if (driver !== 'json-file' && driver !== 'local') return {};
    const options = literal(named(run, 'log-opt'));
    const maxSize = options.findLast((o) => logOptionName(o) === 'max-size');
    const change: RunLineChange = {};
    if (maxSize) {
      if (!isUnlimited(maxSize.value!.slice('max-size='.length))) return {};
      change.replace = [{ option: maxSize, value: `max-size=${values.logMaxSize}` }];
    } else if (driver === 'local') return {};
    else change.add = ['--log-opt', `max-size=${values.logMaxSize}`];
    if (!options.some((o) => logOptionName(o) === 'max-file'))
      change.add = [...(change.add ?? []), '--log-opt', `max-file=${values.logMaxFile}`];
    return change;
  },
};

export function planChange(rule: RunLineRule, command: Command, values: FixValues): RunLineChange {
  return PLANNERS[rule](command, values);
}
