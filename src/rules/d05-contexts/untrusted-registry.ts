// D05 (shared with D08): the image a container runs comes from a registry outside the configured allow-list.
// The build rule of the same id judges the images Dockerfiles build FROM.
import { defineRule } from '../../core/rule.js';
import { isJudgeable } from '../shared/image-tag.js';
// One allow-list syntax for the base images of builds and the images containers run.
import { isAllowed } from './untrusted-registry-build.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D05.untrusted-registry',
  title: 'Image from a registry outside the allow-list',
  category: 'D05',
  severity: 'medium',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [8],
  cis: [],
  related: { kubescape: ['C-0078'] },
  rationale:
    'Where images come from decides who can put code into production: a registry the organisation controls can scan, sign and retain images, a public one serves whatever its publishers push. An allow-list of registries makes that decision explicit and catches the stray `image: someone/tool` that bypasses it. This rule is off until an allow-list is configured (allowedRegistries: registries such as ghcr.io, paths such as docker.io/library, or domains such as *.example.com); images written without a registry come from docker.io.',
  remediation:
    'Pull the image through an allowed registry (mirror or re-publish it there), or add the registry to the allow-list if it is trusted:\n  compose:    image: registry.example.com/library/nginx:1.27\n  Kubernetes: image: registry.example.com/library/nginx:1.27\n  docker run: docker run registry.example.com/library/nginx:1.27',
  references: ['https://kubernetes.io/docs/concepts/containers/images/'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: registry.example.com/library/nginx:1.27\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: quay.io/someone/web:1.0\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: registry.example.com/shop/web:1.0\n',
    },
  ],
  check(workload, { settings }) {
    const allowed = settings.allowedRegistries;
    const image = workload.image;
    if (!allowed || !image || !isJudgeable(image.value)) return [];
    const { registry } = image.value;
    if (isAllowed(image.value, allowed)) return [];
    return [
      {
        message: `${who(workload)} runs image ${image.value.raw} from ${registry}, which is not an allowed registry (${allowed.join(', ') || 'none allowed'})`,
        location: image.at,
        evidence: image.value.raw,
      },
    ];
  },
});
