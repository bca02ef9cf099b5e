// The fixes of a compose service, by rule. Each rule's fix is a list of steps; the caller re-parses the
// text between steps, so a step always sees the edits of the one before.
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import {
  appendItem,
  CannotFix,
  deleteItem,
  deletePair,
  type Edit,
  type EditContext,
  findPair,
  insertPairs,
  setScalar,
} from '../edit.js';
import type { FixValues } from '../types.js';
import { scalarAt, setIn } from './set-in.js';
import { isBounded, isRootSetting } from './values.js';

export type Step = (ctx: EditContext, node: YAMLMap, pod: YAMLMap | undefined) => Edit[];

export interface StepInput {
  /** The lines of the findings being fixed (a rule may report one service at several lines). */
  lines: readonly number[];
  /** The target's node in the text as it was read, where `lines` and `lineOf` apply (edits move lines). */
  original: YAMLMap | undefined;
  values: FixValues;
  lineOf: (offset: number) => number;
}

const hasAll = (items: readonly unknown[]): boolean =>
  items.some((item) => isScalar(item) && /^(CAP_)?ALL$/i.test(String(item.value).trim()));

function scalarPair(map: YAMLMap, key: string): Scalar | undefined {
  const value = findPair(map, key)?.value;
  if (value === undefined || value === null) return undefined;
  if (!isScalar(value)) throw new CannotFix(`${key} is not a single value`);
  return value;
}

/**
 * A limit the service may set at its top level or under `deploy.resources.limits`: every unlimited one is
 * set; with none set at all, the top-level key is added.
 */
function limitStep(top: string, deploy: string, value: string, quote: boolean): Step {
  return (ctx, service) => {
    const places = [[top], ['deploy', 'resources', 'limits', deploy]];
    const present = places.filter((keys) => scalarAt(service, keys) !== undefined);
    if (present.length === 0) return setIn(ctx, service, [top], { text: value, quote });
    return present.flatMap((keys) => setIn(ctx, service, keys, { text: value, quote, keeps: isBounded }));
  };
}

const LOOPBACK = '127.0.0.1';

/** `8080:80` → `127.0.0.1:8080:80`; `0.0.0.0:8080:80` and `[::]:8080:80` get the loopback of their family. */
export function loopbackPort(spec: string): string {
  const text = spec.trim();
  const v6 = /^\[([0:]*::?[0:]*)\](:.*)$/.exec(text);
  if (v6) return `[::1]${v6[2]!}`;
  const v4 = /^(0+(?:\.0+){3})?(:.*)$/.exec(text);
  if (v4 && v4[1] !== undefined) return `${LOOPBACK}${v4[2]!}`;
  // No address: `HOST:CONTAINER`, or a container port alone (an ephemeral host port).
  return text.includes(':') ? `${LOOPBACK}:${text}` : `${LOOPBACK}::${text}`;
}

export function composeSteps(ruleId: string, input: StepInput): Step[] {
  const { values } = input;
  switch (ruleId) {
    case 'D04.privileged':
      return [
        (ctx, service) => {
          const pair = findPair(service, 'privileged');
          if (!pair) return [];
          const removal = deletePair(ctx, service, pair);
          if (removal) return [removal];
          const value = scalarPair(service, 'privileged');
          return value ? [setScalar(ctx, value, 'false', false)] : [];
        },
      ];
    case 'D04.no-new-privileges':
      return [
        (ctx, service) => {
          const options = findPair(service, 'security_opt')?.value;
          if (options === undefined || options === null)
            return [insertPairs(ctx, service, [['security_opt', '[no-new-privileges:true]']])];
          if (!isSeq(options)) throw new CannotFix('security_opt is not a list');
          const existing = options.items.find(
            (item) => isScalar(item) && /^\s*no-new-privileges\s*([:=]|$)/i.test(String(item.value)),
          );
          if (isScalar(existing)) return [setScalar(ctx, existing, 'no-new-privileges:true', true)];
          return [appendItem(ctx, options, 'no-new-privileges:true')];
        },
      ];
    case 'D04.capabilities-not-dropped':
      return [
        (ctx, service) => {
          const drop = findPair(service, 'cap_drop')?.value;
          if (drop === undefined || drop === null)
            return [insertPairs(ctx, service, [['cap_drop', '[ALL]']])];
          if (!isSeq(drop)) throw new CannotFix('cap_drop is not a list');
          return hasAll(drop.items) ? [] : [appendItem(ctx, drop, 'ALL')];
        },
      ];
    case 'D09.writable-rootfs':
      return [
        (ctx, service) => setIn(ctx, service, ['read_only'], { boolean: true }),
        (ctx, service) => {
          const volumes = service.get('volumes', true);
          const tmpfsVolume =
            isSeq(volumes) && volumes.items.some((item) => isMap(item) && item.get('type') === 'tmpfs');
          return service.has('tmpfs') || tmpfsVolume
            ? []
            : [insertPairs(ctx, service, [['tmpfs', '[/tmp]']])];
        },
      ];
    case 'D04.seccomp-disabled':
      return [
        (ctx, service) => {
          const options = findPair(service, 'security_opt')?.value;
          if (!isSeq(options)) return [];
          const index = options.items.findIndex(
            (item) => isScalar(item) && /^\s*seccomp\s*[:=]\s*unconfined\s*$/i.test(String(item.value)),
          );
          if (index === -1) return [];
          const removal = deleteItem(ctx, options, index);
          if (!removal) {
            const pair = findPair(service, 'security_opt')!;
            const whole = options.items.length === 1 ? deletePair(ctx, service, pair) : undefined;
            if (whole) return [whole];
            throw new CannotFix(
              'security_opt is laid out so that its seccomp item cannot be removed cleanly',
            );
          }
          return [removal];
        },
      ];
    case 'D07.no-memory-limit':
      return [limitStep('mem_limit', 'memory', values.memory, false)];
    case 'D07.no-cpu-limit':
      return [limitStep('cpus', 'cpus', values.cpus, true)];
    case 'D07.no-pids-limit':
      return [limitStep('pids_limit', 'pids', String(values.pids), false)];
    case 'D01.workload-root-user':
      return [
        (ctx, service) =>
          setIn(ctx, service, ['user'], {
            text: `${values.uid}:${values.uid}`,
            quote: true,
            keeps: (user) => !isRootSetting(user),
          }),
      ];
    case 'D03.port-all-interfaces':
      return [
        (ctx, service) => {
          const ports = findPair(service, 'ports')?.value;
          const originalPorts = input.original ? findPair(input.original, 'ports')?.value : undefined;
          if (!isSeq(ports) || !isSeq(originalPorts)) return [];
          // The reported items, by index: other fixes of the service may have moved their lines since.
          const reported = new Set(
            originalPorts.items.flatMap((item, index) =>
              (isScalar(item) || isMap(item)) &&
              item.range &&
              input.lines.includes(input.lineOf(item.range[0]))
                ? [index]
                : [],
            ),
          );
          const edits: Edit[] = [];
          for (const [index, item] of ports.items.entries()) {
            if (!(isScalar(item) || isMap(item)) || !reported.has(index)) continue;
            if (isScalar(item)) {
              const fixed = loopbackPort(String(item.value));
              // Quoted as it was; a plain one gets quotes, since `a:b:c` is a sexagesimal number to YAML 1.1.
              const quoted = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE';
              edits.push(setScalar(ctx, item, quoted ? fixed : JSON.stringify(fixed), quoted));
            } else if (isMap(item)) {
              edits.push(
                ...setIn(ctx, item, ['host_ip'], {
                  text: LOOPBACK,
                  quote: false,
                  keeps: (ip) => ip === LOOPBACK || ip === '::1',
                }),
              );
            }
          }
          return edits;
        },
      ];
    case 'D10.log-rotation-missing':
      return [
        (ctx, service) =>
          setIn(ctx, service, ['logging', 'options', 'max-size'], {
            text: values.logMaxSize,
            quote: false,
            keeps: isBounded,
          }),
        (ctx, service) =>
          setIn(ctx, service, ['logging', 'options', 'max-file'], {
            text: String(values.logMaxFile),
            quote: true,
            keeps: () => true,
          }),
      ];
    default:
      return [];
  }
}
