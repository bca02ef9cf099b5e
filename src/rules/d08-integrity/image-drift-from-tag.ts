// D08: the image a container runs is no longer the one its reference names: `web:1.4` was pulled or
// rebuilt since, and the container still runs the old content — neither what was reviewed last nor what
// a redeploy would run.
import { defineRule } from '../../core/rule.js';
import { engineExample } from '../shared/engine-examples.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D08.image-drift-from-tag',
  title: 'Container runs an image its tag no longer names',
  category: 'D08',
  severity: 'medium',
  subject: 'workload',
  targets: ['engine'],
  threats: [8],
  cis: [],
  related: {},
  rationale:
    'What runs should be what the deployment names. When a tag has moved (a new pull or build of `web:1.4`) but the container was not recreated, the host runs an image that no longer has a name: security fixes in the new image are not running, and an inventory by tag reports software that is not there.',
  remediation:
    'Recreate the container from the current image (`docker compose up -d`, or remove and run again), and deploy by digest so that what runs is named exactly.',
  references: ['https://docs.docker.com/reference/cli/docker/compose/up/'],
  examples: [
    {
      target: 'engine',
      bad: engineExample({ referenceNow: `sha256:${'c3'.repeat(32)}` }),
      good: engineExample({}),
    },
  ],
  check(workload) {
    const now = workload.live?.referenceNow;
    const running = workload.live?.imageId;
    if (!now || !running || now.value === running) return [];
    return [
      {
        message: `${who(workload)} runs image ${running.slice(7, 19)}, but ${workload.image?.value.raw ?? 'its image reference'} now names ${now.value.slice(7, 19)}: recreate the container to run the current image`,
        location: now.at,
        evidence: `${running.slice(0, 19)} ≠ ${now.value.slice(0, 19)}`,
      },
    ];
  },
});
