// D02: a stage is built FROM an image whose distribution or language runtime is past its end of life, by
// the dated table in data/base-image-eol.json and the evaluation's "now". The stages that end in the image
// matter most; a build stage's compiler past end of life is a lesser, but real, risk.
import { defineRule } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { ImageLocation } from '../../core/location.js';
import { fileAt } from '../../subjects/image-spec.js';
import { describeStage, isInFinalImage } from '../shared/build.js';
import { imageWho } from '../shared/image.js';
import { imageOs } from '../shared/image-os.js';
import { EOL_SNAPSHOT, type ImageCycle, imageCycles, osCycle, runtimeCycle } from './base-image-cycle.js';

function ended(cycle: ImageCycle, now: Date): boolean {
  return cycle.eol === true || (cycle.eol !== undefined && cycle.eol.getTime() <= now.getTime());
}

const DAY_MS = 24 * 60 * 60 * 1000;

function daysUntil(cycle: ImageCycle, now: Date): number {
  return cycle.eol instanceof Date ? Math.ceil((cycle.eol.getTime() - now.getTime()) / DAY_MS) : 0;
}

/** Cycles whose end of life falls within the `eolWarningDays` window (setting 0: no warning). */
function endingSoon(cycles: readonly ImageCycle[], now: Date, windowDays: number): ImageCycle[] {
  if (windowDays <= 0) return [];
  return cycles.filter((cycle) => cycle.eol instanceof Date && daysUntil(cycle, now) <= windowDays);
}

function endText(cycle: ImageCycle): string {
  return cycle.eol instanceof Date ? `on ${cycle.eol.toISOString().slice(0, 10)}` : 'on an unknown date';
}

/** An image's finding for one cycle: past its end (high), or within the warning window (low). */
function imageViolation(
  cycle: ImageCycle,
  what: string,
  location: ImageLocation,
  evidence: string,
  now: Date,
  windowDays: number,
): Violation | undefined {
  if (ended(cycle, now))
    return {
      message: `${what}: ${cycle.product} ${cycle.release} reached end of life ${endText(cycle)}; it gets no security fixes`,
      location,
      evidence,
      severity: 'high',
    };
  if (endingSoon([cycle], now, windowDays).length === 0) return undefined;
  return {
    message: `${what}: ${cycle.product} ${cycle.release} reaches end of life ${endText(cycle)} (in ${daysUntil(cycle, now)} days); move to a supported release before fixes stop`,
    location,
    evidence,
    severity: 'low',
  };
}

export default defineRule({
  id: 'D02.base-image-eol',
  title: 'Base image past end of life',
  category: 'D02',
  severity: 'high',
  subject: 'build',
  targets: ['dockerfile', 'image'],
  threats: [1, 2, 4, 5, 7],
  cis: [],
  related: {},
  rationale: `Patching an image means rebuilding it on a base that still receives security fixes. Once a distribution release or a language runtime reaches its end of life, no fix is published for it any more: every vulnerability found afterwards stays open in every image built on it, however often it is rebuilt. The dates come from endoflife.date (snapshot ${EOL_SNAPSHOT}); for Debian the end of Debian LTS counts, since its fixes reach the same archive. With the \`eolWarningDays\` setting (.dt10.yaml), a base whose end of life falls within that many days is reported early, at low severity (info for a build stage), so the move can be planned. An image is judged by what it contains: the distribution its /etc/os-release (or /etc/alpine-release, /etc/debian_version, /etc/redhat-release) names, and the runtime the official language images record in \`NODE_VERSION\`, \`PYTHON_VERSION\`, \`GOLANG_VERSION\`, \`RUBY_VERSION\` or \`PHP_VERSION\`.`,
  remediation:
    'Move the stage to a supported release, and pin it by digest so the move is deliberate:\n  FROM node:24-bookworm-slim@sha256:<digest>   # instead of node:16-buster-slim\n  FROM debian:13-slim@sha256:<digest>          # instead of debian:buster\nRebuild regularly (`docker build --pull`) to pick up the fixes the supported release receives.',
  references: [
    'https://endoflife.date',
    'https://wiki.debian.org/LTS',
    'https://docs.docker.com/build/building/best-practices/#rebuild-your-images-often',
  ],
  examples: [
    {
      target: 'dockerfile',
      bad: 'FROM python:3.8-slim\nCOPY app.py /app/\nUSER 10001\nCMD ["python", "/app/app.py"]\n',
      good: 'FROM python:3.13-slim\nCOPY app.py /app/\nUSER 10001\nCMD ["python", "/app/app.py"]\n',
    },
    {
      target: 'image',
      bad: 'layers:\n  - /etc/os-release: "ID=debian\\nVERSION_ID=\\"10\\"\\n"\n',
      good: 'layers:\n  - /etc/os-release: "ID=debian\\nVERSION_ID=\\"13\\"\\n"\n',
    },
  ],
  checkImage(image, context) {
    const violations: Violation[] = [];
    const windowDays = context.settings.eolWarningDays;
    const os = imageOs(image);
    const cycle = os && osCycle(os);
    if (os && cycle) {
      const found = imageViolation(
        cycle,
        `${imageWho(image)} is built on ${os.pretty} (${os.path})`,
        fileAt(image, os.path),
        os.evidence,
        context.now,
        windowDays,
      );
      if (found) violations.push(found);
    }
    for (const variable of image.env) {
      const runtime = runtimeCycle(variable.value.name, variable.value.value);
      if (!runtime) continue;
      const found = imageViolation(
        runtime,
        `${imageWho(image)} has ${runtime.product} ${variable.value.value} (${variable.value.name} in its config)`,
        variable.at,
        `${variable.value.name}=${variable.value.value}`,
        context.now,
        windowDays,
      );
      if (found) violations.push(found);
    }
    return violations;
  },
  check(spec, context) {
    const violations: Violation[] = [];
    for (const stage of spec.stages) {
      if (stage.base.kind !== 'image') continue;
      const cycles = imageCycles(stage.base.image);
      const past = cycles.filter((cycle) => ended(cycle, context.now));
      const final = isInFinalImage(spec, stage);
      if (past.length === 0) {
        const soon = endingSoon(cycles, context.now, context.settings.eolWarningDays);
        if (soon.length > 0)
          violations.push({
            message: `${describeStage(spec, stage)} of ${spec.path} is built FROM ${stage.base.image.raw}: ${soon
              .map(
                (c) =>
                  `${c.product} ${c.release} reaches end of life ${endText(c)} (in ${daysUntil(c, context.now)} days)`,
              )
              .join(', and ')}; move to a supported release before fixes stop`,
            location: stage.from.at,
            evidence: `FROM ${stage.from.value}`,
            severity: final ? 'low' : 'info',
          });
        continue;
      }
      const what = past
        .map((c) => `${c.product} ${c.release} reached end of life ${endText(c)}`)
        .join(', and ');
      violations.push({
        message: `${describeStage(spec, stage)} of ${spec.path} is built FROM ${stage.base.image.raw}: ${what}; it gets no security fixes${final ? '' : ' (a build stage: its output, not the image itself, is at risk)'}`,
        location: stage.from.at,
        evidence: `FROM ${stage.from.value}`,
        severity: final ? 'high' : 'medium',
      });
    }
    return violations;
  },
});
