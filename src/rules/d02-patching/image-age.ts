// D02: a running container's image was built longer ago than the patch window (`maxImageAgeDays`, 90 by
// default): whatever was fixed in its base and packages since is missing from it. Past a third of the
// window it is a warning, so the rebuild can be planned.
import { defineRule } from '../../core/rule.js';
import { engineExample } from '../shared/engine-examples.js';
import { who } from '../shared/workload.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export default defineRule({
  id: 'D02.image-age',
  title: 'Image older than the patch window',
  category: 'D02',
  severity: 'high',
  subject: 'workload',
  targets: ['engine'],
  threats: [1, 2, 4, 5, 7],
  cis: [],
  related: {},
  rationale:
    'Patch management for containers means rebuilding images: a container keeps every vulnerability its image had when it was built, however up to date its base image is today. An image older than the patch window (setting `maxImageAgeDays`, 90 days by default) has missed at least one cycle of distribution and language runtime security updates.',
  remediation:
    'Rebuild the image on a current base (`docker build --pull --no-cache`) and redeploy; automate it, e.g. a scheduled CI build and Renovate/Dependabot for base image digests. Set the window with `settings.maxImageAgeDays` in .dt10.yaml.',
  references: ['https://docs.docker.com/build/building/best-practices/#rebuild-your-images-often'],
  examples: [
    {
      target: 'engine',
      bad: engineExample({ image: { Created: '2026-01-15T10:00:00Z' } }),
      good: engineExample({ image: { Created: '2026-10-20T10:00:00Z' } }),
    },
  ],
  check(workload, context) {
    const created = workload.live?.image?.created;
    if (!created) return [];
    const time = Date.parse(created.value);
    if (Number.isNaN(time)) return [];
    const days = Math.floor((context.now.getTime() - time) / DAY_MS);
    const window = context.settings.maxImageAgeDays;
    const warning = Math.ceil(window / 3);
    if (days <= warning) return [];
    return [
      {
        message: `${who(workload)} runs an image built ${days} days ago (${created.value.slice(0, 10)}), ${days > window ? `older than the ${window}-day patch window` : `past a third of the ${window}-day patch window`}: rebuild it to pick up security updates`,
        location: created.at,
        evidence: `Created: ${created.value}`,
        severity: days > window ? 'high' : 'low',
      },
    ];
  },
});
