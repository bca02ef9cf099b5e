// D03: the image carries an SSH server: port 22 exposed, an SSH server package installed or sshd started, in the
// stages that end in the image. The workload rule of the same id judges published ports.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { describeStage, finalImageStages, inLineOrder } from '../shared/build.js';
import { instructionEvidence } from '../shared/command-secrets.js';
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

export default defineRule({
  id: 'D03.ssh-exposed',
  title: 'SSH exposed',
  category: 'D03',
  severity: 'medium',
  subject: 'build',
  targets: ['dockerfile'],
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
  ],
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
