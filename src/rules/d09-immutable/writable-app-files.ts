// D09: the image's files are writable by the user it runs as: COPY/ADD --chown or RUN chown to that user,
// or chmod making files world-writable. An attacker inside the container can then rewrite the application
// itself, and the change persists for the container's life.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { BuildSpec } from '../../subjects/build-spec.js';
import { describeStage, effectiveUser, finalImageStages, inLineOrder } from '../shared/build.js';
import { instructionEvidence } from '../shared/command-secrets.js';
import { argumentsOf, programOf, runCommands } from '../shared/shell.js';
import { isRootUser } from '../shared/workload.js';

/** Places meant to be written at run time: owning or opening them is not the finding. */
const WRITABLE_PLACES =
  /^\/(tmp|var\/tmp|dev\/shm|run|var\/run|var\/log|var\/cache|var\/lib|home|data)(\/|$)/;

function userPart(spec: string): string {
  return spec.trim().split(':')[0]!.trim();
}

/** `useradd -u 10001 app`, `adduser -D -u 10001 app`: names and UIDs the build creates, both ways. */
function userIds(spec: BuildSpec): Map<string, string> {
  const ids = new Map<string, string>();
  for (const stage of finalImageStages(spec))
    for (const run of stage.runs)
      for (const command of runCommands(run)) {
        if (!['useradd', 'adduser'].includes(programOf(command))) continue;
        const args = argumentsOf(command);
        const flag = args.findIndex((w) => /^(-u|--uid)$/.test(w));
        const uid =
          flag === -1
            ? /^--uid=(\d+)$/.exec(args.find((w) => w.startsWith('--uid=')) ?? '')?.[1]
            : args[flag + 1];
        const name = args[args.length - 1];
        if (uid === undefined || name === undefined || name.startsWith('-')) continue;
        ids.set(name, uid);
        ids.set(uid, name);
      }
  return ids;
}

/** True for `777`, `0666`, `o+w`, `a+rwx`, `go+w`: writable by every user; a sticky bit (`1777`, `+t`) is a shared directory. */
function worldWritable(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const sticky = mode.length === 4 && (Number(mode[0]) & 1) === 1;
    return !sticky && (Number(mode[mode.length - 1]) & 2) === 2;
  }
  const clauses = mode.split(',');
  if (clauses.some((clause) => /t/.test(clause.replace(/^[ugoa]*[-+=]/, '')) && /^[ugoa]*[+=]/.test(clause)))
    return false;
  return clauses.some((clause) => /^[ugoa]*[oa][ugoa]*[+=][rwxXst]*w/.test(clause));
}

export default defineRule({
  id: 'D09.writable-app-files',
  title: 'Application files writable by the user that runs them',
  category: 'D09',
  severity: 'medium',
  subject: 'build',
  targets: ['dockerfile'],
  threats: [7, 8],
  cis: [],
  related: {},
  rationale:
    "Running as a non-root user only protects the application's own files if that user cannot write them. When the code and configuration belong to the runtime user (COPY --chown, RUN chown) or are world-writable (chmod 777), an attacker who gets code execution can rewrite the application, plant a backdoor that survives restarts of the process, or change its configuration — the opposite of an immutable container.",
  remediation:
    'Leave the application owned by root and readable by the runtime user; give that user only the directories it must write, better as volumes or tmpfs:\n  COPY --chown=root:root --chmod=0755 app/ /app/\n  RUN mkdir -p /app/cache && chown 10001:10001 /app/cache\n  USER 10001:10001\nRun the container with a read-only root filesystem (`read_only: true`, `readOnlyRootFilesystem: true`).',
  references: [
    'https://docs.docker.com/reference/dockerfile/#copy---chown---chmod',
    'https://docs.docker.com/build/building/best-practices/#user',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM node:24-slim\nWORKDIR /app\nCOPY --chown=node:node . /app\nUSER node\nCMD ["node", "server.js"]\n',
      good: 'FROM node:24-slim\nWORKDIR /app\nCOPY --chown=root:root . /app\nUSER node\nCMD ["node", "server.js"]\n',
    },
  ],
  check(spec) {
    const user = effectiveUser(spec, spec.finalStage);
    // Root can write everything anyway: D01.image-root-user reports that.
    if (user && isRootUser(user.value)) return [];
    const runtime = user === undefined ? undefined : userPart(user.value);
    const ids = userIds(spec);
    const isRuntimeUser = (owner: string): boolean => {
      const name = userPart(owner);
      return (
        runtime !== undefined && (name === runtime || ids.get(name) === runtime || ids.get(runtime) === name)
      );
    };
    const violations: Violation[] = [];
    for (const stage of finalImageStages(spec)) {
      const where = `${describeStage(spec, stage)} of ${spec.path}`;
      for (const copy of stage.copies) {
        const problems: string[] = [];
        if (copy.chown !== undefined && isRuntimeUser(copy.chown) && !WRITABLE_PLACES.test(copy.destination))
          problems.push(`owned by ${copy.chown}, the user the image runs as`);
        if (copy.chmod !== undefined && worldWritable(copy.chmod))
          problems.push(`world-writable (--chmod=${copy.chmod})`);
        if (problems.length === 0) continue;
        violations.push({
          message: `${copy.keyword} in ${where} puts files into ${copy.destination} ${problems.join(' and ')}: the running application can rewrite them`,
          location: copy.at,
          evidence: instructionEvidence(
            copy.keyword,
            `${copy.chown === undefined ? '' : `--chown=${copy.chown} `}${copy.chmod === undefined ? '' : `--chmod=${copy.chmod} `}${copy.heredoc ? '<<…' : copy.sources.join(' ')} ${copy.destination}`,
          ),
        });
      }
      for (const run of stage.runs) {
        const problems: string[] = [];
        const commands = runCommands(run);
        // `mkdir -p /app/cache && chown app /app/cache` makes a place to write, not writable code.
        const created = new Set(
          commands
            .filter((command) => programOf(command) === 'mkdir')
            .flatMap((command) => argumentsOf(command).filter((word) => !word.startsWith('-')))
            .map((path) => path.replace(/\/+$/, '')),
        );
        for (const command of commands) {
          const program = programOf(command);
          if (program !== 'chown' && program !== 'chmod') continue;
          const [spec0, ...paths] = argumentsOf(command).filter((word) => !word.startsWith('-'));
          const targets = paths.filter(
            (path) =>
              !path.includes('$') && !WRITABLE_PLACES.test(path) && !created.has(path.replace(/\/+$/, '')),
          );
          if (spec0 === undefined || targets.length === 0) continue;
          if (program === 'chown' && isRuntimeUser(spec0))
            problems.push(`chown ${spec0} ${targets.join(' ')} (the user the image runs as)`);
          if (program === 'chmod' && worldWritable(spec0))
            problems.push(`chmod ${spec0} ${targets.join(' ')} (world-writable)`);
        }
        if (problems.length === 0) continue;
        violations.push({
          message: `RUN in ${where} makes files writable by the running application: ${problems.join(', ')}`,
          location: run.at,
          evidence: instructionEvidence('RUN', run.command),
        });
      }
    }
    return inLineOrder(violations);
  },
});
