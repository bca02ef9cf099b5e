// D06: Kubernetes mounts an API token into the pod that the application most likely never uses.
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D06.service-account-token',
  title: 'Service-account token mounted',
  category: 'D06',
  severity: 'low',
  subject: 'workload',
  targets: ['kubernetes'],
  threats: [3],
  cis: [],
  related: { trivy: ['KSV-0036'], checkov: ['CKV_K8S_38'], kubescape: ['C-0034'] },
  rationale:
    "Unless told otherwise, Kubernetes mounts a token of the pod's service account at /var/run/secrets/kubernetes.io/serviceaccount: a credential for the API server that anyone who gets code execution in the container can read and use, with whatever rights RBAC gives that account. Most applications never call the API; they should not carry the key. Set to true explicitly, it is reported as medium: someone chose to hand it over.",
  remediation:
    'Do not mount the token unless the application calls the API:\n  Kubernetes: spec: { automountServiceAccountToken: false }  (pod), or on the ServiceAccount;\n              if it needs the API, a dedicated ServiceAccount with a minimal Role',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
  ],
  examples: [
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  automountServiceAccountToken: false\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  ],
  check(workload) {
    if (workload.origin !== 'kubernetes') return [];
    const automount = workload.automountServiceAccountToken;
    if (automount?.value === false) return [];
    return [
      automount
        ? {
            message: `${who(workload)} has its service-account token mounted explicitly (automountServiceAccountToken: true)`,
            location: automount.at,
            evidence: 'automountServiceAccountToken: true',
            severity: 'medium',
          }
        : {
            message: `${who(workload)} gets the service-account token mounted (automountServiceAccountToken is not false)`,
            location: workload.at,
          },
    ];
  },
});
