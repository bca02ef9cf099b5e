// The users and groups a build creates in its final image (`useradd`, `adduser`, `groupadd`, `addgroup` in
// RUN lines of the final stage and the stages it is built FROM), with their numeric ids where the command
// fixes them: the fix then switches to an account the Dockerfile already makes instead of adding another.
import type { BuildSpec } from '../subjects/build-spec.js';
import { finalImageStages } from '../rules/shared/build.js';
import { argumentsOf, programOf, runCommands } from '../rules/shared/shell.js';
import type { UserTool } from './dockerfile-base.js';

export interface Account {
  name: string;
  uid?: number;
  gid?: number;
}

export interface Accounts {
  users: Account[];
  /** Group names, with the GID when the command gives it. */
  groups: Map<string, number | undefined>;
}

/** Options that take a value, per program (shadow's and BusyBox's short options, Debian's long ones). */
const WITH_VALUE: Record<string, Set<string>> = {
  useradd: new Set(
    '-u --uid -g --gid -G --groups -d --home-dir -s --shell -c --comment -e --expiredate -f --inactive -k --skel -K --key -p --password -R --root -P --prefix -b --base-dir -Z --selinux-user'.split(
      ' ',
    ),
  ),
  adduser: new Set(
    '-h --home -g --gecos -s --shell -G --ingroup -u --uid -k --skel --gid --comment --conf --firstuid --lastuid --firstgid --lastgid'.split(
      ' ',
    ),
  ),
  groupadd: new Set('-g --gid -K --key -p --password -R --root -P --prefix'.split(' ')),
  addgroup: new Set('-g --gid --conf --firstgid --lastgid'.split(' ')),
};

interface Parsed {
  options: Map<string, string>;
  positional: string[];
  flags: Set<string>;
}

function parseArguments(program: string, args: readonly string[]): Parsed {
  const withValue = WITH_VALUE[program] ?? new Set<string>();
  const options = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    const long = /^(--[a-z-]+)=(.*)$/.exec(word);
    if (long) options.set(long[1]!, long[2]!);
    else if (withValue.has(word) && i + 1 < args.length) options.set(word, args[++i]!);
    else if (word.startsWith('-')) flags.add(word);
    else positional.push(word);
  }
  return { options, positional, flags };
}

const number = (value: string | undefined): number | undefined =>
  value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;

function option(parsed: Parsed, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = parsed.options.get(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A group given by name or number: its GID when known. */
function gidOf(group: string | undefined, groups: Accounts['groups']): number | undefined {
  return number(group) ?? (group === undefined ? undefined : groups.get(group));
}

export function createdAccounts(spec: BuildSpec, tool: UserTool): Accounts {
  const accounts: Accounts = { users: [], groups: new Map() };
  for (const stage of finalImageStages(spec))
    for (const run of stage.runs)
      for (const command of runCommands(run)) {
        const program = programOf(command);
        if (!(program in WITH_VALUE)) continue;
        const parsed = parseArguments(program, argumentsOf(command));
        const [name, second] = parsed.positional;
        if (name === undefined || name.includes('$')) continue;
        if (program === 'groupadd' || program === 'addgroup') {
          // `addgroup USER GROUP` adds a user to a group; it creates nothing.
          if (second === undefined) accounts.groups.set(name, number(option(parsed, '-g', '--gid')));
          continue;
        }
        // `adduser USER GROUP` without options adds an existing user to a group.
        if (program === 'adduser' && second !== undefined && parsed.options.size + parsed.flags.size === 0)
          continue;
        const uid = number(option(parsed, '-u', '--uid'));
        const group =
          program === 'useradd' ? option(parsed, '-g', '--gid') : option(parsed, '-G', '--ingroup', '--gid');
        // BusyBox's adduser without a group makes one of the user's name whose GID is the UID.
        const gid =
          group === undefined && program === 'adduser' && tool === 'busybox'
            ? uid
            : gidOf(group, accounts.groups);
        const user: Account = { name };
        if (uid !== undefined) user.uid = uid;
        if (gid !== undefined) user.gid = gid;
        accounts.users.push(user);
      }
  return accounts;
}
