// D03: the image carries an SSH server: port 22 exposed, an SSH server package installed or sshd started, in the
// stages that end in the image; in a built image, 22/tcp in `Config.ExposedPorts` and an SSH or telnet daemon
// in its filesystem. The workload rule of the same id judges published ports.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { ImageFile, ImageSpec } from '../../subjects/index.js';
import { fileAt } from '../../subjects/image-spec.js';
import { describeStage, finalImageStages, inLineOrder } from '../shared/build.js';
import { instructionEvidence } from '../shared/command-secrets.js';
import { imageWho } from '../shared/image.js';
import { fileText } from '../shared/image-files.js';
import { installsAny, packageCommands, runCommands } from '../shared/shell.js';

/** Packages that install an SSH server: Debian's `ssh` depends on openssh-server, Alpine's `openssh` too. */
const SSH_SERVERS = ['openssh-server', 'ssh', 'openssh', 'dropbear', 'tinysshd', 'openssh-server-pam'];
const SSH_PORT = 22;

/** True for `22`, `22/tcp` and a range that holds 22 (`20-25/tcp`). */
function exposesSsh(port: string): boolean {
  const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(port.trim());
  if (!match || (match[3] !== undefined && match[3].toLowerCase() !== 'tcp')) return false;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low <= SSH_PORT && SSH_PORT <= high;
}

/** Remote-login daemons by program name: what the file is, and the severity (telnet sends passwords in clear). */
const DAEMONS: Record<string, { what: string; telnet: boolean }> = {
  sshd: { what: 'an SSH server', telnet: false },
  dropbear: { what: 'an SSH server (Dropbear)', telnet: false },
  tinysshd: { what: 'an SSH server (TinySSH)', telnet: false },
  telnetd: { what: 'a telnet server', telnet: true },
  'in.telnetd': { what: 'a telnet server', telnet: true },
  utelnetd: { what: 'a telnet server', telnet: true },
};
const PROGRAM_DIRECTORIES = ['/usr/sbin', '/sbin', '/usr/bin', '/bin', '/usr/local/sbin', '/usr/local/bin'];

/**
 * A BusyBox applet (a link to the busybox binary) is not an installed daemon: every BusyBox image has the
 * applets its build enabled, `telnetd` among them in the official image.
 */
function isBusyboxApplet(file: ImageFile): boolean {
  return (
    (file.type === 'symlink' || file.type === 'hardlink') &&
    /(^|\/)busybox(-extras)?$/.test(file.linkTarget ?? '')
  );
}

function checkImageSsh(image: ImageSpec): Violation[] {
  const violations: Violation[] = [];
  const port = image.exposedPorts.find((exposed) => exposesSsh(exposed.value));
  if (port)
    violations.push({
      message: `${imageWho(image)} exposes the SSH port (ExposedPorts ${port.value})`,
      location: port.at,
      evidence: `ExposedPorts: ${port.value}`,
    });
  for (const directory of PROGRAM_DIRECTORIES)
    for (const [name, daemon] of Object.entries(DAEMONS)) {
      const file = image.files.get(`${directory}/${name}`);
      if (file === undefined || file.type === 'directory' || isBusyboxApplet(file)) continue;
      violations.push({
        message: `${imageWho(image)} contains ${daemon.what}: ${file.path}`,
        location: fileAt(image, file.path),
        evidence: fileText(file),
        ...(daemon.telnet ? { severity: 'high' as const } : {}),
      });
    }
  return violations;
}

export default defineRule({
  id: 'D03.ssh-exposed',
  title: 'SSH exposed',
  category: 'D03',
  severity: 'medium',
  subject: 'build',
  targets: ['dockerfile', 'image'],
  threats: [2, 5],
  cis: ['5.7'],
  related: { trivy: ['DS-0004'], checkov: ['CKV_DOCKER_1'] },
  rationale:
    'An SSH server in a container is one more network daemon with credentials to steal, keys to rotate and patches to apply, and a way in that bypasses the engine: `docker exec` and `kubectl exec` go through the engine or the API server, with their authorization and audit log, sshd goes around both. A container runs one application; a shell for debugging is what exec is for.',
  remediation:
    'Remove the SSH server, its EXPOSE and any sshd in CMD/ENTRYPOINT; get a shell with the engine instead:\n  docker exec -it <container> sh\n  kubectl exec -it <pod> -- sh\n  kubectl debug -it <pod> --image=busybox   # for images without a shell',
  references: [
    'https://docs.docker.com/reference/cli/docker/container/exec/',
    'https://avd.aquasec.com/misconfig/ds004',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM debian:13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server \\\n    && rm -rf /var/lib/apt/lists/*\nEXPOSE 22\nCMD ["/usr/sbin/sshd", "-D"]\n',
      good: 'FROM debian:13-slim\nCOPY app /usr/local/bin/app\nEXPOSE 8080\nUSER 10001\nCMD ["/usr/local/bin/app"]\n',
    },
    {
      target: 'image',
      bad: 'config:\n  ExposedPorts: { 22/tcp: {} }\nlayers:\n  - /usr/sbin/sshd: { mode: "0755" }\n',
      good: 'config:\n  ExposedPorts: { 8080/tcp: {} }\nlayers:\n  - /usr/local/bin/app: { mode: "0755" }\n',
    },
  ],
  checkImage(image) {
    return checkImageSsh(image);
  },
  check(spec) {
    const violations: Violation[] = [];
    for (const stage of finalImageStages(spec)) {
      const where = `${describeStage(spec, stage)} of ${spec.path}`;
      const exposeLines = new Set<number>();
      for (const port of stage.exposedPorts) {
        if (!exposesSsh(port.value) || exposeLines.has(port.at.line)) continue;
        exposeLines.add(port.at.line);
        violations.push({
          message: `${where} exposes the SSH port (EXPOSE ${port.value})`,
          location: port.at,
          evidence: `EXPOSE ${port.value}`,
        });
      }
      for (const run of stage.runs) {
        const servers = packageCommands(runCommands(run)).flatMap((command) => {
          const name = installsAny(command, SSH_SERVERS);
          return name === undefined ? [] : [name];
        });
        if (servers.length === 0) continue;
        violations.push({
          message: `RUN in ${where} installs an SSH server (${[...new Set(servers)].join(', ')})`,
          location: run.at,
          evidence: instructionEvidence('RUN', run.command),
        });
      }
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
        if (!/(^|[\s"'/[,])sshd(?=$|[\s"',\]])/.test(instruction.text)) continue;
        violations.push({
          message: `${instruction.keyword} in ${where} starts sshd`,
          location: instruction.at,
          evidence: instructionEvidence(instruction.keyword, instruction.text),
        });
      }
    }
    return inLineOrder(violations);
  },
});
