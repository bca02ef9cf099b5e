// D04: AppArmor or SELinux confinement is switched off for the container.
import type { Violation } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { who } from '../shared/workload.js';

export default defineRule({
  id: 'D04.mac-disabled',
  title: 'AppArmor or SELinux disabled',
  category: 'D04',
  severity: 'high',
  subject: 'workload',
  targets: ['compose', 'kubernetes', 'docker-run', 'engine'],
  threats: [1, 7],
  cis: ['5.2', '5.3'],
  related: { trivy: ['KSV-0002', 'KSV-0025'], checkov: ['CKV_K8S_29'], kubescape: ['C-0055'] },
  rationale:
    'Mandatory access control (docker-default AppArmor profile, container_t SELinux type) limits what even root in a container may touch on the host; turning it off removes a layer that has stopped real escapes.',
  remediation:
    'Keep the default profile:\n  compose:    remove `apparmor:unconfined` / `label:disable` from security_opt\n  Kubernetes: appArmorProfile: { type: RuntimeDefault }; no seLinuxOptions.type spc_t',
  references: ['https://docs.docker.com/engine/security/apparmor/'],
  examples: [
    {
      target: 'compose',
      bad: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor:unconfined\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor:docker-default\n',
    },
    {
      target: 'kubernetes',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        appArmorProfile:\n          type: Unconfined\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        appArmorProfile:\n          type: RuntimeDefault\n',
    },
  ],
  check(workload) {
    const violations: Violation[] = [];
    if (workload.apparmorProfile?.value === 'unconfined')
      violations.push({
        message: `${who(workload)} runs without AppArmor (unconfined)`,
        location: workload.apparmorProfile.at,
        evidence: 'apparmor: unconfined',
      });
    if (workload.selinuxDisabled?.value === true)
      violations.push({
        message: `${who(workload)} runs with SELinux separation disabled`,
        location: workload.selinuxDisabled.at,
        evidence: 'label: disable',
      });
    return violations;
  },
});
