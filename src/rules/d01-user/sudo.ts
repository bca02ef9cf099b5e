// D01: sudo installed, used or granted in the stages that end in the image: a way back to root.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { ImageSpec } from '../../subjects/index.js';
import { fileAt } from '../../subjects/image-spec.js';
import { describeStage, finalImageStages, inLineOrder } from '../shared/build.js';
import { instructionEvidence } from '../shared/command-secrets.js';
import { imageWho } from '../shared/image.js';
import { presentText, resolvePath } from '../shared/image-os.js';
import {
  argumentsOf,
  baseName,
  installsAny,
  packageCommands,
  programOf,
  runCommands,
} from '../shared/shell.js';

const SUDO_PACKAGES = ['sudo', 'sudo-ldap', 'sudo-rs'];
const ADMIN_GROUPS = new Set(['sudo', 'wheel', 'admin']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** What a RUN does with sudo, in words for the message. */
function sudoActions(commands: ReturnType<typeof runCommands>): string[] {
  const actions = new Set<string>();
  for (const pkg of packageCommands(commands)) {
    const name = installsAny(pkg, SUDO_PACKAGES);
    if (name) actions.add(`installs ${name}`);
  }
  for (const command of commands) {
    const first = command.words.find((w) => !ASSIGNMENT.test(w));
    if (first !== undefined && baseName(first) === 'sudo') actions.add('runs a command with sudo');
    if (command.words.some((w) => /^\/etc\/sudoers(\.d\b|$)/.test(w)) || programOf(command) === 'visudo')
      actions.add('writes a sudoers rule');
    const program = programOf(command);
    const args = argumentsOf(command);
    const groupOption = args.findIndex((w) => /^-[a-zA-Z]*G$/.test(w) || w === '--groups');
    const groups = groupOption === -1 ? [] : (args[groupOption + 1] ?? '').split(',');
    const joinsAdminGroup =
      (['usermod', 'useradd'].includes(program) && groups.some((g) => ADMIN_GROUPS.has(g))) ||
      (['adduser', 'addgroup'].includes(program) &&
        args.filter((w) => !w.startsWith('-')).length === 2 &&
        ADMIN_GROUPS.has(args[args.length - 1]!)) ||
      (program === 'gpasswd' && args[0] === '-a' && ADMIN_GROUPS.has(args[2] ?? ''));
    if (joinsAdminGroup) actions.add('adds a user to an admin group (sudo/wheel)');
  }
  return [...actions];
}

/** Where distributions install sudo (sudo-rs installs `sudo-rs` and often links `sudo` to it). */
const SUDO_BINARIES = [
  '/usr/bin/sudo',
  '/bin/sudo',
  '/usr/sbin/sudo',
  '/sbin/sudo',
  '/usr/local/bin/sudo',
  '/usr/bin/sudo-rs',
  '/usr/local/bin/sudo-rs',
];

/** A sudoers line that lets a user run commands without their password. */
const NO_PASSWORD = /\bNOPASSWD\s*:|^Defaults\b.*(?:^|[\s,])!authenticate\b/;

/** sudo reads /etc/sudoers and, through its default `@includedir`, the files of /etc/sudoers.d without a `.` or a trailing `~`. */
function sudoersFiles(image: ImageSpec): string[] {
  const files = ['/etc/sudoers'];
  for (const path of image.contents.keys()) {
    if (!path.startsWith('/etc/sudoers.d/')) continue;
    const name = path.slice('/etc/sudoers.d/'.length);
    if (name.includes('/') || name.includes('.') || name.endsWith('~')) continue;
    files.push(path);
  }
  return files.sort();
}

function sudoInImage(image: ImageSpec): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  for (const path of SUDO_BINARIES) {
    const resolved = resolvePath(image, path);
    if (resolved === undefined || seen.has(resolved)) continue;
    const file = image.files.get(resolved);
    if (!file || (file.type !== 'file' && file.type !== 'hardlink')) continue;
    seen.add(resolved);
    const setuid = (file.mode & 0o4000) !== 0 && file.uid === 0;
    violations.push({
      message: setuid
        ? `${imageWho(image)} has sudo installed setuid root at ${resolved}: a sudoers rule, or a flaw in sudo itself, turns its user back into root`
        : `${imageWho(image)} has sudo installed at ${resolved} (not setuid root: as it is it cannot raise privileges, but it is there to be used)`,
      location: fileAt(image, resolved),
      evidence: `${resolved} mode ${(file.mode & 0o7777).toString(8).padStart(4, '0')} owner ${file.uid}:${file.gid}`,
      severity: setuid ? 'high' : 'medium',
    });
  }
  if (violations.length === 0) return [];
  // NOPASSWD rules matter where there is a sudo to read them.
  for (const path of sudoersFiles(image)) {
    const file = presentText(image, path);
    if (!file) continue;
    const lines = file.text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#') && NO_PASSWORD.test(line));
    if (lines.length === 0) continue;
    violations.push({
      message: `${path} of ${imageWho(image)} lets ${lines.length === 1 ? 'a user' : 'users'} run commands with sudo without a password: whoever runs as them is root`,
      location: fileAt(image, path),
      evidence: lines.join('; '),
    });
  }
  return violations;
}

export default defineRule({
  id: 'D01.sudo',
  title: 'sudo in the image',
  category: 'D01',
  severity: 'high',
  subject: 'build',
  targets: ['dockerfile', 'image'],
  threats: [1, 7],
  cis: [],
  related: { hadolint: ['DL3004'], trivy: ['DS-0010'], checkov: ['CKV2_DOCKER_1'], dockle: ['DKL-DI-0001'] },
  rationale:
    'A non-root USER only limits an attacker if there is no way back to root. sudo in the image is that way: a sudoers rule (often NOPASSWD) hands root to whoever runs the application, and sudo itself is a setuid-root binary with a history of local privilege escalations (CVE-2021-3156 "Baron Samedit" needed no sudoers entry at all). The build needs no sudo either: RUN already runs as root until USER switches away. In a built image the sudo binary itself is reported (high when setuid root, as installed), and every sudoers file that grants NOPASSWD.',
  remediation:
    'Do the root work in RUN before switching user, and remove sudo:\n  RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n  USER 10001:10001\nIf the entrypoint must start as root and drop privileges, use a small tool made for it (`setpriv`, `gosu`, `su-exec`) instead of sudo.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#user',
    'https://github.com/hadolint/hadolint/wiki/DL3004',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM debian:13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends sudo \\\n    && rm -rf /var/lib/apt/lists/* \\\n    && echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app\nUSER app\n',
      good: 'FROM debian:13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\nUSER 10001:10001\n',
    },
    {
      target: 'image',
      bad: 'layers:\n  - /usr/bin/sudo: { mode: "4755" }\n    /etc/sudoers.d/app: "app ALL=(ALL) NOPASSWD:ALL\\n"\n',
      good: 'layers:\n  - /usr/bin/curl: { mode: "0755" }\n',
    },
  ],
  checkImage(image) {
    return sudoInImage(image);
  },
  check(spec) {
    const violations: Violation[] = [];
    for (const stage of finalImageStages(spec)) {
      const where = describeStage(spec, stage);
      for (const run of stage.runs) {
        const actions = sudoActions(runCommands(run));
        if (actions.length === 0) continue;
        violations.push({
          message: `RUN in ${where} of ${spec.path} ${actions.join(' and ')}: sudo gives the image's user a way back to root`,
          location: run.at,
          evidence: instructionEvidence('RUN', run.command),
        });
      }
      for (const copy of stage.copies) {
        if (!/^\/etc\/sudoers(\.d\b|$)/.test(copy.destination)) continue;
        violations.push({
          message: `${copy.keyword} in ${where} of ${spec.path} writes a sudoers rule to ${copy.destination}`,
          location: copy.at,
          evidence: instructionEvidence(copy.keyword, `${copy.sources.join(' ')} ${copy.destination}`),
        });
      }
    }
    return inLineOrder(violations);
  },
});
