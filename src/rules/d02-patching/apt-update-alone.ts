// D02: a RUN that only refreshes the package index. The build cache keeps that layer, so a later RUN
// installs from an index that may be months old and misses the fixes published since.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { describeStage } from '../shared/build.js';
import { instructionEvidence } from '../shared/command-secrets.js';
import { type PackageCommand, packageCommands, runCommands } from '../shared/shell.js';

/** Actions that use the index in the same RUN, so a stale cached index cannot be used alone. */
const USES_INDEX: Record<'apt' | 'apk', Set<string>> = {
  apt: new Set([
    'install',
    'reinstall',
    'upgrade',
    'dist-upgrade',
    'full-upgrade',
    'build-dep',
    'source',
    'download',
  ]),
  apk: new Set(['add', 'upgrade', 'fix', 'fetch']),
};

function refreshes(command: PackageCommand): boolean {
  return (command.manager === 'apt' || command.manager === 'apk') && command.action === 'update';
}

export default defineRule({
  id: 'D02.apt-update-alone',
  title: 'Package index updated in a RUN of its own',
  category: 'D02',
  severity: 'medium',
  subject: 'build',
  targets: ['dockerfile'],
  threats: [1, 2, 4, 5, 7],
  cis: ['4.7'],
  related: { trivy: ['DS-0017'], checkov: ['CKV_DOCKER_5'] },
  rationale:
    'The build cache reuses a layer as long as its instruction text is unchanged. `RUN apt-get update` on its own never changes, so its layer — the package index of the day it first ran — is reused by every later build, and the `apt-get install` in the next RUN installs the versions that index names: the security fixes published since are silently missed, and old package versions may even have left the mirror.',
  remediation:
    'Update and install in the same RUN, and clean up in it too:\n  RUN apt-get update \\\n   && apt-get install -y --no-install-recommends ca-certificates curl \\\n   && rm -rf /var/lib/apt/lists/*\nFor Alpine, `apk add --no-cache curl` fetches a fresh index itself.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#apt-get',
    'https://avd.aquasec.com/misconfig/ds017',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM debian:13-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      good: 'FROM debian:13-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n',
    },
  ],
  check(spec) {
    const violations: Violation[] = [];
    for (const stage of spec.stages) {
      for (const run of stage.runs) {
        const commands = packageCommands(runCommands(run));
        const alone = commands.filter(
          (update) =>
            refreshes(update) &&
            !commands.some(
              (other) =>
                other.manager === update.manager &&
                USES_INDEX[update.manager as 'apt' | 'apk'].has(other.action),
            ),
        );
        if (alone.length === 0) continue;
        const tool = alone[0]!.tool;
        violations.push({
          message: `RUN in ${describeStage(spec, stage)} of ${spec.path} runs \`${tool} update\` without installing anything: the build cache keeps this index, and later RUNs install from it however old it gets`,
          location: run.at,
          evidence: instructionEvidence('RUN', run.command),
        });
      }
    }
    return violations;
  },
});
