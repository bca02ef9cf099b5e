// D02: `apt-get dist-upgrade` / `upgrade` in a build: patching by hand inside the image instead of
// rebuilding on an updated base, which makes the image depend on the day it was built.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { describeStage } from '../shared/build.js';
import { instructionEvidence } from '../shared/command-secrets.js';
import { packageCommands, runCommands } from '../shared/shell.js';

const WHOLE_SYSTEM = new Set(['dist-upgrade', 'full-upgrade']);

export default defineRule({
  id: 'D02.dist-upgrade',
  title: 'Distribution upgraded inside the build',
  category: 'D02',
  severity: 'low',
  subject: 'build',
  targets: ['dockerfile'],
  threats: [8],
  cis: [],
  related: { hadolint: ['DL3005'] },
  rationale:
    '`apt-get dist-upgrade` (or `full-upgrade`) may install, remove and replace any package, including the essential ones the base image was assembled with, and `apt-get upgrade` moves every package to whatever the mirror holds on the day of the build. Either way the image no longer matches its base: two builds of one Dockerfile differ, a failure cannot be reproduced, and the fixes you get depend on the cache. Patch management for images is rebuilding on an updated, pinned base image, so the change is visible and reviewed.',
  remediation:
    'Remove the upgrade and move to a base that carries the fixes instead, then rebuild regularly:\n  FROM debian:13-slim@sha256:<digest of the current point release>\n  RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nIf one package needs a newer version, install that version explicitly (`apt-get install -y --only-upgrade openssl`).',
  references: [
    'https://github.com/hadolint/hadolint/wiki/DL3005',
    'https://docs.docker.com/build/building/best-practices/#rebuild-your-images-often',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM debian:13-slim\nRUN apt-get update && apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*\n',
      good: 'FROM debian:13-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    },
  ],
  check(spec) {
    const violations: Violation[] = [];
    for (const stage of spec.stages) {
      for (const run of stage.runs) {
        const upgrades = packageCommands(runCommands(run)).filter(
          (command) =>
            command.manager === 'apt' &&
            (WHOLE_SYSTEM.has(command.action) ||
              (command.action === 'upgrade' && command.packages.length === 0)),
        );
        if (upgrades.length === 0) continue;
        const wholeSystem = upgrades.find((command) => WHOLE_SYSTEM.has(command.action));
        const shown = wholeSystem ?? upgrades[0]!;
        violations.push({
          message: `RUN in ${describeStage(spec, stage)} of ${spec.path} runs \`${shown.tool} ${shown.action}\`: the image's packages then depend on the day of the build, not on its base image`,
          location: run.at,
          evidence: instructionEvidence('RUN', run.command),
          severity: wholeSystem ? 'low' : 'info',
        });
      }
    }
    return violations;
  },
});
