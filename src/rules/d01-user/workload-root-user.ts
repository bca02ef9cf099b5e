// D01: a deployed container runs as root, or nothing in its deployment says which user it runs as.
import type { Violation } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { isRootUser, who } from '../shared/workload.js';

export default defineRule({
  id: 'D01.workload-root-user',
  title: 'Container runs as root',
  category: 'D01',
  severity: 'high',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 7],
  cis: ['4.1', '5.31'],
  related: {
    trivy: ['KSV-0012', 'KSV-0105', 'KSV-0116'],
    checkov: ['CKV_K8S_6', 'CKV_K8S_23'],
    kubescape: ['C-0013'],
    'kube-linter': ['run-as-non-root'],
    polaris: ['runAsRootAllowed'],
  },
  rationale:
    'A container process running as UID 0 is root on the host once it escapes (without user namespaces) and may modify everything in the container. Leaving the user unset delegates the decision to the image, which defaults to root.',
  remediation:
    'Run as an unprivileged UID:\n  compose:    user: "10001:10001"\n  Kubernetes: securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001 }\n  docker run: --user 10001:10001',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    user: root\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    user: "10001:10001"\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsUser: 0\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n',
    },
  ],
  check(workload) {
    const violations: Violation[] = [];
    const { user, group, runAsNonRoot } = workload;
    if (user && isRootUser(user.value)) {
      violations.push({
        message: `${who(workload)} runs as root (user ${user.value})`,
        location: user.at,
        evidence: user.value,
      });
    } else if (runAsNonRoot?.value === true) {
      // The kubelet refuses to start the container as UID 0: enforced, whatever the image says.
    } else if (!user) {
      violations.push({
        message: `${who(workload)} sets no user: it runs as the image's USER, which is root unless the image sets another`,
        location: runAsNonRoot?.at ?? workload.at,
        severity: 'medium',
      });
    }
    // The group comes from Kubernetes `runAsGroup` or the `user:group` form of compose and docker run.
    const groupSetting =
      group ?? (user?.value.includes(':') ? { value: user.value.split(':')[1]!, at: user.at } : undefined);
    const groupName = groupSetting?.value.trim().toLowerCase();
    if (groupSetting && (groupName === '0' || groupName === 'root') && !(user && isRootUser(user.value))) {
      violations.push({
        message: `${who(workload)} runs with root as its primary group (group ${groupSetting.value})`,
        location: groupSetting.at,
        evidence: groupSetting.value,
        severity: 'medium',
      });
    }
    return violations;
  },
});
