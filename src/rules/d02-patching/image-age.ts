// D02: an image was built longer ago than the patch window (`maxImageAgeDays`, 90 by default): whatever was
// fixed in its base and packages since is missing from it. Past a third of the window it is a warning, so
// the rebuild can be planned. Judged for the image a running container uses (live engines) and for images
// read from archives (`created` of the config).
import type { Location } from '../../core/location.js';
import { defineRule } from '../../core/rule.js';
import type { RuleContext, Violation } from '../../core/rule.js';
import { engineExample } from '../shared/engine-examples.js';
import { imageWho } from '../shared/image.js';
import { who } from '../shared/workload.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Before Docker existed (2013): a build that fixes its timestamps for reproducibility (SOURCE_DATE_EPOCH=0,
 * ko, Bazel, Nix write 1970-01-01 or 0001-01-01) says nothing about when it was built.
 */
const EARLIEST = Date.parse('2013-01-01T00:00:00Z');

/** The finding for an image created at `created`, or undefined while it is within a third of the window. */
function ageViolation(
  created: string,
  location: Location,
  context: RuleContext,
  subject: (days: number, date: string) => string,
): Violation | undefined {
  const time = Date.parse(created);
  if (Number.isNaN(time) || time < EARLIEST) return undefined;
  const days = Math.floor((context.now.getTime() - time) / DAY_MS);
  const window = context.settings.maxImageAgeDays;
  const warning = Math.ceil(window / 3);
  if (days <= warning) return undefined;
  return {
    message: `${subject(days, created.slice(0, 10))}, ${days > window ? `older than the ${window}-day patch window` : `past a third of the ${window}-day patch window`}: rebuild it to pick up security updates`,
    location,
    evidence: `Created: ${created}`,
    severity: days > window ? 'high' : 'low',
  };
}

export default defineRule({
  id: 'D02.image-age',
  title: 'Image older than the patch window',
  category: 'D02',
  severity: 'high',
  subject: 'workload',
  targets: ['engine', 'image'],
  threats: [1, 2, 4, 5, 7],
  cis: [],
  related: {},
  rationale:
    'Patch management for containers means rebuilding images: a container keeps every vulnerability its image had when it was built, however up to date its base image is today. An image older than the patch window (setting `maxImageAgeDays`, 90 days by default) has missed at least one cycle of distribution and language runtime security updates. An image whose creation time was fixed for a reproducible build (1970-01-01) cannot be judged by it and is not reported.',
  remediation:
    'Rebuild the image on a current base (`docker build --pull --no-cache`) and redeploy; automate it, e.g. a scheduled CI build and Renovate/Dependabot for base image digests. Set the window with `settings.maxImageAgeDays` in .dt10.yaml.',
  references: ['https://docs.docker.com/build/building/best-practices/#rebuild-your-images-often'],
  examples: [
    {
      target: 'engine',
      bad: engineExample({ image: { Created: '2026-01-15T10:00:00Z' } }),
      good: engineExample({ image: { Created: '2026-10-20T10:00:00Z' } }),
    },
    {
      target: 'image',
      bad: 'created: 2026-01-15T10:00:00Z\n',
      good: 'created: 2026-10-20T10:00:00Z\n',
    },
  ],
  checkImage(image, context) {
    const created = image.created;
    if (!created) return [];
    const found = ageViolation(
      created.value,
      created.at,
      context,
      (days, date) => `${imageWho(image)} was built ${days} days ago (${date})`,
    );
    return found ? [found] : [];
  },
  check(workload, context) {
    const created = workload.live?.image?.created;
    if (!created) return [];
    const found = ageViolation(
      created.value,
      created.at,
      context,
      (days, date) => `${who(workload)} runs an image built ${days} days ago (${date})`,
    );
    return found ? [found] : [];
  },
});
