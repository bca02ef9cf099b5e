// D08: Kubernetes may start a mutable tag from whatever copy a node cached, not what the registry holds now.
import { defineRule } from '../../core/rule.js';
import { isJudgeable, isLatest, isMutable } from '../shared/image-tag.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D08.pull-policy',
  title: 'Image pull policy not Always for a mutable tag',
  category: 'D08',
  severity: 'low',
  subject: 'workload',
  targets: ['kubernetes'],
  threats: [8],
  cis: [],
  related: { checkov: ['CKV_K8S_15'] },
  rationale:
    "With IfNotPresent (the default for any tag but latest) or Never, a node starts whatever it cached under the tag: nodes run different images under one name, an image pre-loaded on a node by anyone with access to it runs instead of the registry's, and the registry's authentication is skipped, so a pod can use a private image another tenant pulled. `Always` makes the kubelet resolve the tag against the registry each time; a digest makes the question moot.",
  remediation:
    'Pin the digest, or pull on every start:\n  Kubernetes: image: registry.example.com/web:1.4@sha256:<digest>  or  imagePullPolicy: Always',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy'],
  examples: [
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n      imagePullPolicy: IfNotPresent\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n      imagePullPolicy: Always\n',
    },
  ],
  check(workload) {
    const image = workload.image;
    if (workload.origin !== 'kubernetes' || !image || !isJudgeable(image.value)) return [];
    if (!isMutable(image.value)) return [];
    const explicit = workload.imagePullPolicy;
    // The API server's default: Always for `latest` or no tag, IfNotPresent for any other tag.
    const policy = explicit?.value.trim() ?? (isLatest(image.value) ? 'Always' : 'IfNotPresent');
    if (policy === 'Always') return [];
    return [
      {
        message: explicit
          ? `${who(workload)} pulls the mutable tag ${image.value.raw} with imagePullPolicy ${policy}: nodes may run a stale or planted copy`
          : `${who(workload)} pulls the mutable tag ${image.value.raw} with the default imagePullPolicy IfNotPresent: nodes may run a stale or planted copy`,
        location: explicit?.at ?? image.at,
        evidence: `imagePullPolicy: ${policy}`,
      },
    ];
  },
});
