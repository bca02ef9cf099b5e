// D04: `apt-get install` without `--no-install-recommends` in the stages that end in the image: every
// recommended package comes along, each one more thing to patch and to attack.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { describeStage, finalImageStages } from '../shared/build.js';
import { instructionEvidence } from '../shared/command-secrets.js';
import { isInstall, type PackageCommand, packageCommands, runCommands, scriptOf } from '../shared/shell.js';

const RECOMMENDS_OFF = /APT::Install-Recommends\s*[=\s]\s*["']?(false|0|no|off)\b/i;

function skipsRecommends(command: PackageCommand): boolean {
  return command.options.some(
    (option) => /^--no-install-recommends(=(true|1|yes))?$/i.test(option) || RECOMMENDS_OFF.test(option),
  );
}

export default defineRule({
  id: 'D04.install-recommends',
  title: 'apt installs recommended packages',
  category: 'D04',
  severity: 'low',
  subject: 'build',
  targets: ['dockerfile'],
  threats: [1, 2, 4],
  cis: [],
  related: { hadolint: ['DL3015'] },
  rationale:
    'By default apt also installs every package the requested ones recommend: often dozens of libraries, tools and sometimes daemons the application never uses. Each is more attack surface, more vulnerabilities for the scanner to report and more to patch, and a bigger image to pull.',
  remediation:
    'Ask for exactly what the image needs:\n  RUN apt-get update \\\n   && apt-get install -y --no-install-recommends ca-certificates curl \\\n   && rm -rf /var/lib/apt/lists/*\nOr turn recommends off once for the build: `RUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends`.',
  references: [
    'https://github.com/hadolint/hadolint/wiki/DL3015',
    'https://docs.docker.com/build/building/best-practices/#apt-get',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM debian:13-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
      good: 'FROM debian:13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    },
  ],
  check(spec) {
    const violations: Violation[] = [];
    // Once a RUN turns recommends off in apt's configuration, later installs inherit it.
    let configuredOff = false;
    for (const stage of finalImageStages(spec)) {
      for (const run of stage.runs) {
        const installs = packageCommands(runCommands(run)).filter(
          (command) => command.manager === 'apt' && isInstall(command) && !skipsRecommends(command),
        );
        if (installs.length > 0 && !configuredOff) {
          const packages = [...new Set(installs.flatMap((command) => command.packages))];
          violations.push({
            message: `RUN in ${describeStage(spec, stage)} of ${spec.path} runs \`${installs[0]!.tool} install\` without --no-install-recommends${packages.length > 0 ? ` (${packages.join(', ')})` : ''}: recommended packages come along`,
            location: run.at,
            evidence: instructionEvidence('RUN', run.command),
          });
        }
        if (RECOMMENDS_OFF.test(scriptOf(run))) configuredOff = true;
      }
    }
    return violations;
  },
});
